import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { CAPTURED_TABLES } from '../../../migrations/0003_central_change_capture.ts';
import type { DbUrl } from '../db/url.ts';
import { schemaCheck, type Check } from './doctor.ts';
import { binlogWarnings } from './grants-apply.ts';
import { effectivePrivileges, parseGrants } from './grants-parse.ts';
import { APP_TABLE_PRIVILEGES } from './grants.ts';

// The central half of `smms doctor`: connection and TLS, schema version, the change-capture triggers
// (present, or at least firing), the account's rights against what the app needs, clock skew, and
// whether the server will let `smms migrate` create triggers.

type MysqlUrl = Extract<DbUrl, { kind: 'mysql' }>;

// The tables later migrations capture the same way (their lists are private to the frozen files).
const LATER_CAPTURED = [
  // 0005: risk thresholds and attachment bytes
  'department_settings',
  'attachment_blobs',
  // 0007: staff and restricted notes
  'student_notes',
  // 0008: compliance norms, guardians, letters, kudos, notification delivery
  'department_norms',
  'guardian_contacts',
  'guardian_contact_log',
  'letter_templates',
  'kudos',
  'notification_prefs',
  'notification_digest_items',
  // 0009: the handover rule for staff notes
  'department_note_settings',
];
// 0015 stops capturing audit_logs (no laptop pulls it).
const UNCAPTURED = new Set(['audit_logs']);
const EXPECTED_TRIGGERS = [...Object.keys(CAPTURED_TABLES), ...LATER_CAPTURED]
  .filter((t) => !UNCAPTURED.has(t))
  .flatMap((t) => ['ai', 'au', 'ad'].map((s) => `smms_sync_${t}_${s}`));
const DDL = ['CREATE', 'ALTER', 'DROP', 'TRIGGER', 'INDEX', 'SUPER'];
const WARN_SKEW_MS = 10_000;
const FAIL_SKEW_MS = 5 * 60_000;

async function rows<T>(conn: Connection, query: string, params: unknown[] = []): Promise<T[]> {
  const [r] = await conn.query<RowDataPacket[]>(query, params);
  return r as unknown as T[];
}

const check = (name: string, status: Check['status'], detail: string): Check => ({
  area: 'central',
  name,
  status,
  detail,
});

export async function doctorCentral(url: MysqlUrl, now: () => Date = () => new Date()): Promise<Check[]> {
  let conn: Connection;
  try {
    conn = await createConnection({
      host: url.host,
      port: url.port,
      user: url.user,
      password: url.password,
      database: url.database,
      connectTimeout: 5000,
      ...(url.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
    });
  } catch (err) {
    return [check('connection', 'fail', connectProblem(err, url))];
  }
  try {
    const checks = [await connectionCheck(conn, url), await centralSchema(conn)];
    const privileges = effectivePrivileges(parseGrants(await showGrants(conn)), url.database);
    checks.push(await triggersCheck(conn, privileges.has('*', 'TRIGGER')));
    checks.push(grantsCheck(privileges, url.user));
    checks.push(await clockCheck(conn, now));
    const binlog = await binlogWarnings(conn);
    checks.push(
      binlog.length
        ? check('binary log', privileges.has('*', 'SUPER') ? 'ok' : 'warn', binlog[0]!)
        : check(
            'binary log',
            'ok',
            'triggers can be created (binary log off, or log_bin_trust_function_creators = 1).',
          ),
    );
    return checks;
  } finally {
    await conn.end();
  }
}

function connectProblem(err: unknown, url: MysqlUrl): string {
  const code = String((err as { code?: unknown }).code ?? '');
  if (code === 'ER_ACCESS_DENIED_ERROR')
    return `the server refused user "${url.user}": wrong user name or password.`;
  if (code === 'ER_BAD_DB_ERROR') return `database "${url.database}" does not exist; run smms migrate.`;
  if (code === 'ECONNREFUSED') return `nothing answers at ${url.host}:${url.port}; is MySQL/MariaDB running?`;
  return `cannot connect to ${url.host}:${url.port} (${code || (err as Error).message}).`;
}

async function connectionCheck(conn: Connection, url: MysqlUrl): Promise<Check> {
  const [v] = await rows<{ v: string }>(conn, 'SELECT VERSION() AS v');
  const [tls] = await rows<{ Value: string }>(conn, "SHOW SESSION STATUS LIKE 'Ssl_cipher'");
  const encrypted = Boolean(tls?.Value);
  const local = ['127.0.0.1', 'localhost', '::1'].includes(url.host);
  const detail = `${v?.v ?? 'unknown server'} at ${url.host}:${url.port}, ${encrypted ? `TLS (${tls!.Value})` : 'not encrypted'}.`;
  if (!encrypted && !local) {
    return check(
      'connection',
      'warn',
      `${detail} Add ?ssl=true to the URL so passwords and data are encrypted.`,
    );
  }
  return check('connection', 'ok', detail);
}

async function centralSchema(conn: Connection): Promise<Check> {
  const has = await rows(
    conn,
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'smms_migrations'",
  );
  if (!has.length) return schemaCheck('central', [], false, '');
  const applied = (await rows<{ name: string }>(conn, 'SELECT name FROM smms_migrations ORDER BY name')).map(
    (r) => r.name,
  );
  const c = schemaCheck('central', applied, true, 'run smms migrate with the migration account.');
  // Central is never migrated by the app: a central database behind the app is a real problem.
  return c.status === 'warn' ? { ...c, status: 'fail' } : c;
}

async function showGrants(conn: Connection): Promise<string[]> {
  const r = await rows<Record<string, string>>(conn, 'SHOW GRANTS');
  return r.map((row) => String(Object.values(row)[0]));
}

async function triggersCheck(conn: Connection, canSeeTriggers: boolean): Promise<Check> {
  const present = (
    await rows<{ n: string }>(
      conn,
      'SELECT TRIGGER_NAME AS n FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()',
    )
  ).map((r) => r.n);
  const missing = EXPECTED_TRIGGERS.filter((t) => !present.includes(t));
  if (!missing.length)
    return check('triggers', 'ok', `all ${EXPECTED_TRIGGERS.length} change-capture triggers present.`);
  if (canSeeTriggers || present.length > 0) {
    return check(
      'triggers',
      'fail',
      `${missing.length} change-capture trigger(s) missing (${missing.slice(0, 3).join(', ')}…): writes to those tables never reach the laptops.`,
    );
  }
  return probeTriggers(conn);
}

/**
 * An account without the TRIGGER privilege cannot see triggers in information_schema, so ask them to
 * fire instead: touch one row inside a transaction and see whether the change log moved, then roll back.
 */
export async function probeTriggers(conn: Connection): Promise<Check> {
  await conn.query('START TRANSACTION');
  try {
    const before = await rows<{ v: number }>(conn, 'SELECT v FROM sync_counter WHERE id = 1');
    const touched = await conn.query('UPDATE institutions SET updatedAt = updatedAt LIMIT 1');
    const changed = (touched[0] as { affectedRows?: number }).affectedRows ?? 0;
    const after = await rows<{ v: number }>(conn, 'SELECT v FROM sync_counter WHERE id = 1');
    if (changed === 0)
      return check(
        'triggers',
        'warn',
        'this account cannot list triggers and there is no row to test them on.',
      );
    return Number(after[0]?.v) > Number(before[0]?.v)
      ? check('triggers', 'ok', 'change capture fires (tested inside a transaction that was rolled back).')
      : check(
          'triggers',
          'fail',
          'a test update did not reach the change log: the change-capture triggers are missing.',
        );
  } finally {
    await conn.query('ROLLBACK');
  }
}

function grantsCheck(privileges: ReturnType<typeof effectivePrivileges>, user: string): Check {
  const missing: string[] = [];
  for (const [table, needed] of Object.entries(APP_TABLE_PRIVILEGES)) {
    const lacking = needed.filter((p) => !privileges.has(table, p));
    if (lacking.length) missing.push(`${lacking.join('/')} on ${table}`);
  }
  if (missing.length) {
    return check(
      'grants',
      'fail',
      `"${user}" lacks ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? '…' : ''}; the app needs them (smms central:grants).`,
    );
  }
  const ddl = DDL.filter((p) => privileges.has('*', p));
  const rewritesAudit = ['UPDATE', 'DELETE'].filter((p) => privileges.has('audit_logs', p));
  if (ddl.length || rewritesAudit.length) {
    return check(
      'grants',
      'warn',
      `"${user}" has every right the app needs, and more (${[...ddl, ...rewritesAudit.map((p) => `${p} on audit_logs`)].join(', ')}): ` +
        'fine for an administrator or the migration account; laptops should use a least-privilege account (smms central:grants).',
    );
  }
  return check(
    'grants',
    'ok',
    `"${user}" has exactly the app's rights: DML on app tables, audit_logs append-only, no DDL.`,
  );
}

async function clockCheck(conn: Connection, now: () => Date): Promise<Check> {
  const sent = now().getTime();
  const [r] = await rows<{ t: string }>(
    conn,
    "SELECT DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%dT%H:%i:%s.%fZ') AS t",
  );
  const received = now().getTime();
  const server = Date.parse(String(r?.t).replace(/(\.\d{3})\d*Z$/, '$1Z'));
  const skew = server - (sent + received) / 2;
  const words = `central's clock is ${(Math.abs(skew) / 1000).toFixed(1)} s ${skew >= 0 ? 'ahead of' : 'behind'} this computer`;
  if (Math.abs(skew) >= FAIL_SKEW_MS)
    return check('clock', 'fail', `${words}: set both clocks from the network (NTP).`);
  if (Math.abs(skew) >= WARN_SKEW_MS)
    return check('clock', 'warn', `${words}; times recorded offline will look shifted.`);
  return check('clock', 'ok', `${words}.`);
}

import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import type { DbUrl } from '../db/url.ts';
import { grantsSql, GrantsInputError, unclassifiedTables, type GrantsPlan } from './grants.ts';

// `smms central:grants --admin <url>`: runs the grants with an administrator's connection, after
// looking at the server (which tables exist, which accounts already exist, binary logging).

export interface AppliedGrants {
  statements: string[];
  /** Accounts created now (their new password is in the plan); the others kept their password. */
  created: string[];
  warnings: string[];
}

type MysqlUrl = Extract<DbUrl, { kind: 'mysql' }>;

async function rows<T>(conn: Connection, query: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await conn.query<RowDataPacket[]>(query, params);
  return result as unknown as T[];
}

export async function applyGrants(
  admin: MysqlUrl,
  plan: GrantsPlan,
  options: { resetPasswords?: boolean } = {},
): Promise<AppliedGrants> {
  const conn = await createConnection({
    host: admin.host,
    port: admin.port,
    user: admin.user,
    password: admin.password,
    database: plan.database,
    connectTimeout: 5000,
    ...(admin.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
  });
  try {
    const tables = (
      await rows<{ t: string }>(
        conn,
        'SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
        [plan.database],
      )
    ).map((r) => r.t);
    if (tables.length === 0) {
      throw new GrantsInputError(`Database "${plan.database}" has no tables yet. Run smms migrate first.`);
    }
    await checkPeople(conn, plan);
    const created: string[] = [];
    for (const a of [plan.migrate, plan.app, ...plan.people]) {
      const exists = await rows(conn, 'SELECT 1 FROM mysql.user WHERE User = ? AND Host = ?', [
        a.user,
        plan.host,
      ]);
      a.created = exists.length === 0;
      if (a.created) created.push(a.user);
    }
    const statements = grantsSql({ ...plan, tables }, options);
    for (const statement of statements) {
      if (!statement.startsWith('--')) await conn.query(statement);
    }
    return {
      statements,
      created,
      warnings: [...tableWarnings(tables, plan), ...(await binlogWarnings(conn))],
    };
  } finally {
    await conn.end();
  }
}

async function checkPeople(conn: Connection, plan: GrantsPlan): Promise<void> {
  for (const p of plan.people) {
    const found = await rows(conn, 'SELECT 1 FROM users WHERE email = ?', [p.email]);
    if (found.length === 0) {
      throw new GrantsInputError(`No SMMS user has the email ${p.email}; nothing was changed.`);
    }
  }
}

function tableWarnings(tables: readonly string[], plan: GrantsPlan): string[] {
  const unknown = unclassifiedTables(tables);
  return unknown.length
    ? [
        `Tables this version of smms does not know were left out of ${plan.app.user}'s rights: ` +
          `${unknown.join(', ')}. Run central:grants from the SMMS version that created them.`,
      ]
    : [];
}

/** On a server that writes a binary log, creating triggers needs one of two things. */
export async function binlogWarnings(conn: Connection): Promise<string[]> {
  const [v] = await rows<{ lb: number | string; tr: number | string }>(
    conn,
    'SELECT @@log_bin AS lb, @@log_bin_trust_function_creators AS tr',
  );
  if (Number(v?.lb) !== 1 || Number(v?.tr) === 1) return [];
  return [
    'This server writes a binary log and log_bin_trust_function_creators is OFF: smms migrate can only ' +
      'create its change-capture triggers with SUPER, or after an administrator runs ' +
      'SET GLOBAL log_bin_trust_function_creators = 1 (and adds it to the server configuration).',
  ];
}

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../../src/core/db/url.ts';
import { doctorCentral, probeTriggers } from '../../src/core/ops/doctor-central.ts';
import { applyGrants } from '../../src/core/ops/grants-apply.ts';
import { APP_TABLE_PRIVILEGES, personUserName, type GrantsPlan } from '../../src/core/ops/grants.ts';
import { openSyncedLocalCore } from '../../src/core/sync/local-core.ts';
import { runSyncOnce } from '../../src/core/sync/runner.ts';
import { runCli } from '../cli/run-cli.ts';
import { MYSQL_SERVER } from '../helpers/db.ts';
import { makeWorld, type World } from '../sync/harness.ts';

// The least-privilege central accounts on a real MariaDB: the app account can do everything a laptop
// does (a full sync: snapshot, push through the services, audit rows, change capture by triggers)
// and nothing more (no DDL, no rewriting audit_logs, no pruning the change log); the migration
// account can build tables and triggers; a re-run keeps passwords and grants the same rights.

const server = parseDbUrl(`${MYSQL_SERVER}/x`) as Extract<ReturnType<typeof parseDbUrl>, { kind: 'mysql' }>;
const tag = Math.random().toString(36).slice(2, 8);
const APP = `smms_t${tag}_app`;
const MIGRATE = `smms_t${tag}_mig`;

let world: World;
let database: string;
let plan: GrantsPlan;
const opened: Connection[] = [];

async function as(user: string, password: string): Promise<Connection> {
  const c = await createConnection({ host: server.host, port: server.port, user, password, database });
  opened.push(c);
  return c;
}

async function errnoOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'allowed',
    (e: { code?: string }) => e.code ?? 'error',
  );
}

const urlFor = (user: string, password: string): string =>
  `mysql://${user}:${password}@${server.host}:${server.port}/${database}`;

beforeAll(async () => {
  world = await makeWorld();
  database = world.central.url.kind === 'mysql' ? world.central.url.database : '';
  plan = {
    database,
    host: '%',
    requireSsl: false,
    app: { user: APP, password: 'App-Pass-1234567890' },
    migrate: { user: MIGRATE, password: 'Mig-Pass-1234567890' },
    people: [],
  };
});

afterAll(async () => {
  for (const c of opened) await c.end().catch(() => undefined);
  const root = await createConnection({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
  });
  for (const u of [APP, MIGRATE, personUserName(world.cast.mentor.email)]) {
    await root.query(`DROP USER IF EXISTS '${u}'@'%'`);
  }
  await root.end();
  await world.close();
});

describe('central:grants on MariaDB', () => {
  it('names every table of a freshly migrated central database', async () => {
    const r = await sql<{
      t: string;
    }>`select table_name as t from information_schema.tables where table_schema = database()`.execute(
      world.central.kysely,
    );
    expect(r.rows.map((x) => x.t).sort()).toEqual(Object.keys(APP_TABLE_PRIVILEGES).sort());
  });

  it('creates both accounts; the app account syncs a laptop end to end', async () => {
    const r = await applyGrants(server, plan);
    expect(r.created.sort()).toEqual([APP, MIGRATE].sort());
    const { mentor } = world.cast;
    const localUrl = `sqlite:${join(mkdtempSync(join(tmpdir(), 'smms-grants-')), 'mentor.sqlite')}`;
    const args = {
      localUrl,
      centralUrl: urlFor(APP, plan.app.password),
      email: mentor.email,
      password: mentor.password,
    };
    const assignmentId = await world.assign(mentor.id, world.cast.student.id);
    const first = await runSyncOnce(args);
    expect(first.pulled).toBeGreaterThan(0);

    const app = await openSyncedLocalCore({ dbUrl: localUrl, appVersion: 'test' });
    const s = app.core.openTrustedSession(mentor.id);
    expect((await app.core.dispatch('users:update-own-profile', { bio: 'least privilege' }, s)).ok).toBe(
      true,
    );
    // A replay central refuses (the assignment ended meanwhile) has its sync record corrected in the
    // batch's transaction: the app account needs that too, not only the happy path.
    const session = await app.core.dispatch(
      'sessions:record',
      { assignmentId, sessionDate: '2026-02-01T08:30:00.000Z', topic: 'Offline check-in', mode: 'ONLINE' },
      s,
    );
    expect(session.ok).toBe(true);
    await app.core.close();
    await world.central.kysely
      .updateTable('mentor_assignments')
      .set({ status: 'ENDED', endedAt: '2026-02-01T09:00:00.000Z' })
      .where('id', '=', assignmentId)
      .execute();
    expect(await runSyncOnce(args)).toMatchObject({ pushed: 2, applied: 1, rejected: 1 });
    const bio = await world.central.kysely
      .selectFrom('user_profiles')
      .select('bio')
      .where('userId', '=', mentor.id)
      .executeTakeFirst();
    expect(bio?.bio).toBe('least privilege');
  });

  it('the app account may not change the schema, rewrite the audit trail or prune the change log', async () => {
    const c = await as(APP, plan.app.password);
    expect(
      await errnoOf(c.query('INSERT INTO audit_logs (action, entity) VALUES (?, ?)', ['probe', 'grants'])),
    ).toBe('allowed');
    const denied = [
      'UPDATE audit_logs SET action = action',
      'DELETE FROM audit_logs',
      'DELETE FROM sync_changes',
      'UPDATE sync_counter SET v = v',
      'CREATE TABLE probe (x INT)',
      'ALTER TABLE users ADD COLUMN probe INT',
      'DROP TABLE notifications',
      'DROP TRIGGER smms_sync_users_ai',
      'SELECT * FROM mysql.user',
    ];
    for (const statement of denied) {
      expect(await errnoOf(c.query(statement)), statement).toMatch(
        /^ER_(TABLEACCESS|DBACCESS|SPECIFIC_ACCESS|TRIGGER|COLUMNACCESS)/,
      );
    }
  });

  it('the migration account builds tables and triggers in its database only', async () => {
    const c = await as(MIGRATE, plan.migrate.password);
    await c.query('CREATE TABLE grants_probe (x INT)');
    await c.query(
      'CREATE TRIGGER grants_probe_ai AFTER INSERT ON grants_probe FOR EACH ROW SET @probe = NEW.x',
    );
    await c.query('DROP TABLE grants_probe');
    expect(await errnoOf(c.query('SELECT * FROM mysql.user'))).toMatch(/^ER_/);
  });

  it('a re-run keeps the passwords and grants the same rights; personal accounts get the app rights', async () => {
    const root = await createConnection({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
    });
    opened.push(root);
    const grantsOf = async (u: string): Promise<string[]> =>
      ((await root.query(`SHOW GRANTS FOR '${u}'@'%'`))[0] as Record<string, string>[])
        .map((row) => Object.values(row)[0]!.replace(/ IDENTIFIED BY PASSWORD '[^']*'/, ''))
        .sort();
    const before = await grantsOf(APP);
    const person = {
      email: world.cast.mentor.email,
      user: personUserName(world.cast.mentor.email),
      password: 'Person-Pass-123456',
    };
    const again = await applyGrants(server, {
      ...plan,
      app: { user: APP, password: 'Would-Be-New-123456' },
      migrate: { user: MIGRATE, password: 'Would-Be-New-123456' },
      people: [person],
    });
    expect(again.created).toEqual([person.user]);
    expect(await grantsOf(APP)).toEqual(before);
    await as(APP, plan.app.password);
    expect((await grantsOf(person.user)).map((g) => g.replaceAll(person.user, APP))).toEqual(before);
    await expect(
      applyGrants(server, {
        ...plan,
        people: [{ email: 'nobody@nowhere.example', user: 'smms_nobody', password: 'x1234567' }],
      }),
    ).rejects.toThrow(/No SMMS user has the email nobody@nowhere\.example/);
  });

  it('smms doctor with the app account: rights exactly right, triggers fire, schema current', async () => {
    const checks = await doctorCentral(parseDbUrl(urlFor(APP, plan.app.password)) as typeof server);
    const byName = Object.fromEntries(checks.map((c) => [c.name, c]));
    expect(byName.grants).toMatchObject({ status: 'ok' });
    // MariaDB lists triggers to any account with rights on the table; MySQL 8 hides them without
    // TRIGGER, and doctor then makes them fire instead (probed directly below).
    expect(byName.triggers).toMatchObject({ status: 'ok' });
    const c = await as(APP, plan.app.password);
    expect(await probeTriggers(c)).toMatchObject({ status: 'ok', detail: expect.stringMatching(/fires/) });
    expect(byName.schema).toMatchObject({ status: 'ok' });
    expect(byName.clock).toMatchObject({ status: 'ok' });
    const root = await doctorCentral(parseDbUrl(world.central.urlText) as typeof server);
    expect(root.find((c) => c.name === 'grants')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/and more/),
    });
    expect(root.find((c) => c.name === 'triggers')).toMatchObject({
      status: 'ok',
      detail: 'all 75 change-capture triggers present.',
    });
  });

  it('smms doctor sees a dropped trigger, a missing right and a skewed clock', async () => {
    const root = await createConnection({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      database,
    });
    opened.push(root);
    await root.query('DROP TRIGGER smms_sync_goals_au');
    await root.query('DROP TRIGGER smms_sync_institutions_au');
    expect(await probeTriggers(await as(APP, plan.app.password))).toMatchObject({ status: 'fail' });
    await root.query(`REVOKE INSERT ON \`${database}\`.\`sync_mutations\` FROM '${APP}'@'%'`);
    const asRoot = await doctorCentral(
      parseDbUrl(world.central.urlText) as typeof server,
      () => new Date(Date.now() - 3_600_000),
    );
    expect(asRoot.find((c) => c.name === 'triggers')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(
        /2 change-capture trigger\(s\) missing \(smms_sync_institutions_au, smms_sync_goals_au/,
      ),
    });
    expect(asRoot.find((c) => c.name === 'clock')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/ahead of this computer/),
    });
    const asApp = await doctorCentral(parseDbUrl(urlFor(APP, plan.app.password)) as typeof server);
    expect(asApp.find((c) => c.name === 'grants')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/lacks INSERT on sync_mutations/),
    });

    const cli = await runCli(['doctor', '--db', urlFor(APP, plan.app.password)]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(/fail +grants +.*lacks INSERT on sync_mutations/);
    expect(cli.stdout).not.toContain(plan.app.password);
  });
});

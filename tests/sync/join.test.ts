import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { createCore, type CoreEvent } from '../../src/core/app.ts';
import { silentLogger } from '../../src/core/log.ts';
import { memoryStores, type ConnectionStores } from '../../src/core/sync/connection-store.ts';
import { createConnectableCore, type ConnectableCore } from '../../src/core/sync/connectable-core.ts';
import { getState, setState } from '../../src/core/sync/local-state.ts';
import { makeUser } from '../fixtures/builders.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { tcpRelay } from '../helpers/tcp-relay.ts';
import { cacheRows, centralInScope, makeWorld, type World } from './harness.ts';

// A mentor's new laptop joins the department's central database from the first-run screen
// (sync:join): checked by central's own sign-in, the laptop becomes central's cache for that person,
// scoped like any synced laptop, and signs them in. Refusals leave the install untouched.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function fieldsOf(central: TestDb) {
  if (central.url.kind !== 'mysql') throw new Error('central must be MariaDB');
  const { host, port, user, password, database } = central.url;
  return { host, port, database, user, password, ssl: false };
}

async function freshInstall(): Promise<{
  app: ConnectableCore;
  s: string;
  stores: ConnectionStores;
  db: Db;
}> {
  const db = connect('sqlite::memory:');
  await migrateToLatest(db);
  const stores = memoryStores();
  const app = await createConnectableCore({ db, appVersion: 'test', stores, intervalMs: 3_600_000 });
  cleanup.push(() => app.core.close());
  return { app, s: app.core.openSession(), stores, db };
}

async function world(): Promise<World> {
  const w = await makeWorld();
  cleanup.push(() => w.close());
  return w;
}

const errorOf = (r: { ok: boolean; error?: { code: string; message: string } }) =>
  r.ok ? { code: 'ok', message: '' } : r.error!;

async function untouched(install: { db: Db; stores: ConnectionStores }): Promise<void> {
  expect(await getState(install.db.kysely, 'mode')).toBeNull();
  expect(await install.stores.settings.get('central')).toBeNull();
  expect(await install.stores.secrets.get('central.password')).toBeNull();
  const users = await install.db.kysely.selectFrom('users').select('id').execute();
  expect(users).toEqual([]);
}

describe('joining a central database from a fresh install', () => {
  it('a mentor joins: the cache holds exactly their scope, they are signed in, and writes sync up', async () => {
    const w = await world();
    const { cast } = w;
    await w.assign(cast.mentor.id, cast.student.id);
    // Someone the mentor must not receive: a student of the other department.
    await makeUser(w.central.kysely, 'STUDENT', {
      institutionId: cast.inst.id,
      departmentId: cast.otherDept.id,
    });
    const install = await freshInstall();
    const { app, s } = install;
    const events: CoreEvent[] = [];
    app.core.onEvent((e) => events.push(e));

    const test = await app.core.dispatch('sync:test-join', fieldsOf(w.central), s);
    expect(test.ok && test.data).toMatchObject({ ok: true, plan: 'join' });

    const r = await app.core.dispatch(
      'sync:join',
      { connection: fieldsOf(w.central), email: cast.mentor.email, password: cast.mentor.password },
      s,
    );
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message} ${JSON.stringify(r.error.issues)}`);
    const joined = r.data as {
      user: { id: string; role: string };
      institution: { name: string };
      sync: { pulled: number; snapshot: boolean };
      message: string;
    };
    expect(joined.user).toMatchObject({ id: cast.mentor.id, role: 'MENTOR' });
    expect(joined.institution.name).toBe(cast.inst.name);
    expect(joined.sync.snapshot).toBe(true);
    expect(joined.message).toContain(`Joined ${cast.inst.name}.`);
    // The first download reported its progress for the screen's bar.
    const progress = events.flatMap((e) =>
      e.type === 'sync:status' ? [(e.status as { progress?: { phase: string } }).progress?.phase] : [],
    );
    expect(progress).toContain('snapshot');
    // Rows counted while the download runs: the total is 0 (not known yet) or never below what came.
    const counts = events.flatMap((e) => {
      const p =
        e.type === 'sync:status' ? (e.status as { progress?: Record<string, unknown> }).progress : null;
      return p?.phase === 'snapshot' ? [{ done: Number(p.done), total: Number(p.total) }] : [];
    });
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) expect(c.total === 0 || c.total >= c.done).toBe(true);

    const me = await app.core.dispatch('auth:me', {}, s);
    expect(me.ok && (me.data as { user: { id: string } }).user.id).toBe(cast.mentor.id);
    const cache = { ...install.db, urlText: '', drop: () => Promise.resolve() };
    expect(await cacheRows(cache)).toEqual(await centralInScope(w.central, cast.mentor.id));
    expect(await getState(install.db.kysely, 'mode')).toBe('synced');
    expect(await getState(install.db.kysely, 'userId')).toBe(cast.mentor.id);
    expect(await getState(install.db.kysely, 'joinStartedAt')).toBeNull();
    // The connection is kept; the person's own password is not, anywhere on this computer.
    expect(JSON.parse((await install.stores.settings.get('central'))!)).toMatchObject({
      host: fieldsOf(w.central).host,
    });
    expect(await install.stores.settings.get('central')).not.toContain(cast.mentor.password);
    expect(await install.stores.secrets.get('central.password')).toBe(fieldsOf(w.central).password ?? '');
    const centralAudit = await w.central.kysely
      .selectFrom('audit_logs')
      .select('action')
      .where('userId', '=', cast.mentor.id)
      .execute();
    expect(centralAudit.map((a) => a.action)).toContain('auth:login');

    // A write on the laptop queues and reaches central.
    const write = await app.core.dispatch('users:update-own-profile', { phone: '+91 98450 11111' }, s);
    expect(errorOf(write).code).toBe('ok');
    const now = await app.core.dispatch('sync:now', {}, s);
    expect(now.ok && now.data).toMatchObject({ pushed: 1, applied: 1 });
    const profile = await w.central.kysely
      .selectFrom('user_profiles')
      .select('phone')
      .where('userId', '=', cast.mentor.id)
      .executeTakeFirstOrThrow();
    expect(profile.phone).toBe('+91 98450 11111');

    // Set up now: both first-run calls are refused.
    const again = await app.core.dispatch(
      'sync:join',
      { connection: fieldsOf(w.central), email: cast.mentor.email, password: cast.mentor.password },
      s,
    );
    expect(errorOf(again)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already set up/),
    });
    const retest = await app.core.dispatch('sync:test-join', fieldsOf(w.central), s);
    expect(errorOf(retest).code).toBe('CONFLICT');
  });

  it('wrong passwords (up to central’s lockout), a disabled account or an unreachable central change nothing on the laptop', async () => {
    const w = await world();
    const { cast } = w;
    const install = await freshInstall();
    const join = (email: string, password: string, connection = fieldsOf(w.central)) =>
      install.app.core.dispatch('sync:join', { connection, email, password }, install.s);

    expect(errorOf(await join(cast.mentor.email, 'Not-The-Password-1'))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'The email or password is not correct.',
    });
    await untouched(install);
    const failed = await w.central.kysely
      .selectFrom('audit_logs')
      .select('action')
      .where('userId', '=', cast.mentor.id)
      .execute();
    expect(failed.map((a) => a.action)).toEqual(['auth:login-failed']);

    const disabled = await makeUser(w.central.kysely, 'MENTOR', {
      institutionId: cast.inst.id,
      departmentId: cast.dept.id,
      status: 'DISABLED',
    });
    expect(errorOf(await join(disabled.email, disabled.password))).toEqual({
      code: 'FORBIDDEN',
      message: 'This account has been disabled. Please contact your department office.',
    });
    await untouched(install);

    // Nothing listens on port 9 (discard) here.
    const gone = { ...fieldsOf(w.central), host: '127.0.0.1', port: 9 };
    expect(errorOf(await join(cast.mentor.email, cast.mentor.password, gone)).code).toBe('OFFLINE');
    await untouched(install);
    expect(errorOf(await install.app.core.dispatch('auth:me', {}, install.s)).code).toBe('ok');
    const me = await install.app.core.dispatch('setup:status', {}, install.s);
    expect(me.ok && me.data).toEqual({ needsSetup: true });

    // Central's lockout counts these attempts like any sign-in: the fifth failure locks the account.
    for (let i = 0; i < 3; i++) await join(cast.mentor.email, 'Not-The-Password-1');
    expect(errorOf(await join(cast.mentor.email, 'Not-The-Password-1'))).toEqual({
      code: 'RATE_LIMITED',
      message: 'Too many failed attempts. This account is locked for 15 minutes.',
    });
    expect(errorOf(await join(cast.mentor.email, cast.mentor.password))).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/locked; try again in 15 minutes/),
    });
    await untouched(install);
  });

  it('a new mentor joins with the invitation code: activated on central with the chosen password, then signed in', async () => {
    const w = await world();
    const { cast } = w;
    // The office invites a mentor on central (invitations are central-only: their codes live there).
    const office = createCore({ db: w.central, appVersion: 'test', log: silentLogger });
    const os = office.openTrustedSession(cast.deptAdmin.id);
    const invited = await office.dispatch(
      'users:create',
      { email: 'new.mentor@example.edu', firstName: 'Neha', lastName: 'Joshi', role: 'MENTOR' },
      os,
    );
    if (!invited.ok) throw new Error(invited.error.message);
    const { user, resetCode } = invited.data as { user: { id: string }; resetCode: string };
    const install = await freshInstall();
    const join = (extra: Record<string, unknown>) =>
      install.app.core.dispatch(
        'sync:join',
        { connection: fieldsOf(w.central), email: 'new.mentor@example.edu', ...extra },
        install.s,
      );

    // Without the code the account has no password yet: refused, nothing on the laptop changes.
    expect(errorOf(await join({ password: 'Mentor-First-Pass-2026' })).code).toBe('UNAUTHENTICATED');
    await untouched(install);
    // A wrong code is refused and names the code field.
    const wrong = await join({ password: 'Mentor-First-Pass-2026', inviteCode: 'AAAA-BBBB-CCCC-DDDD' });
    expect(wrong.ok).toBe(false);
    await untouched(install);
    // A password the policy refuses names the password field (the reset call's newPassword).
    const weak = await join({ password: 'short', inviteCode: resetCode });
    expect(weak.ok ? [] : (weak.error.issues ?? []).map((i) => i.path)).toContain('password');
    await untouched(install);

    const r = await join({ password: 'Mentor-First-Pass-2026', inviteCode: resetCode });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    expect((r.data as { user: { id: string } }).user.id).toBe(user.id);
    const central = await w.central.kysely
      .selectFrom('users')
      .select('status')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(central.status).toBe('ACTIVE');
    const me = await install.app.core.dispatch('auth:me', {}, install.s);
    expect(me.ok && (me.data as { user: { id: string } }).user.id).toBe(user.id);
    expect(await getState(install.db.kysely, 'mode')).toBe('synced');
    // The code was single use.
    const used = await w.central.kysely
      .selectFrom('password_resets')
      .select('usedAt')
      .where('userId', '=', user.id)
      .execute();
    expect(used.every((u) => u.usedAt !== null)).toBe(true);
  });

  it('an empty central is refused: set up a new institution instead', async () => {
    const central = await freshDb('mysql');
    cleanup.push(() => central.drop());
    const install = await freshInstall();
    const r = await install.app.core.dispatch(
      'sync:join',
      { connection: fieldsOf(central), email: 'someone@college.edu', password: 'Whatever-Pass-1' },
      install.s,
    );
    expect(errorOf(r)).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/empty: there is nothing to join\. Set up a new institution instead/),
    });
    await untouched(install);
  });

  it('an install that is already set up is refused before central is contacted', async () => {
    const w = await world();
    const install = await freshInstall();
    const init = await install.app.core.dispatch(
      'setup:initialize',
      {
        institution: { name: 'College RCE', code: 'RCE' },
        department: { name: 'Computer Science', code: 'CSE' },
        admin: {
          firstName: 'Asha',
          lastName: 'Rao',
          email: 'asha@rce.edu',
          password: 'Mentoring-Office-2026',
        },
      },
      install.s,
    );
    expect(init.ok).toBe(true);
    const r = await install.app.core.dispatch(
      'sync:join',
      { connection: fieldsOf(w.central), email: w.cast.mentor.email, password: w.cast.mentor.password },
      install.s,
    );
    expect(errorOf(r)).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already set up/) });
    const audit = await w.central.kysely.selectFrom('audit_logs').select('id').execute();
    expect(audit).toEqual([]);
  });

  it('central lost mid-download: the join is undone (OFFLINE), and joining again works', async () => {
    const w = await world();
    await w.assign(w.cast.mentor.id, w.cast.student.id);
    if (w.central.url.kind !== 'mysql') throw new Error('central must be MariaDB');
    const relay = await tcpRelay(w.central.url.host, w.central.url.port);
    cleanup.push(relay.close);
    const connection = { ...fieldsOf(w.central), host: '127.0.0.1', port: relay.port };
    const install = await freshInstall();
    let cut = false;
    install.app.core.onEvent((e) => {
      const phase =
        e.type === 'sync:status' && (e.status as { progress?: { phase: string } }).progress?.phase;
      if (phase === 'snapshot' && !cut) {
        cut = true;
        void relay.down();
      }
    });
    const { email, password } = w.cast.mentor;
    const lost = await install.app.core.dispatch('sync:join', { connection, email, password }, install.s);
    expect(cut).toBe(true);
    expect(errorOf(lost)).toEqual({
      code: 'OFFLINE',
      message: 'The central database stopped answering during the download. Nothing was kept; try again.',
    });
    await untouched(install);
    for (const table of ['institutions', 'departments', 'mentor_assignments'] as const) {
      expect(await install.db.kysely.selectFrom(table).select('id').execute()).toEqual([]);
    }
    // A standalone install again: foreign keys are enforced as before the join.
    const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(install.db.kysely);
    expect(fk.rows[0]?.foreign_keys).toBe(1);

    await relay.up();
    const again = await install.app.core.dispatch('sync:join', { connection, email, password }, install.s);
    expect(errorOf(again).code).toBe('ok');
    const cache = { ...install.db, urlText: '', drop: () => Promise.resolve() };
    expect(await cacheRows(cache)).toEqual(await centralInScope(w.central, w.cast.mentor.id));
  });

  it('a join the app could not finish is undone at the next start', async () => {
    const w = await world();
    const db = connect('sqlite::memory:');
    await migrateToLatest(db);
    const stores = memoryStores();
    // As a crash mid-download leaves it: synced, partly filled, the connection saved.
    await db.kysely
      .insertInto('institutions')
      .values({
        ...(await w.central.kysely.selectFrom('institutions').selectAll().executeTakeFirstOrThrow()),
      })
      .execute();
    await setState(db.kysely, 'mode', 'synced');
    await setState(db.kysely, 'snapshotStartedAt', '2026-02-01T09:00:00.000Z');
    await setState(db.kysely, 'joinStartedAt', '2026-02-01T09:00:00.000Z');
    await setState(db.kysely, 'clientId', 'laptop-1');
    await stores.settings.set(
      'central',
      JSON.stringify({ host: 'x', port: 3306, database: 'smms', user: 'u', ssl: false }),
    );
    await stores.secrets.set('central.password', 'db-pass');
    const app = await createConnectableCore({ db, appVersion: 'test', stores, intervalMs: 3_600_000 });
    cleanup.push(() => app.core.close());
    await untouched({ db, stores });
    expect(await db.kysely.selectFrom('institutions').select('id').execute()).toEqual([]);
    expect(await getState(db.kysely, 'clientId')).toBe('laptop-1');
    const status = await app.core.dispatch('setup:status', {}, app.core.openSession());
    expect(status.ok && status.data).toEqual({ needsSetup: true });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { verifyPassword } from '../../src/core/auth/password.ts';
import { syncOnce } from '../../src/core/sync/engine.ts';
import { memoryStores } from '../../src/core/sync/connection-store.ts';
import { saveConnection } from '../../src/core/sync/connection.ts';
import { createConnectableCore, type ConnectableCore } from '../../src/core/sync/connectable-core.ts';
import { setState } from '../../src/core/sync/local-state.ts';
import { OFFLINE_MESSAGE } from '../../src/core/sync/online-calls.ts';
import { makeCast, type MadeUser } from '../fixtures/builders.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { tcpRelay } from '../helpers/tcp-relay.ts';

// Calls the contract marks `online` run on central at once on a synced laptop (MariaDB central,
// SQLite laptop), through a relay the test can cut: online they change central and the laptop
// catches up; offline they fail OFFLINE and change nothing anywhere.

type Relay = Awaited<ReturnType<typeof tcpRelay>>;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function centralWithRelay(): Promise<{
  central: TestDb;
  relay: Relay;
  fields: ReturnType<typeof fieldsOf>;
}> {
  const central = await freshDb('mysql');
  cleanup.push(() => central.drop());
  if (central.url.kind !== 'mysql') throw new Error('central must be MariaDB');
  const relay = await tcpRelay(central.url.host, central.url.port);
  cleanup.push(relay.close);
  return { central, relay, fields: fieldsOf(central, relay.port) };
}

function fieldsOf(central: TestDb, port: number) {
  if (central.url.kind !== 'mysql') throw new Error('central must be MariaDB');
  const { user, password, database } = central.url;
  return { host: '127.0.0.1', port, database, user, password, ssl: false };
}

/** A laptop IT connected for `user`: first snapshot taken, connection saved, core resumed on it. */
async function syncedLaptop(central: TestDb, fields: ReturnType<typeof fieldsOf>, user: MadeUser) {
  const local = connect('sqlite::memory:');
  await migrateToLatest(local);
  const viaRelay = connect({ kind: 'mysql', ...fields }, { poolSize: 1 });
  await setState(local.kysely, 'mode', 'synced');
  await syncOnce({ local, central: viaRelay, userId: user.id, appVersion: 'test' });
  await viaRelay.close();
  const stores = memoryStores();
  await saveConnection(stores, fields);
  const app = await createConnectableCore({ db: local, appVersion: 'test', stores, intervalMs: 3_600_000 });
  cleanup.push(() => app.core.close());
  return app;
}

async function signIn(app: ConnectableCore, email: string, password: string): Promise<string> {
  const s = app.core.openSession();
  const r = await app.core.dispatch('auth:login', { email, password }, s);
  if (!r.ok) throw new Error(`sign-in failed: ${r.error.message}`);
  return s;
}

const hashOf = async (db: Db, id: string) =>
  (await db.kysely.selectFrom('users').select('passwordHash').where('id', '=', id).executeTakeFirstOrThrow())
    .passwordHash;

describe('online-only calls on a synced laptop', () => {
  it('change password: runs on central with its audit, the laptop then holds the new hash', async () => {
    const { central, fields } = await centralWithRelay();
    const cast = await makeCast(central.kysely);
    const app = await syncedLaptop(central, fields, cast.mentor);
    const s = await signIn(app, cast.mentor.email, cast.mentor.password);
    const r = await app.core.dispatch(
      'auth:change-password',
      { currentPassword: cast.mentor.password, newPassword: 'Fresh-Mentor-Pass-42' },
      s,
    );
    expect(r).toEqual({ ok: true, data: { changed: true } });
    const centralHash = await hashOf(central, cast.mentor.id);
    expect(await verifyPassword('Fresh-Mentor-Pass-42', centralHash)).toBe(true);
    expect(await verifyPassword(cast.mentor.password, centralHash)).toBe(false);
    const audit = await central.kysely
      .selectFrom('audit_logs')
      .select(['action', 'userId'])
      .where('action', '=', 'auth:change-password')
      .execute();
    expect(audit).toEqual([{ action: 'auth:change-password', userId: cast.mentor.id }]);
    // The refresh pulled the new hash: the laptop signs in with it, also offline later.
    expect(await hashOf(app.core.db, cast.mentor.id)).toBe(centralHash);
    await signIn(app, cast.mentor.email, 'Fresh-Mentor-Pass-42');
    const queued = await app.core.db.kysely.selectFrom('sync_outbox').select('callName').execute();
    expect(queued).toEqual([]);
  });

  it('change password offline: OFFLINE, nothing changes on central or on the laptop', async () => {
    const { central, relay, fields } = await centralWithRelay();
    const cast = await makeCast(central.kysely);
    const app = await syncedLaptop(central, fields, cast.mentor);
    const s = await signIn(app, cast.mentor.email, cast.mentor.password);
    const centralBefore = await hashOf(central, cast.mentor.id);
    const localBefore = await hashOf(app.core.db, cast.mentor.id);
    await relay.down();
    const r = await app.core.dispatch(
      'auth:change-password',
      { currentPassword: cast.mentor.password, newPassword: 'Fresh-Mentor-Pass-42' },
      s,
    );
    expect(r).toEqual({ ok: false, error: { code: 'OFFLINE', message: OFFLINE_MESSAGE } });
    expect(await hashOf(app.core.db, cast.mentor.id)).toBe(localBefore);
    expect(await hashOf(central, cast.mentor.id)).toBe(centralBefore);
    expect(await app.core.db.kysely.selectFrom('sync_outbox').selectAll().execute()).toEqual([]);
    // A refusal needs no network: a wrong role is FORBIDDEN even offline.
    const reset = await app.core.dispatch('auth:issue-reset', { userId: cast.student.id }, s);
    expect(reset.ok ? 'ok' : reset.error.code).toBe('FORBIDDEN');
  });

  it('reset codes and invitations are created on central; offline they are refused', async () => {
    const { central, relay, fields } = await centralWithRelay();
    const cast = await makeCast(central.kysely);
    const app = await syncedLaptop(central, fields, cast.deptAdmin);
    const s = await signIn(app, cast.deptAdmin.email, cast.deptAdmin.password);
    const issued = await app.core.dispatch('auth:issue-reset', { userId: cast.student.id }, s);
    expect(issued.ok).toBe(true);
    const centralCodes = () => central.kysely.selectFrom('password_resets').select('userId').execute();
    expect(await centralCodes()).toEqual([{ userId: cast.student.id }]);
    expect(await app.core.db.kysely.selectFrom('password_resets').selectAll().execute()).toEqual([]);
    // The student uses the code on this laptop before signing in: it is checked and spent on central.
    const code = issued.ok ? (issued.data as { code: string }).code : '';
    const anon = app.core.openSession();
    const reset = await app.core.dispatch(
      'auth:reset-password',
      { email: cast.student.email, token: code, newPassword: 'Student-New-Pass-2026' },
      anon,
    );
    expect(reset).toEqual({ ok: true, data: { reset: true } });
    expect(await verifyPassword('Student-New-Pass-2026', await hashOf(central, cast.student.id))).toBe(true);

    const invite = {
      email: 'invited.student@test.smms',
      firstName: 'Nila',
      lastName: 'Das',
      role: 'STUDENT' as const,
      departmentId: cast.dept.id,
      student: { rollNumber: 'ONLINE-1' },
    };
    const created = await app.core.dispatch('users:create', invite, s);
    expect(created.ok && (created.data as { resetCode: string | null }).resetCode).toMatch(/\S/);
    const onCentral = await central.kysely
      .selectFrom('users')
      .select(['id', 'status'])
      .where('email', '=', invite.email)
      .executeTakeFirstOrThrow();
    expect(onCentral.status).toBe('INVITED');
    // The refresh brought the new account into the office's cache, without queueing anything.
    const local = await app.core.db.kysely
      .selectFrom('users')
      .select('id')
      .where('email', '=', invite.email)
      .execute();
    expect(local).toEqual([{ id: onCentral.id }]);
    expect(await app.core.db.kysely.selectFrom('sync_outbox').selectAll().execute()).toEqual([]);

    await relay.down();
    const offline = await app.core.dispatch('users:create', { ...invite, email: 'second@test.smms' }, s);
    expect(offline.ok ? 'ok' : offline.error.code).toBe('OFFLINE');
    const withPassword = await app.core.dispatch(
      'users:create',
      {
        ...invite,
        email: 'third@test.smms',
        student: { rollNumber: 'ONLINE-3' },
        initialPassword: 'Mentee-Pass-2026',
      },
      s,
    );
    // An account with an initial password is an ordinary write: saved here and queued.
    expect(withPassword.ok).toBe(true);
    const queued = await app.core.db.kysely.selectFrom('sync_outbox').select('callName').execute();
    expect(queued).toEqual([{ callName: 'users:create' }]);
    expect(
      await central.kysely
        .selectFrom('users')
        .select('id')
        .where('email', 'in', ['second@test.smms', 'third@test.smms'])
        .execute(),
    ).toEqual([]);
  });
});

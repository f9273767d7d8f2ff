import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { verifyPassword } from '../../src/core/auth/password.ts';
import { memoryStores } from '../../src/core/sync/connection-store.ts';
import { createConnectableCore, type ConnectableCore } from '../../src/core/sync/connectable-core.ts';
import { getState } from '../../src/core/sync/local-state.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';

// Switching a standalone install with data to synced (SYNC.md "Modes"): its rows are uploaded once
// to an empty central; a central that already holds another institution is refused in words; after
// the switch the install syncs, and online calls go to central. Disconnecting forgets the connection.

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function standalone(code: string, email: string) {
  const db = connect('sqlite::memory:');
  await migrateToLatest(db);
  const stores = memoryStores();
  const app = await createConnectableCore({ db, appVersion: 'test', stores, intervalMs: 3_600_000 });
  cleanup.push(() => app.core.close());
  const s = app.core.openSession();
  const admin = { firstName: 'Asha', lastName: 'Rao', email, password: 'Mentoring-Office-2026' };
  const init = await app.core.dispatch(
    'setup:initialize',
    {
      institution: { name: `College ${code}`, code },
      department: { name: 'Computer Science', code: 'CSE' },
      admin,
    },
    s,
  );
  if (!init.ok) throw new Error(init.error.message);
  return { app, s, stores, admin };
}

async function must<T>(app: ConnectableCore, s: string, name: string, input: unknown): Promise<T> {
  const r = await app.core.dispatch(name, input, s);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}

function fieldsOf(central: TestDb) {
  if (central.url.kind !== 'mysql') throw new Error('central must be MariaDB');
  const { host, port, user, password, database } = central.url;
  return { host, port, database, user, password, ssl: false };
}

describe('switching a standalone install to synced', () => {
  it('uploads its data to an empty central, then syncs; another institution is refused', async () => {
    const central = await freshDb('mysql');
    cleanup.push(() => central.drop());
    const { app, s, stores, admin } = await standalone('RCE', 'asha@rce.edu');
    const { departmentId } = (await must<{ user: { departmentId: string } }>(app, s, 'auth:me', {})).user;
    const student = await must<{ user: { id: string } }>(app, s, 'users:create', {
      email: 'nila@rce.edu',
      firstName: 'Nila',
      lastName: 'Das',
      role: 'STUDENT',
      departmentId,
      student: { rollNumber: 'RCE-001' },
      initialPassword: 'Mentee-Pass-2026',
    });

    // Standalone: the app's reminder pass runs on the install's own database.
    const standaloneTarget = app.connection.reminderTarget();
    expect(standaloneTarget === 'skip' ? 'skip' : standaloneTarget.dialect).toBe('sqlite');

    const test = await must<{ ok: boolean; plan: string; planMessage: string }>(
      app,
      s,
      'sync:test-connection',
      fieldsOf(central),
    );
    expect(test).toMatchObject({ ok: true, plan: 'upload' });
    expect(test.planMessage).toMatch(/empty.*College RCE.*uploaded/);

    const set = await must<{ plan: string; uploaded: { table: string; rows: number }[]; sync: unknown }>(
      app,
      s,
      'sync:set-connection',
      fieldsOf(central),
    );
    expect(set.plan).toBe('upload');
    expect(set.uploaded).toEqual(
      expect.arrayContaining([
        { table: 'institutions', rows: 1 },
        { table: 'departments', rows: 1 },
        { table: 'users', rows: 2 },
        { table: 'student_profiles', rows: 1 },
      ]),
    );
    expect(set.sync).toMatchObject({ rejected: 0, conflicts: 0, snapshot: true });
    const users = await central.kysely.selectFrom('users').select(['id', 'email']).orderBy('email').execute();
    expect(users.map((u) => u.email)).toEqual(['asha@rce.edu', 'nila@rce.edu']);
    expect(users.find((u) => u.email === 'nila@rce.edu')?.id).toBe(student.user.id);
    // Central's triggers saw the upload: other computers receive it like any write.
    const changes = await central.kysely.selectFrom('sync_changes').select('tableName').execute();
    expect(changes.filter((c) => c.tableName === 'users')).toHaveLength(2);
    expect(await getState(app.core.db.kysely, 'mode')).toBe('synced');
    const status = await must<{ mode: string; pending: number }>(app, s, 'sync:status', {});
    expect(status).toMatchObject({ mode: 'synced', pending: 0 });
    const view = await must<{ connection: { host: string } | null; passwordSaved: boolean }>(
      app,
      s,
      'sync:get-connection',
      {},
    );
    expect(view).toMatchObject({ connection: { host: fieldsOf(central).host }, passwordSaved: true });
    expect(JSON.stringify(view)).not.toContain('"password"');

    // Synced: the reminder pass runs on central, where the data is whole (not on the scoped cache).
    const syncedTarget = app.connection.reminderTarget();
    expect(syncedTarget === 'skip' ? 'skip' : syncedTarget.dialect).toBe('mysql');
    expect(await app.reminders!.runNow()).toMatchObject({ sessionReminders: 0, goalReminders: 0 });

    // Now synced: a write queues and `sync:now` sends it; a password change goes to central at once.
    await must(app, s, 'users:update-own-profile', { phone: '+91 98450 12345' });
    const now = await must<{ pushed: number; applied: number }>(app, s, 'sync:now', {});
    expect(now).toMatchObject({ pushed: 1, applied: 1 });
    await must(app, s, 'auth:change-password', {
      currentPassword: admin.password,
      newPassword: 'Another-Office-Pass-2026',
    });
    const hash = await central.kysely
      .selectFrom('users')
      .select('passwordHash')
      .where('email', '=', admin.email)
      .executeTakeFirstOrThrow();
    expect(await verifyPassword('Another-Office-Pass-2026', hash.passwordHash)).toBe(true);

    // A second standalone install, another institution: refused before anything is written.
    const other = await standalone('MIT', 'ravi@mit.edu');
    const refused = await other.app.core.dispatch('sync:set-connection', fieldsOf(central), other.s);
    expect(refused.ok ? 'ok' : refused.error.code).toBe('CONFLICT');
    expect(refused.ok ? '' : refused.error.message).toMatch(
      /already holds another institution \(College RCE\)/,
    );
    expect(await central.kysely.selectFrom('institutions').select('code').execute()).toEqual([
      { code: 'RCE' },
    ]);
    expect(await getState(other.app.core.db.kysely, 'mode')).not.toBe('synced');

    // Disconnect: the connection and its password are forgotten; online calls now say OFFLINE.
    expect(await must(app, s, 'sync:disconnect', {})).toEqual({ disconnected: true, pending: 0 });
    // Still a synced cache, now without central: the pass waits rather than write into the cache.
    expect(app.connection.reminderTarget()).toBe('skip');
    expect(await stores.secrets.get('central.password')).toBeNull();
    const offline = await app.core.dispatch(
      'auth:change-password',
      { currentPassword: 'Another-Office-Pass-2026', newPassword: 'Third-Office-Pass-2026' },
      s,
    );
    expect(offline.ok ? 'ok' : offline.error.code).toBe('OFFLINE');
    const audit = await app.core.db.kysely
      .selectFrom('audit_logs')
      .select('action')
      .where('entity', '=', 'central_connection')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['sync:set-connection', 'sync:disconnect']);
  });
});

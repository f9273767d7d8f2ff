import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createCore } from '../../src/core/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { createSyncedLocalCore, type SyncedLocalCore } from '../../src/core/sync/local-core.ts';
import { toEntry } from '../../src/core/sync/local-state.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { makeCast, makeUser } from '../fixtures/builders.ts';
import {
  cacheRows,
  centralInScope,
  makeClient,
  makeWorld,
  outboxStatuses,
  type Cast,
  type World,
} from './harness.ts';

// Outbox capture on the laptop (decision 3) and what happens to queued entries afterwards.

const entries = async (db: TestDb) =>
  (await db.kysely.selectFrom('sync_outbox').selectAll().orderBy('seq').execute()).map(toEntry);

describe('outbox capture on a synced laptop (SQLite)', () => {
  let db: TestDb;
  let cast: Cast;
  let synced: SyncedLocalCore;
  let session: string;
  beforeEach(async () => {
    db = await freshDb('sqlite');
    cast = await makeCast(db.kysely);
    synced = await createSyncedLocalCore({
      db,
      appVersion: 'test',
      clock: new ManualClock(),
      validateOutput: true,
    });
    session = synced.core.openTrustedSession(cast.deptAdmin.id);
  });
  afterEach(async () => {
    await db.drop();
  });

  it('queues one entry per write call, in the call’s transaction, with input, ids, rows and base values', async () => {
    const heard: string[] = [];
    synced.onQueued((id) => heard.push(id));
    const r1 = await synced.core.dispatch(
      'students:update-academics',
      { id: cast.student.id, gpa: 9.1 },
      session,
    );
    expect(r1.ok).toBe(true);
    const r2 = await synced.core.dispatch(
      'users:create',
      {
        email: 'meera@test.smms',
        firstName: 'Meera',
        lastName: 'Iyer',
        role: 'STUDENT',
        departmentId: cast.dept.id,
        student: { rollNumber: 'CS-2026-001' },
        initialPassword: 'Mentee-Pass-2026',
      },
      session,
    );
    expect(r2.ok).toBe(true);
    const newId = r2.ok ? (r2.data as { user: { id: string } }).user.id : '';
    const [update, create] = await entries(db);
    expect(heard).toEqual([update!.mutationId, create!.mutationId]);
    expect(update).toMatchObject({
      callName: 'students:update-academics',
      input: { id: cast.student.id, gpa: 9.1 },
      userId: cast.deptAdmin.id,
      status: 'PENDING',
      touched: [{ table: 'student_profiles', rowId: cast.student.id, op: 'UPDATE' }],
      baseRows: [
        { table: 'student_profiles', rowId: cast.student.id, columns: { gpa: { base: 7.5, value: 9.1 } } },
      ],
    });
    expect(create!.generatedIds[0]).toBe(newId);
    expect(create!.touched).toEqual(
      expect.arrayContaining([
        { table: 'users', rowId: newId, op: 'INSERT' },
        { table: 'user_profiles', rowId: newId, op: 'INSERT' },
        { table: 'student_profiles', rowId: newId, op: 'INSERT' },
      ]),
    );
    expect(create!.baseRows).toEqual([]);
  });

  it('a call that fails leaves neither rows nor an outbox entry', async () => {
    const before = await db.kysely.selectFrom('users').select('id').execute();
    const r = await synced.core.dispatch(
      'users:create',
      {
        email: cast.student.email,
        firstName: 'A',
        lastName: 'B',
        role: 'MENTOR',
        departmentId: cast.dept.id,
      },
      session,
    );
    expect(r.ok).toBe(false);
    expect(await db.kysely.selectFrom('users').select('id').execute()).toEqual(before);
    expect(await entries(db)).toEqual([]);
  });

  it('auth, setup and sync calls are local bookkeeping and are never queued', async () => {
    const s = synced.core.openTrustedSession(cast.mentor.id);
    const r = await synced.core.dispatch(
      'auth:change-password',
      { currentPassword: cast.mentor.password, newPassword: 'Another-Mentor-Pass-7' },
      s,
    );
    expect(r.ok).toBe(true);
    expect((await synced.core.dispatch('sync:status', {}, s)).ok).toBe(true);
    expect(await entries(db)).toEqual([]);
  });

  it('a standalone core (no sync hooks) queues nothing', async () => {
    const plain = createCore({ db, appVersion: 'test' });
    const s = plain.openTrustedSession(cast.deptAdmin.id);
    expect((await plain.dispatch('students:update-academics', { id: cast.student.id, gpa: 6 }, s)).ok).toBe(
      true,
    );
    expect(await entries(db)).toEqual([]);
  });
});

describe('queued entries against central (MariaDB)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('rows a pull applies never enter the outbox', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    await sql`update student_profiles set gpa = 5.5`.execute(world.central.kysely);
    expect((await c.sync()).pulled).toBeGreaterThan(0);
    expect(await outboxStatuses(c)).toEqual([]);
  });

  it('a local edit made while a pull is in flight is not overwritten, and reaches central next round', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    const id = world.cast.student.id;
    await sql`update student_profiles set attendancePct = 66 where userId = ${id}`.execute(
      world.central.kysely,
    );
    await c.sync({
      faults: {
        async hit(p) {
          if (p === 'pull:after-central-read') await c.must('students:update-academics', { id, gpa: 3.25 });
        },
      },
    });
    const local = await c.db.kysely
      .selectFrom('student_profiles')
      .selectAll()
      .where('userId', '=', id)
      .executeTakeFirstOrThrow();
    expect(local).toMatchObject({ gpa: 3.25 });
    expect(await outboxStatuses(c)).toEqual(['PENDING']);
    await c.sync();
    await c.sync();
    expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));
    expect(
      await c.db.kysely
        .selectFrom('student_profiles')
        .selectAll()
        .where('userId', '=', id)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ gpa: 3.25, attendancePct: 66 });
  });

  it('a rejected replay keeps the service’s message and input, and its optimistic rows go away', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    await c.must('users:create', {
      email: 'taken@test.smms',
      firstName: 'Kiran',
      lastName: 'Rao',
      role: 'MENTOR',
      departmentId: world.cast.dept.id,
    });
    // Meanwhile the office created the same email on central.
    await makeUser(world.central.kysely, 'MENTOR', {
      email: 'taken@test.smms',
      departmentId: world.cast.otherDept.id,
    });
    expect(await c.sync()).toMatchObject({ rejected: 1, applied: 0 });
    const { entries: open } = await c.must('sync:outbox', {});
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      status: 'REJECTED',
      callName: 'users:create',
      input: { email: 'taken@test.smms', firstName: 'Kiran' },
      error: { code: 'CONFLICT', message: 'Another account already uses this email address.' },
    });
    expect(open[0]!.rows.every((r) => r.current === null)).toBe(true);
    expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));

    const discarded = await c.must('sync:discard', { mutationId: open[0]!.mutationId });
    expect(discarded.status).toBe('DISCARDED');
    const audit = await c.db.kysely
      .selectFrom('audit_logs')
      .selectAll()
      .where('action', '=', 'sync:discard')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.beforeState!)).toMatchObject({
      status: 'REJECTED',
      callName: 'users:create',
    });
    expect((await c.must('sync:outbox', {})).entries).toEqual([]);
    expect((await c.call('sync:discard', { mutationId: open[0]!.mutationId })).ok).toBe(false);
  });

  it('discarding a pending change restores central’s values on the next sync', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    const id = world.cast.student.id;
    const before = await cacheRows(c.db);
    await c.must('users:update', { id, bio: 'never sent' });
    const [entry] = (await c.must('sync:outbox', {})).entries;
    await c.must('sync:discard', { mutationId: entry!.mutationId });
    expect((await c.sync()).pushed).toBe(0);
    expect((await cacheRows(c.db)).user_profiles).toEqual(before.user_profiles);
  });

  it('another user’s outbox is invisible', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    await c.must('users:update', { id: world.cast.student.id, bio: 'mine' });
    const other = c.local.core.openTrustedSession(world.cast.mentor.id);
    const r = await c.local.core.dispatch('sync:outbox', {}, other);
    expect(r).toMatchObject({ ok: true, data: { entries: [] } });
    const [mine] = (await c.must('sync:outbox', {})).entries;
    const d = await c.local.core.dispatch('sync:discard', { mutationId: mine!.mutationId }, other);
    expect(d).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await c.sync();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { parseDbUrl } from '../../src/core/db/url.ts';
import { makeUser } from '../fixtures/builders.ts';
import { CONTRACT } from '../../src/shared/contract/index.ts';
import { HANDLERS } from '../../src/core/handlers.ts';
import type { ReplayCalls } from '../../src/core/sync/engine-context.ts';
import { SyncAuthError } from '../../src/core/sync/central.ts';
import { BATCH_MAX_ENTRIES, BATCH_MAX_MS } from '../../src/core/sync/replay.ts';
import { makeClient, makeWorld, outboxStatuses, recordingCentral, type World } from './harness.ts';

// Replay on central under contention: concurrent pushes of one entry, a deadlock MySQL resolves by
// rolling the replay back, and push numbering that goes backwards.

const countWhere = async (w: World, q: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await q.execute(w.central.kysely)).rows[0]!.n);

describe('replay on central (MariaDB)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('two pushes of the same entry at once apply it once (mutationId is the idempotency key)', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    await c.must('users:update', { id: world.cast.student.id, bio: 'pushed twice' });
    const [a, b] = await Promise.all([c.sync(), c.sync()]);
    expect(a.applied + b.applied).toBe(2);
    expect(a.duplicates + b.duplicates).toBe(1);
    expect(await outboxStatuses(c)).toEqual(['APPLIED']);
    expect(
      await countWhere(world, sql`select count(*) as n from sync_mutations where userId = ${c.user.id}`),
    ).toBe(1);
    expect(
      await countWhere(
        world,
        sql`select count(*) as n from audit_logs where action = 'users:update' and entityId = ${world.cast.student.id}`,
      ),
    ).toBe(1);
  });

  it('a replay MySQL rolls back for a deadlock (1213) is retried and applied once', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    const id = world.cast.student.id;
    await c.must('students:update-academics', { id, gpa: 7.75 });
    const u = parseDbUrl(world.central.urlText);
    if (u.kind !== 'mysql') throw new Error('mysql only');
    const other = await createConnection({ host: u.host, port: u.port, user: u.user, database: u.database });
    try {
      await other.query('CREATE TABLE IF NOT EXISTS scratch (n INT) ENGINE=InnoDB');
      await other.beginTransaction();
      // A heavier transaction (more undo), so InnoDB picks the replay as the deadlock victim.
      for (let i = 0; i < 40; i++) await other.query('INSERT INTO scratch VALUES (?)', [i]);
      await other.query('UPDATE sync_counter SET v = v WHERE id = 1');
      const pushing = c.sync();
      await new Promise((r) => setTimeout(r, 400));
      // The replay holds the student's row and waits on the counter; now this waits on the row.
      await other.query('SELECT gpa FROM student_profiles WHERE userId = ? FOR UPDATE', [id]);
      await other.commit();
      const report = await pushing;
      expect(report).toMatchObject({ applied: 1, rejected: 0 });
      expect(report.lockRetries).toBeGreaterThan(0);
    } finally {
      await other.end();
    }
    const gpa = await world.central.kysely
      .selectFrom('student_profiles')
      .select('gpa')
      .where('userId', '=', id)
      .executeTakeFirstOrThrow();
    expect(gpa.gpa).toBe(7.75);
    expect(
      await countWhere(
        world,
        sql`select count(*) as n from sync_mutations where clientId = ${c.local.clientId}`,
      ),
    ).toBe(1);
  });

  it('a batch of new entries moves the push mark in one statement, reading neither the mark nor sync_mutations', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    await c.must('users:update', { id: world.cast.student.id, bio: 'first of two' });
    await c.must('users:update', { id: world.cast.student.id, bio: 'second of two' });
    const recording = recordingCentral(world);
    try {
      expect(await c.sync({ central: recording.db })).toMatchObject({ pushed: 2, applied: 2, duplicates: 0 });
    } finally {
      await recording.db.close();
    }
    const touching = (table: string) => recording.statements.filter((s) => s.includes(table));
    expect(touching('sync_mutations')).toEqual([expect.stringMatching(/^insert into `sync_mutations`/)]);
    expect(touching('lastPushSeq')).toEqual([
      expect.stringMatching(/^update sync_clients set lastPushSeq = \?, .* and lastPushSeq < \?$/),
    ]);
    const seqs = await c.db.kysely.selectFrom('sync_outbox').select('seq').orderBy('seq').execute();
    const mark = await world.central.kysely
      .selectFrom('sync_clients')
      .select('lastPushSeq')
      .where('clientId', '=', c.local.clientId)
      .executeTakeFirstOrThrow();
    expect(Number(mark.lastPushSeq)).toBe(seqs.at(-1)!.seq);
  });

  it('a push numbered below what central already saw from this client is detected and recorded', async () => {
    const c = await makeClient(world, world.cast.instAdmin);
    const clientId = c.local.clientId;
    await sql`update sync_clients set lastPushSeq = 1000 where clientId = ${clientId}`.execute(
      world.central.kysely,
    );
    await c.must('users:update', { id: world.cast.student.id, bio: 'after a restore' });
    expect((await c.sync()).applied).toBe(1);
    const rec = await world.central.kysely
      .selectFrom('sync_mutations')
      .select('detail')
      .where('clientId', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(rec.detail!)).toEqual({ pushSeqWarning: 'push #1 arrived after #1000' });
    const client = await world.central.kysely
      .selectFrom('sync_clients')
      .selectAll()
      .where('clientId', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(client).toMatchObject({ userId: c.user.id, lastPushSeq: 1000, appVersion: 'test' });
    expect(client.lastPullAt).not.toBeNull();
  });

  it('a rejected entry in a batch rolls back alone: the entries around it commit, each with its record', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    const { student, mentor, dept, inst } = world.cast;
    await c.must('users:update', { id: student.id, bio: 'before the clash' });
    const clash = await c.must('users:create', {
      email: 'clash@test.smms',
      firstName: 'Asha',
      lastName: 'Rao',
      role: 'STUDENT',
      departmentId: dept.id,
      student: { rollNumber: 'CLASH-1' },
      initialPassword: 'Mentee-Pass-2026',
    });
    await c.must('users:update', { id: mentor.id, bio: 'after the clash' });
    // Meanwhile the office's other PC took the email on central: the replay of the create must fail.
    await makeUser(world.central.kysely, 'STUDENT', {
      email: 'clash@test.smms',
      institutionId: inst.id,
      departmentId: dept.id,
    });
    expect(await c.sync()).toMatchObject({ pushed: 3, applied: 2, rejected: 1, duplicates: 0 });
    expect(await outboxStatuses(c)).toEqual(['APPLIED', 'REJECTED', 'APPLIED']);
    const bios = await world.central.kysely
      .selectFrom('user_profiles')
      .select(['userId', 'bio'])
      .where('userId', 'in', [student.id, mentor.id])
      .execute();
    expect(Object.fromEntries(bios.map((b) => [b.userId, b.bio]))).toEqual({
      [student.id]: 'before the clash',
      [mentor.id]: 'after the clash',
    });
    expect(await countWhere(world, sql`select count(*) as n from users where id = ${clash.user.id}`)).toBe(0);
    const recs = await world.central.kysely
      .selectFrom('sync_mutations')
      .select(['callName', 'outcome', 'pushSeq'])
      .where('clientId', '=', c.local.clientId)
      .orderBy('pushSeq')
      .execute();
    expect(recs.map((r) => [r.callName, r.outcome])).toEqual([
      ['users:update', 'APPLIED'],
      ['users:create', 'REJECTED'],
      ['users:update', 'APPLIED'],
    ]);
    expect(
      await countWhere(
        world,
        sql`select count(*) as n from audit_logs where action = 'users:create' and entityId = ${clash.user.id}`,
      ),
    ).toBe(0);
    // The applied calls' audit rows (written together at the batch's end), in the calls' order.
    const trail = await world.central.kysely
      .selectFrom('audit_logs')
      .select(['entityId', 'afterState', 'createdAt'])
      .where('action', '=', 'users:update')
      .where('entityId', 'in', [student.id, mentor.id])
      .where('afterState', 'like', '%the clash%')
      .orderBy('id')
      .execute();
    expect(trail.map((t) => [t.entityId, JSON.parse(t.afterState!)])).toEqual([
      [student.id, { bio: 'before the clash' }],
      [mentor.id, { bio: 'after the clash' }],
    ]);
  });

  it('more entries than one batch holds are pushed in several transactions, each applied once', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    const n = BATCH_MAX_ENTRIES + 5;
    for (let i = 0; i < n; i++) await c.must('users:update', { id: world.cast.student.id, bio: `edit ${i}` });
    const r = await c.sync();
    expect(r).toMatchObject({ pushed: n, applied: n, rejected: 0, conflicts: 0 });
    expect(
      await countWhere(
        world,
        sql`select count(*) as n from sync_mutations where clientId = ${c.local.clientId}`,
      ),
    ).toBe(n);
    const client = await world.central.kysely
      .selectFrom('sync_clients')
      .select('lastPushSeq')
      .where('clientId', '=', c.local.clientId)
      .executeTakeFirstOrThrow();
    expect(Number(client.lastPushSeq)).toBe(n);
    const bio = await world.central.kysely
      .selectFrom('user_profiles')
      .select('bio')
      .where('userId', '=', world.cast.student.id)
      .executeTakeFirstOrThrow();
    expect(bio.bio).toBe(`edit ${n - 1}`);
  });

  it('a batch cut short by its time limit records only what it ran; the next batch replays the rest', async () => {
    const c = await makeClient(world, world.cast.deptAdmin);
    for (let i = 0; i < 3; i++) await c.must('users:update', { id: world.cast.student.id, bio: `slow ${i}` });
    // The first entry takes longer than a batch may hold the counter (BATCH_MAX_MS): the batch stops
    // after it. Its sync_mutations rows were written for all three before the calls ran.
    const points: string[] = [];
    const slowFirst = {
      hit: async (point: string) => {
        if (point === 'push:before-replay' && !points.includes(point))
          await new Promise((r) => setTimeout(r, BATCH_MAX_MS + 100));
        if (point.startsWith('push:')) points.push(point);
      },
    };
    expect(await c.sync({ faults: slowFirst })).toMatchObject({ pushed: 3, applied: 3, rejected: 0 });
    expect(await outboxStatuses(c)).toEqual(['APPLIED', 'APPLIED', 'APPLIED']);
    const recs = await world.central.kysely
      .selectFrom('sync_mutations')
      .select(['pushSeq', 'outcome', 'detail'])
      .where('clientId', '=', c.local.clientId)
      .orderBy('pushSeq')
      .execute();
    expect(recs.map((r) => [r.pushSeq, r.outcome, r.detail])).toEqual([
      [1, 'APPLIED', '{}'],
      [2, 'APPLIED', '{}'],
      [3, 'APPLIED', '{}'],
    ]);
    // Two batches: the first replayed one entry and committed, the second the other two.
    expect(points).toEqual([
      'push:before-replay',
      'push:after-central-commit',
      'push:before-replay',
      'push:before-replay',
      'push:after-central-commit',
      'push:after-central-commit',
    ]);
    const trail = await countWhere(
      world,
      sql`select count(*) as n from audit_logs where action = 'users:update' and afterState like '%slow %'`,
    );
    expect(trail).toBe(3);
  });

  it('an account disabled on central stops the round before any entry is replayed; the entries wait', async () => {
    const at = { institutionId: world.cast.inst.id, departmentId: world.cast.dept.id };
    const admin = await makeUser(world.central.kysely, 'DEPARTMENT_ADMIN', at);
    const c = await makeClient(world, admin);
    await c.must('users:update', {
      id: world.cast.student.id,
      bio: 'written before the account was disabled',
    });
    await world.central.kysely
      .updateTable('users')
      .set({ status: 'DISABLED' })
      .where('id', '=', admin.id)
      .execute();
    await expect(c.sync()).rejects.toBeInstanceOf(SyncAuthError);
    expect(await outboxStatuses(c)).toEqual(['PENDING']);
    expect(
      await countWhere(world, sql`select count(*) as n from sync_mutations where userId = ${admin.id}`),
    ).toBe(0);
  });

  it('a replayed call skips reading its result back (central discards it) and still applies', async () => {
    const assignment = await world.assign(world.cast.mentor.id, world.cast.student.id);
    const c = await makeClient(world, world.cast.mentor);
    const local = await c.must('sessions:record', {
      assignmentId: assignment,
      sessionDate: '2026-01-30T10:00:00.000Z',
      topic: 'Replayed without a read-back',
      mode: 'ONLINE',
    });
    // The laptop's own call returned the session it recorded.
    expect(local.topic).toBe('Replayed without a read-back');
    const onCentral: unknown[] = [];
    const record = HANDLERS['sessions:record'];
    const handlers = {
      ...HANDLERS,
      'sessions:record': async (ctx: Parameters<typeof record>[0], input: Parameters<typeof record>[1]) => {
        const out = await record(ctx, input);
        onCentral.push(out);
        return out;
      },
    };
    const r = await c.sync({
      calls: { contract: CONTRACT, handlers: handlers as unknown as ReplayCalls['handlers'] },
    });
    expect(r.applied).toBe(1);
    expect(onCentral).toEqual([undefined]);
    const row = await world.central.kysely
      .selectFrom('session_records')
      .select(['topic', 'status'])
      .where('id', '=', local.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ topic: 'Replayed without a read-back', status: 'COMPLETED' });
  });
});

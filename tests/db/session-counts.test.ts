import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src/core/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { generateDemo } from '../../src/core/demo/generate.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { MIGRATIONS } from '../../migrations/index.ts';
import type { CallName, CallOutput } from '../../src/shared/contract/index.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { COUNTS, JOIN, countRows as rows, countsDiffering as differing } from '../helpers/session-counts.ts';

// local_session_counts (migration 0018) is derived: its triggers must keep it equal to session_records
// joined to mentor_assignments and grouped, under every kind of write a service, a pull, a snapshot
// or an eviction makes, and the office counts read from it must equal the join's.

const NOW = '2026-03-16T06:30:00.000Z';

/** A seeded generator, so a failing sequence can be replayed (the seed is in the test's name). */
function random(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('local_session_counts', () => {
  let db: TestDb;
  let core: Core;

  beforeAll(async () => {
    db = await freshDb('sqlite');
    await generateDemo(db, { scale: 'small' });
    core = createCore({ db, appVersion: 'test', clock: new ManualClock(NOW), validateOutput: true });
  });
  afterAll(async () => {
    await core.close();
    await db.drop();
  });

  it('is filled by the migration with the sessions that have their assignment, per key', async () => {
    const counts = await rows(db.kysely, COUNTS);
    expect(counts.length).toBeGreaterThan(100);
    expect(new Set(counts.map((r) => r.departmentId)).size).toBe(3);
    // Sessions share their times: fewer keys than sessions.
    const sessions = counts.reduce((n, r) => n + r.n, 0);
    expect(sessions).toBeGreaterThan(counts.length);
    expect(counts).toEqual(await rows(db.kysely, JOIN));
  });

  const SEED = 1807;
  it(`stays equal to the join under 300 random writes of every kind (seed ${SEED})`, async () => {
    const k = db.kysely;
    const next = random(SEED);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const ids = async (q: string): Promise<string[]> =>
      (await sql<{ id: string }>`${sql.raw(q)}`.execute(k)).rows.map((r) => r.id);
    const assignments = await ids('select id from mentor_assignments');
    const departments = await ids('select id from departments');
    const someSession = async (): Promise<string> =>
      (await ids('select id from session_records order by random() limit 1'))[0]!;
    const creator = (await ids('select id from users limit 1'))[0]!;
    const date = (): string =>
      new Date(Date.parse(NOW) - Math.floor(next() * 400) * 86_400_000).toISOString();
    const status = (): string => pick(['SCHEDULED', 'COMPLETED', 'CANCELLED']);
    const insert = (id: string, assignmentId: string) =>
      sql`insert into session_records (id, assignmentId, sessionDate, mode, topic, status, createdById,
        createdAt, updatedAt) values (${id}, ${assignmentId}, ${date()}, 'ONLINE', 'Random', ${status()},
        ${creator}, ${NOW}, ${NOW})`.execute(k);

    const writes: Record<string, () => Promise<unknown>> = {
      insert: () => insert(uuidv7(), pick(assignments)),
      status: async () =>
        sql`update session_records set status = ${status()} where id = ${await someSession()}`.execute(k),
      reschedule: async () =>
        sql`update session_records set sessionDate = ${date()} where id = ${await someSession()}`.execute(k),
      move: async () =>
        sql`update session_records set assignmentId = ${pick(assignments)} where id = ${await someSession()}`.execute(
          k,
        ),
      // A pull's upsert sets every column, changed or not.
      upsert: async () => {
        const id = next() < 0.5 ? uuidv7() : await someSession();
        await sql`insert into session_records (id, assignmentId, sessionDate, mode, topic, status, createdById,
          createdAt, updatedAt) values (${id}, ${pick(assignments)}, ${date()}, 'PHONE', 'Upserted', ${status()},
          ${creator}, ${NOW}, ${NOW})
          on conflict (id) do update set assignmentId = excluded.assignmentId, sessionDate = excluded.sessionDate,
          status = excluded.status, topic = excluded.topic`.execute(k);
      },
      delete: async () => {
        const id = await someSession();
        await sql`delete from session_feedback where sessionId = ${id}`.execute(k);
        await sql`delete from session_records where id = ${id}`.execute(k);
      },
      rehome: () =>
        sql`update mentor_assignments set departmentId = ${pick(departments)} where id = ${pick(assignments)}`.execute(
          k,
        ),
      // A scoped cache runs without foreign keys (SYNC.md): a session may arrive before its
      // assignment, and an evicted assignment may leave its sessions behind.
      orphanThenParent: async () => {
        await sql`pragma foreign_keys = off`.execute(k);
        try {
          const source = pick(assignments);
          const copy = uuidv7();
          await insert(uuidv7(), copy);
          await sql`insert into mentor_assignments (id, mentorId, studentId, departmentId, assignedById, status,
            assignedAt, endedAt, notes, createdAt, updatedAt) select ${copy}, mentorId, studentId,
            ${pick(departments)}, assignedById, 'ENDED', assignedAt, ${NOW}, null, createdAt, updatedAt
            from mentor_assignments where id = ${source}`.execute(k);
          assignments.push(copy);
          if (next() < 0.5) {
            await sql`delete from mentor_assignments where id = ${copy}`.execute(k);
            assignments.pop();
          }
        } finally {
          await sql`pragma foreign_keys = on`.execute(k);
        }
      },
    };
    const kinds = Object.keys(writes);
    const done: string[] = [];
    for (let i = 0; i < 300; i++) {
      const kind = pick(kinds);
      await writes[kind]!();
      done.push(kind);
      expect({ step: i, kind, differing: await differing(k) }).toEqual({ step: i, kind, differing: 0 });
    }
    expect(await rows(k, COUNTS)).toEqual(await rows(k, JOIN));
    expect(new Set(done).size).toBe(kinds.length);
  });

  it('an office on a three-department file counts what the join through assignments counts', async () => {
    const k = db.kysely;
    const admin = (
      await sql<{ id: string; departmentId: string }>`select u.id, u.departmentId from users u
        join roles r on r.id = u.roleId where r.name = 'DEPARTMENT_ADMIN' order by u.email limit 1`.execute(k)
    ).rows[0]!;
    const session = core.openTrustedSession(admin.id);
    const count = async (where: string): Promise<number> =>
      Number(
        (
          await sql<{ n: number }>`select count(*) as n from session_records s
            join mentor_assignments a on a.id = s.assignmentId
            where a.departmentId = ${admin.departmentId} and ${sql.raw(where)}`.execute(k)
        ).rows[0]!.n,
      );
    const call = async <K extends CallName>(name: K, input: object): Promise<CallOutput<K>> => {
      const r = await core.dispatch(name, input, session);
      if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
      return r.data as CallOutput<K>;
    };

    const list = async (f: object): Promise<number> =>
      (await call('sessions:list', { ...f, pageSize: 10 })).total;
    expect(await list({})).toBe(await count('1 = 1'));
    expect(await list({ status: 'COMPLETED' })).toBe(await count(`s.status = 'COMPLETED'`));
    const from = '2026-01-01T00:00:00.000Z';
    const to = '2026-02-28T23:59:59.999Z';
    expect(await list({ from, to })).toBe(
      await count(`s.sessionDate >= '${from}' and s.sessionDate <= '${to}'`),
    );
    // A filter the table cannot apply keeps the join, with the same answer.
    const mentor = (
      await sql<{ id: string }>`select mentorId as id from mentor_assignments
      where departmentId = ${admin.departmentId} limit 1`.execute(k)
    ).rows[0]!.id;
    expect(await list({ mentorId: mentor })).toBe(await count(`a.mentorId = '${mentor}'`));

    const dash = await call('dashboards:department', { departmentId: admin.departmentId });
    const march = `s.sessionDate >= '2026-03-01T00:00:00.000Z' and s.sessionDate < '2026-04-01T00:00:00.000Z'`;
    const feb = `s.sessionDate >= '2026-02-01T00:00:00.000Z' and s.sessionDate < '2026-03-01T00:00:00.000Z'`;
    for (const [key, status] of [
      ['completed', 'COMPLETED'],
      ['scheduled', 'SCHEDULED'],
      ['cancelled', 'CANCELLED'],
    ] as const) {
      expect(dash.sessions.thisMonth[key]).toBe(await count(`s.status = '${status}' and ${march}`));
      expect(dash.sessions.lastMonth[key]).toBe(await count(`s.status = '${status}' and ${feb}`));
    }
    expect(dash.pendingSessions.total).toBe(
      await count(`s.status = 'SCHEDULED' and s.sessionDate < '${NOW}'`),
    );
    expect(dash.pendingSessions.total).toBeGreaterThan(0);

    const admin2 = await call('dashboards:admin', {});
    expect(admin2.counts.sessionsThisMonth).toBe(await count(`s.status = 'COMPLETED' and ${march}`));
    core.closeSession(session);
  });

  it('down drops the table and its triggers; up rebuilds it from the sessions', async () => {
    const k = db.kysely;
    const step = MIGRATIONS['0018_local_session_counts']!;
    await step.down!(k);
    const left = await sql`select name from sqlite_master where name like 'local_session_counts%'`.execute(k);
    expect(left.rows).toEqual([]);
    await step.up(k);
    expect(await rows(k, COUNTS)).toEqual(await rows(k, JOIN));
  });
});

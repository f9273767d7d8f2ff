import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/core/context.ts';
import { loadActor } from '../../src/core/auth/actor.ts';
import {
  feedbackSummary,
  listFeedback,
  type FeedbackFilters,
  type SummaryFilters,
} from '../../src/core/feedback/feedback.repo.ts';
import { mentoringScopeCoversAll } from '../../src/core/scope/index.ts';
import { calendar } from '../../src/core/sessions/sessions.repo.ts';
import type * as Whole from '../../src/core/scope/whole.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { makeUser } from '../fixtures/builders.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { addAssignment } from './support/world.ts';
import { addSession, makeReportWorld, NOW, type ReportWorld } from '../reports/support/world.ts';

// Scope elision (src/core/scope/whole.ts): an admin's reads of feedback and the calendar drop the department scope
// and its joins only when no assignment in the database lies outside the actor's departments (and
// the database enforces its foreign keys). Where it fires, every read must return exactly what the
// scoped read returns; with a second department's records present it must not fire, and the
// department admin must not see them.

// `elide === false` makes the repository take the scoped path, to compare both paths on one database.
let elide: boolean | undefined;
vi.mock('../../src/core/scope/whole.ts', async (importOriginal) => {
  const m = await importOriginal<typeof Whole>();
  return {
    ...m,
    mentoringScopeCoversAll: async (...a: Parameters<typeof m.mentoringScopeCoversAll>) =>
      elide === false ? false : m.mentoringScopeCoversAll(...a),
  };
});

const LISTS: Partial<FeedbackFilters>[] = [
  {},
  { dir: 'asc' },
  { sort: 'sessionDate' },
  { sort: 'rating', dir: 'asc' },
  { pageSize: 2, page: 2 },
  { type: 'STUDENT_TO_MENTOR' },
  { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' },
  { to: '2026-02-28T23:59:59.999Z', sort: 'sessionDate' },
];

const MARCH = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' };

describe.each(DIALECTS)('scope elision for admin feedback reads on %s', (dialect) => {
  let db: TestDb;
  let w: ReportWorld;
  let superAdmin: Actor;
  let hod: Actor;
  let dean: Actor;
  let otherHod: Actor;
  let mentor: Actor;
  const list = (actor: Actor, f: Partial<FeedbackFilters>) =>
    listFeedback(db.kysely, actor, { page: 1, pageSize: 25, sort: 'createdAt', dir: 'desc', ...f }, NOW);
  const summary = (actor: Actor, f: Partial<SummaryFilters>) =>
    feedbackSummary(db.kysely, actor, { period: 'month', ...f });

  /** Every list and summary variant read by `actor`, elided (when it fires) and scoped. */
  async function bothPaths(actor: Actor) {
    const lists = (a: Actor) =>
      Promise.all([
        ...LISTS.map((f) => list(a, f)),
        list(a, { mentorId: w.mentorA.id }),
        list(a, { studentId: w.a1.id, sort: 'sessionDate' }),
      ]);
    const summaries = (a: Actor) =>
      Promise.all([
        summary(a, {}),
        summary(a, { period: 'semester' }),
        summary(a, { mentorId: w.mentorA.id }),
        summary(a, { departmentId: w.dept.id }),
        summary(a, { from: '2026-03-01T00:00:00.000Z' }),
        summary(a, { to: '2026-02-28T23:59:59.999Z' }),
      ]);
    const calendars = (a: Actor) =>
      Promise.all([
        calendar(db.kysely, a, MARCH),
        calendar(db.kysely, a, { from: '2026-02-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' }),
        calendar(db.kysely, a, { ...MARCH, mentorId: w.mentorB.id }),
        calendar(db.kysely, a, { ...MARCH, studentId: w.a1.id }),
      ]);
    const read = async (a: Actor) => ({
      lists: await lists(a),
      summaries: await summaries(a),
      calendars: await calendars(a),
    });
    elide = undefined;
    const natural = await read(actor);
    elide = false;
    const scoped = await read(actor);
    elide = undefined;
    return { natural, scoped };
  }

  beforeAll(async () => {
    db = await freshDb(dialect);
    w = await makeReportWorld(db.kysely);
    const actor = async (id: string) => (await loadActor(db.kysely, id))!;
    superAdmin = await actor((await makeUser(db.kysely, 'SUPER_ADMIN')).id);
    hod = await actor(w.hod.id);
    dean = await actor(w.dean.id);
    otherHod = await actor(w.otherHod.id);
    mentor = await actor(w.mentorA.id);
    // More rated sessions with distinct dates, times and ratings (the world's share one createdAt).
    const feb = await db.kysely
      .selectFrom('session_records')
      .select('id')
      .where('topic', 'like', 'February%')
      .executeTakeFirstOrThrow();
    await feedback(feb.id, w.a2.id, w.mentorA.id, 3, '2026-02-11T09:00:00.000Z');
    await feedback(feb.id, w.mentorA.id, w.a2.id, 5, '2026-02-12T09:00:00.000Z');
  });
  afterAll(async () => {
    await db.drop();
  });

  async function feedback(sessionId: string, giver: string, recipient: string, rating: number, at: string) {
    await db.kysely
      .insertInto('session_feedback')
      .values({
        id: uuidv7(),
        sessionId,
        giverUserId: giver,
        recipientUserId: recipient,
        type: giver === w.mentorA.id || giver === w.mentorB.id ? 'MENTOR_TO_STUDENT' : 'STUDENT_TO_MENTOR',
        rating,
        comments: null,
        visibility: 'MENTOR',
        createdAt: at,
        updatedAt: at,
      })
      .execute();
  }

  it('fires for the admins of the only department with assignments, nobody else', async () => {
    expect(await mentoringScopeCoversAll(db.kysely, hod)).toBe(true);
    expect(await mentoringScopeCoversAll(db.kysely, dean)).toBe(true);
    expect(await mentoringScopeCoversAll(db.kysely, superAdmin)).toBe(true);
    // The other department's admin: every assignment lies outside its scope.
    expect(await mentoringScopeCoversAll(db.kysely, otherHod)).toBe(false);
    expect(await mentoringScopeCoversAll(db.kysely, mentor)).toBe(false);
  });

  it('where it fires, every list, summary and calendar equals the scoped read', async () => {
    for (const actor of [hod, dean, superAdmin]) {
      const { natural, scoped } = await bothPaths(actor);
      expect(natural, actor.role).toEqual(scoped);
      expect(natural.lists[0]!.total, actor.role).toBe(7);
      expect(natural.summaries[0]!.length, actor.role).toBeGreaterThan(1);
      expect(natural.calendars[0]!.rows.length, actor.role).toBe(6);
    }
    expect((await list(otherHod, {})).total).toBe(0);
    expect((await calendar(db.kysely, otherHod, MARCH)).rows).toEqual([]);
  });

  it('does not fire with a second department present, and the scope still holds', async () => {
    const mechMentor = await makeUser(db.kysely, 'MENTOR', {
      institutionId: w.inst.id,
      departmentId: w.other.id,
    });
    const mechStudent = await makeUser(db.kysely, 'STUDENT', {
      institutionId: w.inst.id,
      departmentId: w.other.id,
    });
    const asMech = await addAssignment(db.kysely, {
      mentorId: mechMentor.id,
      studentId: mechStudent.id,
      departmentId: w.other.id,
      assignedById: w.otherHod.id,
    });
    const sMech = await addSession(db.kysely, {
      assignmentId: asMech,
      createdById: mechMentor.id,
      at: '2026-03-06T05:00:00.000Z',
      topic: 'MECH-ONLY session',
    });
    await feedback(sMech, mechStudent.id, mechMentor.id, 1, '2026-03-06T09:00:00.000Z');

    expect(await mentoringScopeCoversAll(db.kysely, hod)).toBe(false);
    expect(await mentoringScopeCoversAll(db.kysely, otherHod)).toBe(false);
    expect(await mentoringScopeCoversAll(db.kysely, dean)).toBe(true);

    const hodList = await list(hod, {});
    expect(hodList.total).toBe(7);
    expect(hodList.rows.map((r) => r.topic)).not.toContain('MECH-ONLY session');
    expect((await summary(hod, {})).map((r) => r.mentorId)).not.toContain(mechMentor.id);
    expect((await calendar(db.kysely, hod, MARCH)).rows.map((r) => r.topic)).not.toContain(
      'MECH-ONLY session',
    );
    expect((await calendar(db.kysely, otherHod, MARCH)).rows.map((r) => r.topic)).toEqual([
      'MECH-ONLY session',
    ]);
    const mech = await list(otherHod, {});
    expect(mech.rows.map((r) => r.topic)).toEqual(['MECH-ONLY session']);
    expect((await summary(otherHod, {})).map((r) => r.mentorId)).toEqual([mechMentor.id]);

    // The institution admin still covers both departments: elided, and equal to the scoped read.
    const { natural, scoped } = await bothPaths(dean);
    expect(natural).toEqual(scoped);
    expect(natural.lists[0]!.total).toBe(8);
  });

  it('does not fire where the database does not enforce foreign keys (the synced cache)', async () => {
    // One connection throughout: MariaDB's foreign_key_checks is a session setting.
    await db.kysely.connection().execute(async (conn) => {
      const off = dialect === 'sqlite' ? sql`pragma foreign_keys = off` : sql`set foreign_key_checks = 0`;
      const on = dialect === 'sqlite' ? sql`pragma foreign_keys = on` : sql`set foreign_key_checks = 1`;
      await off.execute(conn);
      try {
        expect(await mentoringScopeCoversAll(conn, superAdmin)).toBe(false);
        expect(await mentoringScopeCoversAll(conn, dean)).toBe(false);
      } finally {
        await on.execute(conn);
      }
      expect(await mentoringScopeCoversAll(conn, superAdmin)).toBe(true);
    });
  });
});

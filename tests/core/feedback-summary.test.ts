import { type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../../src/core/auth/actor.ts';
import type { Actor } from '../../src/core/context.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { feedbackSummary, summaryRows, type SummaryFilters } from '../../src/core/feedback/feedback.repo.ts';
import { feedbackInScope } from '../../src/core/reports/feedback-scope.ts';
import { mentoringScopeCoversAll } from '../../src/core/scope/index.ts';
import type { FeedbackSummaryRow } from '../../src/shared/contract/feedback.contract.ts';
import type { FeedbackType, FeedbackVisibility } from '../../src/shared/domain/enums.ts';
import { makeDepartment, makeInstitution, makeUser, type MadeUser } from '../fixtures/builders.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { addFeedback, addSession } from '../reports/support/world.ts';
import { addAssignment } from './support/world.ts';

// feedback:summary against a reference that groups nothing in SQL: every rated row the actor may
// read (feedbackInScope on the joined session, the filters), grouped per mentor and period in
// JavaScript. The repository groups in SQL (per dialect, and on SQLite on one text key) and drops
// the scope where it cannot filter (scope/whole.ts); on varied data, for every role that may call
// it, with every filter, on one department (the scope elided) and then with a second one (kept),
// both must give the same rows.

const VISIBILITIES: FeedbackVisibility[] = ['MENTOR', 'STUDENT', 'DEPARTMENT_ADMIN'];

/** A small deterministic generator (mulberry32), so a failure replays. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function reference(
  db: Kysely<Database>,
  actor: Actor,
  f: SummaryFilters,
): Promise<FeedbackSummaryRow[]> {
  let q = db
    .selectFrom('session_feedback as f')
    .innerJoin('session_records as s', 's.id', 'f.sessionId')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .leftJoin('user_profiles as rp', 'rp.userId', 'f.recipientUserId')
    .where(feedbackInScope(actor, 'f', 's'))
    .where('f.type', '=', 'STUDENT_TO_MENTOR')
    .select(['f.recipientUserId', 's.sessionDate', 'f.rating', 'rp.firstName', 'rp.lastName']);
  if (actor.role === 'MENTOR') q = q.where('f.recipientUserId', '=', actor.userId);
  if (f.mentorId) q = q.where('f.recipientUserId', '=', f.mentorId);
  if (f.departmentId) q = q.where('a.departmentId', '=', f.departmentId);
  if (f.from) q = q.where('s.sessionDate', '>=', f.from);
  if (f.to) q = q.where('s.sessionDate', '<=', f.to);
  // One row per rated session (n = 1); the months' merge into periods is the repository's own.
  // Dates are ISO strings on both dialects (db/connect.ts converts MariaDB's DATETIME).
  const rows = (await q.execute()).map((r) => ({
    ...r,
    ym: r.sessionDate.slice(0, 7),
    n: 1,
    total: r.rating,
  }));
  return summaryRows(rows, f.period);
}

describe.each(DIALECTS)('feedback:summary against an ungrouped reference on %s', (dialect) => {
  let db: TestDb;
  const random = rng(20260316);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A department with mentors, students, assignments and rated sessions over two academic years. */
  async function department(inst: string, code: string, mentors: number, students: number) {
    const k = db.kysely;
    const dept = await makeDepartment(k, inst, { name: `Department ${code}`, code });
    const at = { institutionId: inst, departmentId: dept.id };
    const admin = await makeUser(k, 'DEPARTMENT_ADMIN', at);
    const ms: MadeUser[] = [];
    for (let i = 0; i < mentors; i++) ms.push(await makeUser(k, 'MENTOR', at));
    const ss: MadeUser[] = [];
    for (let i = 0; i < students; i++) ss.push(await makeUser(k, 'STUDENT', at));
    for (const s of ss) {
      const m = pick(ms);
      const assignmentId = await addAssignment(k, {
        mentorId: m.id,
        studentId: s.id,
        departmentId: dept.id,
        assignedById: admin.id,
        status: pick(['ACTIVE', 'ACTIVE', 'PAUSED', 'ENDED'] as const),
      });
      const sessions = 3 + Math.floor(random() * 6);
      for (let i = 0; i < sessions; i++) {
        // Months from June 2025 to February 2027: both semesters, both year ends, first and last
        // instants of a month.
        const month = 5 + Math.floor(random() * 21);
        const y = 2025 + Math.floor(month / 12);
        const mm = String((month % 12) + 1).padStart(2, '0');
        const edge = random();
        const when =
          edge < 0.1
            ? `${y}-${mm}-01T00:00:00.000Z`
            : edge < 0.2
              ? `${y}-${mm}-28T23:59:59.999Z`
              : `${y}-${mm}-${String(1 + Math.floor(random() * 27)).padStart(2, '0')}T0${Math.floor(random() * 9)}:30:00.000Z`;
        const sessionId = await addSession(k, {
          assignmentId,
          createdById: m.id,
          at: when,
          topic: `Session ${i}`,
        });
        const rate = (type: FeedbackType, giver: string, recipient: string) =>
          addFeedback(k, {
            sessionId,
            giver,
            recipient,
            type,
            rating: 1 + Math.floor(random() * 5),
            comments: '',
            visibility: pick(VISIBILITIES),
          });
        if (random() < 0.75) await rate('STUDENT_TO_MENTOR', s.id, m.id);
        if (random() < 0.5) await rate('MENTOR_TO_STUDENT', m.id, s.id);
      }
    }
    return { dept, admin, mentors: ms };
  }

  const actor = async (id: string) => (await loadActor(db.kysely, id))!;

  async function compareAll(actors: Actor[], filters: SummaryFilters[]): Promise<number> {
    let rows = 0;
    for (const a of actors) {
      for (const f of filters) {
        const got = await feedbackSummary(db.kysely, a, f);
        expect(got, `${a.role} ${JSON.stringify(f)}`).toEqual(await reference(db.kysely, a, f));
        rows += got.length;
      }
    }
    return rows;
  }

  const filtersFor = (d: { dept: { id: string }; mentors: MadeUser[] }): SummaryFilters[] => [
    { period: 'month' },
    { period: 'semester' },
    { period: 'month', mentorId: d.mentors[1]!.id },
    { period: 'semester', departmentId: d.dept.id },
    { period: 'month', from: '2026-01-01T00:00:00.000Z' },
    { period: 'month', to: '2025-12-31T23:59:59.999Z' },
    { period: 'semester', from: '2025-09-01T00:00:00.000Z', to: '2026-08-31T23:59:59.999Z' },
    { period: 'month', from: '2026-03-01T00:00:00.000Z', to: '2026-03-31T23:59:59.999Z' },
  ];

  it('gives the reference rows for every role and filter, with the scope elided and kept', async () => {
    const inst = await makeInstitution(db.kysely, { name: 'Summary College', code: 'SUMC' });
    const cse = await department(inst.id, 'CSE', 5, 24);
    // A mentor without a profile: the name joined to its groups is empty, as on a scoped read.
    await db.kysely.deleteFrom('user_profiles').where('userId', '=', cse.mentors[4]!.id).execute();
    const dean = await makeUser(db.kysely, 'INSTITUTION_ADMIN', { institutionId: inst.id });
    const superAdmin = await makeUser(db.kysely, 'SUPER_ADMIN');
    const people = async () => [
      await actor(superAdmin.id),
      await actor(dean.id),
      await actor(cse.admin.id),
      ...(await Promise.all(cse.mentors.map((m) => actor(m.id)))),
    ];

    // One department: the admins' scope cannot filter, so their reads drop it.
    const one = await people();
    expect(await mentoringScopeCoversAll(db.kysely, one[2]!)).toBe(true);
    expect(await compareAll(one, filtersFor(cse))).toBeGreaterThan(200);

    // A second department: the department admin's scope is kept and filters the other's rows.
    const mech = await department(inst.id, 'MECH', 3, 12);
    const two = [...(await people()), await actor(mech.admin.id), await actor(mech.mentors[0]!.id)];
    expect(await mentoringScopeCoversAll(db.kysely, two[2]!)).toBe(false);
    expect(await compareAll(two, [...filtersFor(cse), ...filtersFor(mech)])).toBeGreaterThan(400);
  });
});

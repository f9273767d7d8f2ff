import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/core/context.ts';
import { loadActor } from '../../src/core/auth/actor.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { findMentors, findStudents } from '../../src/core/search/search.repo.ts';
import type * as Whole from '../../src/core/scope/whole.ts';
import {
  col,
  currentMenteeIds,
  hasRole,
  isIn,
  scopeMentors,
  scopeStudents,
  searchPredicate,
  textKey,
} from '../../src/core/scope/index.ts';
import { listSessions, pendingSessions } from '../../src/core/sessions/sessions.repo.ts';
import {
  listStudents,
  ROW_COLUMNS as ROWS,
  SORT,
  type StudentListFilters,
} from '../../src/core/students/students.repo.ts';
import { makeDepartment, makeInstitution, makeUser, type MadeUser } from '../fixtures/builders.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { addAssignment } from './support/world.ts';
import { addSession, makeReportWorld, NOW, type ReportWorld } from '../reports/support/world.ts';

// The department lists' query shapes (students:list, search:global, sessions:pending) against
// reference queries written the plain way: the scope as `IN (ids in scope)` (scopeStudents,
// scopeMentors), every join in one statement, counts from the rows. Rows, order and totals must be
// the same for every kind of actor, with names that tie (case, duplicates, a missing profile) so a
// page cut on ids alone must keep its tie-breaker, and with sessions:pending read both with its
// department scope elided (one department holds every assignment) and kept.

let elide: boolean | undefined;
vi.mock('../../src/core/scope/whole.ts', async (importOriginal) => {
  const m = await importOriginal<typeof Whole>();
  return {
    ...m,
    mentoringScopeCoversAll: async (...a: Parameters<typeof m.mentoringScopeCoversAll>) =>
      elide === false ? false : m.mentoringScopeCoversAll(...a),
  };
});

const STUDENT_LISTS: Partial<StudentListFilters>[] = [
  {},
  { dir: 'desc' },
  { pageSize: 3, page: 2 },
  { sort: 'name', dir: 'desc', pageSize: 4, page: 3 },
  { search: 'rao' },
  { search: 'de souza' },
  { search: 'de souza', dir: 'desc', pageSize: 2, page: 2 },
  { search: 'test.smms', sort: 'rollNumber' },
  { sort: 'rollNumber', dir: 'desc' },
  { sort: 'program' },
  { sort: 'yearOfStudy', dir: 'desc', pageSize: 5, page: 2 },
  { sort: 'gpa', pageSize: 2, page: 3 },
  { sort: 'attendancePct', dir: 'desc' },
  { sort: 'riskLevel', dir: 'desc' },
  { unassigned: true },
  { unassigned: false, sort: 'riskLevel' },
  { status: 'DISABLED' },
  { riskLevel: 'HIGH', search: 'a' },
  { program: 'B.E. Mechanical', sort: 'gpa', dir: 'desc' },
  { yearOfStudy: 3 },
  { page: 9 },
  { search: 'rao', page: 4, pageSize: 2 },
  { search: 'rao', page: 2, pageSize: 2 },
  { search: 'no such student' },
];

const SEARCHES = ['rao', 'de souza', 'DE', 'cse2201', 'mech0', 'a', 'iyer', 'nobody at all'];

const FAR = '2026-03-19T08:00:00.000Z';

describe.each(DIALECTS)('department list reads on %s', (dialect) => {
  let db: TestDb;
  let k: Kysely<Database>;
  let w: ReportWorld;
  let actors: Actor[];
  let mechMentor: MadeUser;

  const linked = sql`(select la.${sql.ref('studentId')} from ${sql.table('mentor_assignments')} as la where la.${sql.ref('status')} in ('ACTIVE', 'PAUSED'))`;

  /** students:list as one statement with the IN form of the scope, and its count. */
  async function referenceStudents(actor: Actor, f: StudentListFilters) {
    let q = k
      .selectFrom('student_profiles as sp')
      .innerJoin('users as u', 'u.id', 'sp.userId')
      .leftJoin('user_profiles as p', 'p.userId', 'u.id')
      .leftJoin('departments as d', 'd.id', 'u.departmentId')
      .where(scopeStudents(actor, 'sp'))
      .where(
        searchPredicate(
          [col('p', 'firstName'), col('p', 'lastName'), col('u', 'email'), col('sp', 'rollNumber')],
          f.search,
        ),
      );
    if (f.program) q = q.where('sp.program', '=', f.program);
    if (f.yearOfStudy !== undefined) q = q.where('sp.yearOfStudy', '=', f.yearOfStudy);
    if (f.riskLevel) q = q.where('sp.riskLevel', '=', f.riskLevel);
    if (f.departmentId) q = q.where('u.departmentId', '=', f.departmentId);
    if (f.status) q = q.where('u.status', '=', f.status);
    if (f.mentorId) q = q.where(isIn(col('sp', 'userId'), currentMenteeIds(f.mentorId)));
    if (f.unassigned === true) q = q.where(sql<boolean>`${col('sp', 'userId')} not in ${linked}`);
    if (f.unassigned === false) q = q.where(sql<boolean>`${col('sp', 'userId')} in ${linked}`);
    const n = await q.select(sql<number | string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    let page = q.select(ROWS);
    for (const e of SORT[f.sort]) page = page.orderBy(e, f.dir);
    const rows = await page
      .orderBy('sp.userId', 'asc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return {
      total: Number(n.n),
      rows: rows.map((r) => ({ ...r, firstName: r.firstName ?? '', lastName: r.lastName ?? '' })),
    };
  }

  async function referenceSearch(actor: Actor, q: string) {
    const students = await k
      .selectFrom('student_profiles as sp')
      .innerJoin('users as u', 'u.id', 'sp.userId')
      .leftJoin('user_profiles as p', 'p.userId', 'u.id')
      .where(scopeStudents(actor, 'sp'))
      .where(hasRole('u', 'STUDENT'))
      .where(searchPredicate([col('p', 'firstName'), col('p', 'lastName'), col('sp', 'rollNumber')], q))
      .select('u.id')
      .orderBy(sql`case when ${col('sp', 'rollNumber')} = ${q.trim().toUpperCase()} then 0 else 1 end`)
      .orderBy(textKey(col('p', 'lastName')))
      .orderBy(textKey(col('p', 'firstName')))
      .orderBy('u.id')
      .limit(21)
      .execute();
    const mentors = await k
      .selectFrom('mentor_profiles as mp')
      .innerJoin('users as u', 'u.id', 'mp.userId')
      .leftJoin('user_profiles as p', 'p.userId', 'u.id')
      .where(scopeMentors(actor, 'mp'))
      .where(hasRole('u', 'MENTOR'))
      .where(searchPredicate([col('p', 'firstName'), col('p', 'lastName')], q))
      .select('u.id')
      .orderBy(textKey(col('p', 'lastName')))
      .orderBy(textKey(col('p', 'firstName')))
      .orderBy('u.id')
      .limit(21)
      .execute();
    return { students: students.map((r) => r.id), mentors: mentors.map((r) => r.id) };
  }

  /** sessions:pending from the session list (every pending session fits one page) and counts from its rows. */
  async function referencePending(actor: Actor, f: { mentorId?: string; departmentId?: string }) {
    const list = await listSessions(k, actor, {
      ...f,
      status: 'SCHEDULED',
      before: NOW,
      sort: 'sessionDate',
      dir: 'asc',
      page: 1,
      pageSize: 500,
    });
    const departments = await k.selectFrom('departments').select(['id', 'name']).execute();
    const byMentor = new Map<string, { mentorId: string; mentorName: string; count: number }>();
    const byDepartment = new Map<
      string,
      { departmentId: string; departmentName: string | null; count: number }
    >();
    for (const r of list.rows) {
      const m = byMentor.get(r.mentorId) ?? { mentorId: r.mentorId, mentorName: r.mentorName, count: 0 };
      m.count++;
      byMentor.set(r.mentorId, m);
      const name = departments.find((d) => d.id === r.departmentId)?.name ?? null;
      const d = byDepartment.get(r.departmentId) ?? {
        departmentId: r.departmentId,
        departmentName: name,
        count: 0,
      };
      d.count++;
      byDepartment.set(r.departmentId, d);
    }
    return {
      rows: list.rows,
      byMentor: [...byMentor.values()].sort(
        (a, b) =>
          b.count - a.count ||
          a.mentorName.localeCompare(b.mentorName) ||
          (a.mentorId < b.mentorId ? -1 : 1),
      ),
      byDepartment: [...byDepartment.values()].sort(
        (a, b) => b.count - a.count || a.departmentId.localeCompare(b.departmentId),
      ),
    };
  }

  async function student(
    dept: string,
    p: { first: string; last: string; roll: string; program?: string; year?: number; gpa?: number },
    status: 'ACTIVE' | 'DISABLED' = 'ACTIVE',
  ): Promise<MadeUser> {
    const u = await makeUser(k, 'STUDENT', {
      institutionId: w.inst.id,
      departmentId: dept,
      firstName: p.first,
      lastName: p.last,
      status,
    });
    await k
      .updateTable('student_profiles')
      .set({
        rollNumber: p.roll,
        program: p.program ?? null,
        yearOfStudy: p.year ?? null,
        gpa: p.gpa ?? null,
      })
      .where('userId', '=', u.id)
      .execute();
    return u;
  }

  async function pending(assignmentId: string, createdById: string, at: string, topic: string) {
    await addSession(k, { assignmentId, createdById, at, topic, status: 'SCHEDULED' });
  }

  beforeAll(async () => {
    db = await freshDb(dialect);
    k = db.kysely;
    w = await makeReportWorld(k);
    const cse = w.dept.id;
    const mech = w.other.id;
    // Names that tie on the sort key: case only, whole duplicates, and a student with no profile row.
    const extra = [
      await student(cse, { first: 'Asha', last: 'de Souza', roll: 'CSE2301', program: 'B.E. CSE', year: 3 }),
      await student(cse, { first: 'asha', last: 'De Souza', roll: 'CSE2302', program: 'b.e. cse', year: 3 }),
      await student(cse, { first: 'Asha', last: 'DE SOUZA', roll: 'CSE2303', gpa: 7.5 }),
      await student(cse, { first: 'Ravi', last: 'Rao', roll: 'CSE2304', program: 'B.E. CSE', gpa: 7.5 }),
      await student(cse, { first: 'Ravi', last: 'Rao', roll: 'CSE2305', year: 2, gpa: 6 }),
      await student(cse, { first: 'Raoul', last: 'Fernandes', roll: 'CSE2306' }, 'DISABLED'),
      await student(cse, { first: 'Zoya', last: 'Rao', roll: 'CSE2307', year: 1 }),
      await student(cse, { first: 'Nobody', last: 'Profile', roll: 'CSE2308', year: 3 }),
      await student(mech, { first: 'Vikram', last: 'Rao', roll: 'MECH0001', program: 'B.E. Mechanical' }),
      await student(mech, { first: 'Divya', last: 'de Souza', roll: 'MECH0002', program: 'B.E. Mechanical' }),
    ];
    await k.deleteFrom('user_profiles').where('userId', '=', extra[7]!.id).execute();
    // Another institution's people: outside every scope here but SUPER_ADMIN's.
    const inst2 = await makeInstitution(k, { name: 'Other College', code: 'OTH' });
    const dept2 = await makeDepartment(k, inst2.id, { name: 'Civil Engineering', code: 'CIV' });
    const at2 = { institutionId: inst2.id, departmentId: dept2.id };
    const s2 = await makeUser(k, 'STUDENT', { ...at2, firstName: 'Kiran', lastName: 'Rao' });
    await k.updateTable('student_profiles').set({ rollNumber: 'CIV0001' }).where('userId', '=', s2.id).execute();
    await makeUser(k, 'MENTOR', { ...at2, firstName: 'Asha', lastName: 'Iyer' });
    mechMentor = await makeUser(k, 'MENTOR', {
      institutionId: w.inst.id,
      departmentId: mech,
      firstName: 'Anand',
      lastName: 'Rao',
    });
    const link = (m: MadeUser, s: MadeUser, status?: 'ACTIVE' | 'PAUSED' | 'ENDED') =>
      addAssignment(k, {
        mentorId: m.id,
        studentId: s.id,
        departmentId: cse,
        assignedById: w.hod.id,
        status,
      });
    const asA = await link(w.mentorA, extra[0]!);
    const asB = await link(w.mentorB, extra[3]!, 'PAUSED');
    await link(w.mentorA, extra[4]!, 'ENDED');
    // Pending sessions (SCHEDULED, before NOW), several at the same instant, one a student's request.
    await pending(asA, w.mentorA.id, '2026-03-02T04:30:00.000Z', 'Pending A 1');
    await pending(asA, w.mentorA.id, '2026-03-02T04:30:00.000Z', 'Pending A 2');
    await pending(asB, extra[3]!.id, '2026-03-02T04:30:00.000Z', 'Requested B');
    await pending(asB, w.mentorB.id, '2026-03-10T04:30:00.000Z', 'Pending B');
    await pending(asB, w.mentorB.id, FAR, 'Pending B later');
    await pending(asA, w.mentorA.id, '2026-04-02T04:30:00.000Z', 'Not yet due');
    const actor = async (id: string) => (await loadActor(k, id))!;
    const superAdmin = await makeUser(k, 'SUPER_ADMIN');
    actors = await Promise.all(
      [superAdmin, w.dean, w.hod, w.otherHod, w.mentorA, w.mentorB, w.a1, extra[3]!].map((u) =>
        actor(u.id),
      ),
    );
  });
  afterAll(async () => {
    await db.drop();
  });

  const filters = (f: Partial<StudentListFilters>): StudentListFilters => ({
    page: 1,
    pageSize: 25,
    sort: 'name',
    dir: 'asc',
    ...f,
  });

  it('students:list: the same rows, order and total as the one-statement reference', async () => {
    const hod = actors[2]!;
    const lists = [...STUDENT_LISTS, { mentorId: w.mentorA.id }, { departmentId: w.other.id }];
    for (const a of actors) {
      for (const f of lists.map(filters)) {
        const got = await listStudents(k, a, f);
        const want = await referenceStudents(a, f);
        const label = `${a.role} ${JSON.stringify(f)}`;
        expect(got.total, label).toBe(want.total);
        expect(
          got.rows.map(({ mentors: _, ...r }) => r),
          label,
        ).toEqual(want.rows);
      }
    }
    const all = await listStudents(k, hod, filters({ pageSize: 100 }));
    expect(all.total).toBe(12);
    expect(all.rows.map((r) => r.lastName.toLowerCase()).slice(0, 4)).toEqual([
      '',
      'de souza',
      'de souza',
      'de souza',
    ]);
    expect(all.rows.find((r) => r.lastName === 'Rao' && r.firstName === 'Vikram')).toBeUndefined();
    expect((await listStudents(k, hod, filters({ search: 'de souza' }))).total).toBe(3);
  });

  it('search:global: the same students and mentors, in the same order, as the reference', async () => {
    for (const a of actors) {
      for (const q of SEARCHES) {
        const got = {
          students: (await findStudents(k, a, q)).map((r) => r.id),
          mentors: (await findMentors(k, a, q)).map((r) => r.id),
        };
        expect(got, `${a.role} ${q}`).toEqual(await referenceSearch(a, q));
      }
    }
    const hodRao = await findStudents(k, actors[2]!, 'rao');
    // Fernandes (first name Raoul) sorts first; the two Ravi Raos tie on the name (then by id).
    expect(hodRao.map((r) => r.rollNumber)[0]).toBe('CSE2306');
    expect(hodRao.map((r) => r.rollNumber).sort()).toEqual(['CSE2304', 'CSE2305', 'CSE2306', 'CSE2307']);
    expect((await findMentors(k, actors[0]!, 'rao')).map((r) => r.id)).toEqual([mechMentor.id]);
    expect(await findMentors(k, actors[2]!, 'rao')).toEqual([]);
  });

  async function pendingBoth(a: Actor, f: { mentorId?: string; departmentId?: string }) {
    elide = undefined;
    const natural = await pendingSessions(k, a, { ...f, now: NOW });
    elide = false;
    const scoped = await pendingSessions(k, a, { ...f, now: NOW });
    elide = undefined;
    return { natural, scoped };
  }

  async function expectPendingAsReference(): Promise<void> {
    const variants = [{}, { mentorId: w.mentorB.id }, { departmentId: w.dept.id }, { departmentId: w.other.id }];
    for (const a of actors.filter((x) => x.role !== 'STUDENT')) {
      for (const f of variants) {
        const label = `${a.role} ${JSON.stringify(f)}`;
        const { natural, scoped } = await pendingBoth(a, f);
        expect(natural, label).toEqual(scoped);
        expect(natural, label).toEqual(await referencePending(a, f));
      }
    }
  }

  it('sessions:pending: the oldest first and the counts, elided or scoped, as the reference', async () => {
    await expectPendingAsReference();
    const hod = await pendingSessions(k, actors[2]!, { now: NOW });
    expect(hod.rows.map((r) => r.topic)).toContain('Pending B later');
    expect(hod.rows.map((r) => r.topic)).not.toContain('Not yet due');
    expect(hod.byMentor.map((m) => m.count)).toEqual([3, 2]);
    expect(hod.rows.find((r) => r.topic === 'Requested B')?.requested).toBe(true);
  });

  it('sessions:pending keeps the department scope with a second department present', async () => {
    const mechStudent = await makeUser(k, 'STUDENT', { institutionId: w.inst.id, departmentId: w.other.id });
    const asMech = await addAssignment(k, {
      mentorId: mechMentor.id,
      studentId: mechStudent.id,
      departmentId: w.other.id,
      assignedById: w.otherHod.id,
    });
    await pending(asMech, mechMentor.id, '2026-03-01T04:30:00.000Z', 'MECH pending');
    await expectPendingAsReference();
    const hod = await pendingSessions(k, actors[2]!, { now: NOW });
    expect(hod.rows.map((r) => r.topic)).not.toContain('MECH pending');
    expect(hod.byDepartment.map((d) => d.departmentId)).toEqual([w.dept.id]);
    const mech = await pendingSessions(k, actors[3]!, { now: NOW });
    expect(mech.rows.map((r) => r.topic)).toEqual(['MECH pending']);
    const all = await pendingSessions(k, actors[0]!, { now: NOW });
    expect(all.byDepartment.map((d) => [d.departmentName, d.count])).toEqual([
      ['Computer Science and Engineering', 5],
      ['Mechanical Engineering', 1],
    ]);
  });
});

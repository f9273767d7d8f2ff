import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliasNode, TableNode, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { DEFAULT_RISK_THRESHOLDS } from '../../src/shared/contract/risk.contract.ts';
import { evaluateStudents } from '../../src/core/risk/engine.ts';
import { loadEvaluation } from '../../src/core/risk/facts.repo.ts';
import type { StudentFacts } from '../../src/core/risk/rules.ts';
import { writeThresholds } from '../../src/core/settings/settings.repo.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { makeUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addGoal, addSession, inTx, setAcademics } from './support/care.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addAssignment } from './support/world.ts';

// What one risk evaluation reads, pinned: the facts of a varied set of students against values
// worked out by hand from the rules' definitions (rules.ts StudentFacts), and the number of
// statements a one-student evaluation sends, counted on the real database. A sync push runs this
// evaluation after every replayed mentor round, so each statement here is paid once per laptop.

const NOW = '2026-03-02T09:00:00.000Z';
const DAY = 86_400_000;
const at = (days: number): string => new Date(Date.parse(NOW) + days * DAY).toISOString();

/** Every statement Kysely sends through the wrapped handle, by kind and first table. */
function counter(): { plugin: KyselyPlugin; seen: string[] } {
  const seen: string[] = [];
  const name = (node: RootOperationNode): string => {
    const from =
      node.kind === 'SelectQueryNode'
        ? node.from?.froms[0]
        : node.kind === 'UpdateQueryNode'
          ? node.table
          : node.kind === 'InsertQueryNode'
            ? node.into
            : undefined;
    const table = from && AliasNode.is(from) ? from.node : from;
    return `${node.kind} ${table && TableNode.is(table) ? table.table.identifier.name : '?'}`;
  };
  return {
    seen,
    plugin: {
      transformQuery: (a) => (seen.push(name(a.node)), a.node),
      transformResult: async (a) => a.result,
    },
  };
}

describe.each(DIALECTS)('risk facts on %s', (dialect) => {
  let h: Harness;
  const db = () => h.db.kysely;
  const ids: Record<string, string> = {};
  const expected: StudentFacts[] = [];

  beforeAll(async () => {
    h = await makeHarness(dialect);
    const w = h.world;
    const mentor = w.mentor.id;
    const inDept = { institutionId: w.inst.id, departmentId: w.dept.id };
    const student = async (
      key: string,
      where: { institutionId: string; departmentId: string | null } = inDept,
    ) => {
      ids[key] = (await makeUser(db(), 'STUDENT', where)).id;
      return ids[key];
    };
    const assign = async (studentId: string, assignedAt: string, status?: 'ACTIVE' | 'PAUSED' | 'ENDED') => {
      const id = await addAssignment(db(), {
        mentorId: mentor,
        studentId,
        departmentId: w.dept.id,
        assignedById: w.deptAdmin.id,
        status,
      });
      await db().updateTable('mentor_assignments').set({ assignedAt }).where('id', '=', id).execute();
      return id;
    };
    const session = (
      assignmentId: string,
      day: number,
      attendance: 'PRESENT' | 'ABSENT',
      status: 'COMPLETED' | 'SCHEDULED' | 'CANCELLED' = 'COMPLETED',
    ) => addSession(db(), { assignmentId, createdById: mentor, sessionDate: at(day), attendance, status });
    const base = (studentId: string, departmentId: string | null = w.dept.id): StudentFacts => ({
      studentId,
      departmentId,
      gpa: 7.5,
      attendancePct: 85,
      riskLevel: 'LOW',
      consecutiveAbsences: 0,
      lastContactAt: null,
      activeSince: null,
      goalsAtRiskOrOverdue: 0,
    });

    // Nothing at all: no assignment, session or goal; academics cleared.
    const bare = await student('bare');
    await setAcademics(db(), bare, { gpa: null, attendancePct: null });
    expected.push({ ...base(bare), gpa: null, attendancePct: null });

    // One active assignment. Two absences after the last attended session count; a SCHEDULED or
    // CANCELLED one does not, nor anything after now (a future PRESENT is not a contact yet).
    const steady = await student('steady');
    await setAcademics(db(), steady, { gpa: 5.25, attendancePct: 74.5 });
    const a1 = await assign(steady, at(-100));
    await session(a1, -30, 'ABSENT');
    await session(a1, -10, 'PRESENT');
    await session(a1, -8, 'ABSENT');
    await session(a1, -5, 'ABSENT');
    await session(a1, -4, 'ABSENT', 'SCHEDULED');
    await session(a1, -3, 'ABSENT', 'CANCELLED');
    await session(a1, 2, 'ABSENT');
    await session(a1, 3, 'PRESENT');
    await db()
      .updateTable('student_profiles')
      .set({ riskLevel: 'HIGH' })
      .where('userId', '=', steady)
      .execute();
    expected.push({
      ...base(steady),
      gpa: 5.25,
      attendancePct: 74.5,
      riskLevel: 'HIGH',
      consecutiveAbsences: 2,
      lastContactAt: at(-10),
      activeSince: at(-100),
    });

    // History counts: the last contact is on an ENDED assignment; active since the earlier of two
    // ACTIVE ones (the PAUSED one, older still, does not count); an absence at the same instant as
    // the attended session is not after it.
    const moved = await student('moved');
    const ended = await assign(moved, at(-200), 'ENDED');
    await assign(moved, at(-250), 'PAUSED');
    const newer = await assign(moved, at(-20));
    await assign(moved, at(-40));
    await session(ended, -60, 'ABSENT');
    await session(ended, -50, 'PRESENT');
    await session(ended, -50, 'ABSENT');
    await session(newer, -2, 'ABSENT');
    expected.push({
      ...base(moved),
      consecutiveAbsences: 1,
      lastContactAt: at(-50),
      activeSince: at(-40),
    });

    // Never attended: every completed absence up to now counts. Goals: AT_RISK (also one past its
    // date, counted once), overdue and not completed; not due today, not a completed overdue one,
    // not one without a date.
    const absent = await student('absent');
    const a3 = await assign(absent, at(-90), 'PAUSED');
    for (const d of [-40, -30, -20]) await session(a3, d, 'ABSENT');
    await addGoal(db(), { studentId: absent, createdById: mentor, status: 'AT_RISK' });
    await addGoal(db(), { studentId: absent, createdById: mentor, status: 'AT_RISK', targetDate: at(-9) });
    await addGoal(db(), { studentId: absent, createdById: mentor, targetDate: at(-1) });
    await addGoal(db(), { studentId: absent, createdById: mentor, targetDate: '2026-03-02T00:00:00.000Z' });
    await addGoal(db(), { studentId: absent, createdById: mentor, status: 'COMPLETED', targetDate: at(-30) });
    await addGoal(db(), { studentId: absent, createdById: mentor, targetDate: null });
    expected.push({ ...base(absent), consecutiveAbsences: 3, goalsAtRiskOrOverdue: 3 });

    // Another department, with thresholds stored; and a student of no department.
    const other = await student('other', { institutionId: w.inst.id, departmentId: w.otherDept.id });
    await writeThresholds(
      db(),
      w.otherDept.id,
      { ...DEFAULT_RISK_THRESHOLDS, gpa: { medium: 7, high: 6 } },
      w.deptAdmin.id,
      NOW,
    );
    expected.push(base(other, w.otherDept.id));
    const nowhere = await student('nowhere', { institutionId: w.inst.id, departmentId: null });
    expected.push(base(nowhere, null));
  });
  afterAll(async () => {
    await h.close();
  });

  it('reads each student’s facts as the rules define them', async () => {
    const asked = [...Object.values(ids), h.world.mentor.id, ids.steady!];
    const byId = (xs: StudentFacts[]) => [...xs].sort((a, b) => a.studentId.localeCompare(b.studentId));
    expect(byId((await loadEvaluation(db(), asked, NOW)).facts)).toEqual(byId(expected));
  });

  it('comes with the stored thresholds of the students’ departments (defaults where none are stored)', async () => {
    const { facts, thresholds } = await loadEvaluation(db(), Object.values(ids), NOW);
    expect(facts).toHaveLength(expected.length);
    expect(thresholds).toEqual(
      new Map([
        [h.world.dept.id, DEFAULT_RISK_THRESHOLDS],
        [h.world.otherDept.id, { ...DEFAULT_RISK_THRESHOLDS, gpa: { medium: 7, high: 6 } }],
      ]),
    );
  });

  it('the same facts in batches: a department run larger than one batch', async () => {
    const many = Array.from({ length: 401 }, (_, i) => `no-such-${i}`);
    const { facts } = await loadEvaluation(db(), [...many, ids.absent!, ids.steady!], NOW);
    expect(facts.map((f) => f.studentId).sort()).toEqual([ids.absent!, ids.steady!].sort());
  });

  it('the same statement brings the students’ engine alerts (open or suppressing, engine categories only), newest first', async () => {
    const alert = async (
      studentId: string,
      o: {
        category: 'ATTENDANCE' | 'GPA' | 'BEHAVIOR';
        status: 'OPEN' | 'CLOSED';
        createdAt: string;
        suppress?: boolean;
      },
    ) => {
      const id = uuidv7();
      await db()
        .insertInto('alerts')
        .values({
          id,
          studentId,
          severity: 'WARN',
          category: o.category,
          message: 'm',
          sourceRef:
            o.suppress === undefined ? null : JSON.stringify({ source: 'risk-engine', suppress: o.suppress }),
          status: o.status,
          createdAt: o.createdAt,
          closedAt: o.status === 'CLOSED' ? o.createdAt : null,
          closedById: null,
        })
        .execute();
      return id;
    };
    const { steady, absent } = ids as { steady: string; absent: string };
    const older = await alert(steady, { category: 'ATTENDANCE', status: 'OPEN', createdAt: at(-9) });
    // Same instant: the larger id first (uuidv7 ids grow with time).
    const tieA = await alert(steady, { category: 'GPA', status: 'OPEN', createdAt: at(-3) });
    const tieB = await alert(steady, { category: 'GPA', status: 'OPEN', createdAt: at(-3) });
    const suppressing = await alert(absent, {
      category: 'GPA',
      status: 'CLOSED',
      createdAt: at(-5),
      suppress: true,
    });
    await alert(absent, { category: 'GPA', status: 'CLOSED', createdAt: at(-4), suppress: false });
    await alert(absent, { category: 'ATTENDANCE', status: 'CLOSED', createdAt: at(-4) });
    await alert(absent, { category: 'BEHAVIOR', status: 'OPEN', createdAt: at(-2) });
    const { facts, alerts } = await loadEvaluation(db(), Object.values(ids), NOW);
    expect(facts.map((f) => f.studentId).sort()).toEqual(Object.values(ids).sort());
    const byId = (xs: StudentFacts[]) => [...xs].sort((a, b) => a.studentId.localeCompare(b.studentId));
    expect(byId(facts)).toEqual(byId(expected));
    expect(alerts.map((a) => a.id)).toEqual([[tieA, tieB].sort().reverse(), suppressing, older].flat());
    expect(alerts.find((a) => a.id === suppressing)).toMatchObject({
      studentId: absent,
      category: 'GPA',
      status: 'CLOSED',
      createdAt: at(-5),
      closedAt: at(-5),
      closedById: null,
      sourceRef: { source: 'risk-engine', suppress: true },
    });
    await db().deleteFrom('alerts').where('studentId', 'in', [steady, absent]).execute();
  });

  it('a one-student evaluation that changes nothing sends one statement: facts, thresholds and alerts', async () => {
    const c = counter();
    const run = () =>
      inTx(db(), dialect, NOW, (ctx) =>
        evaluateStudents({ ...ctx, db: ctx.db.withPlugin(c.plugin) }, [ids.bare!]),
      );
    await run(); // settles the student's level
    c.seen.length = 0;
    const counts = await run();
    expect(counts).toMatchObject({ evaluated: 1, changedLevels: 0, alertsRaised: 0 });
    expect(c.seen).toEqual(['SelectQueryNode student_profiles']);
  });
});

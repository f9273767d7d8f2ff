import { makeUser } from '../../fixtures/builders.ts';
import type { CallCase, CaseCtx } from './cases.ts';
import { addFeedback, addGoal, addSession, at } from './mentoring-fixtures.ts';
import { actorOf, addAssignment } from './world.ts';

// RBAC matrix rows for the mentoring features (assignments, sessions, feedback, goals), from
// ROLES.md. Spread into CASES in cases.ts. Inputs that change a row make a fresh one, so every
// allowed role's call succeeds in the shared world.

const ALL = 'AAAAA' as const;
const ADMINS = 'AAADD' as const;
const STAFF = 'AAAAD' as const;
const MENTOR_ONLY = 'DDDAD' as const;
const PARTIES = 'DDDAA' as const;

const now = (c: CaseCtx): Date => c.h.clock.now();
const inDept = (c: CaseCtx) => ({ institutionId: c.w.inst.id, departmentId: c.w.dept.id });
const freshMentor = (c: CaseCtx) => makeUser(c.h.db.kysely, 'MENTOR', inDept(c));
const freshStudent = (c: CaseCtx) => makeUser(c.h.db.kysely, 'STUDENT', inDept(c));

/** A new pairing of fresh people in the cast's department. */
async function freshPair(c: CaseCtx, status: 'ACTIVE' | 'PAUSED' = 'ACTIVE'): Promise<string> {
  const [mentor, student] = [await freshMentor(c), await freshStudent(c)];
  return addAssignment(c.h.db.kysely, {
    mentorId: mentor.id,
    studentId: student.id,
    departmentId: c.w.dept.id,
    assignedById: c.w.deptAdmin.id,
    status,
  });
}

/** A session of the cast mentor with the cast student. */
const castSession = (
  c: CaseCtx,
  over: Omit<Parameters<typeof addSession>[1], 'assignmentId' | 'createdById'> & { createdById?: string },
) => addSession(c.h.db.kysely, { assignmentId: c.w.assignment, createdById: c.w.mentor.id, ...over });

export const MENTORING_CASES: Record<string, CallCase> = {
  'assignments:assign': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: mentor assignments (assign)',
    input: async (c) => ({ mentorId: (await freshMentor(c)).id, studentId: (await freshStudent(c)).id }),
  },
  'assignments:pause': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: pause',
    input: async (c) => ({ id: await freshPair(c) }),
  },
  'assignments:resume': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: mentor assignments',
    input: async (c) => ({ id: await freshPair(c, 'PAUSED') }),
  },
  'assignments:end': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: end',
    input: async (c) => ({ id: await freshPair(c), note: 'Graduated' }),
  },
  'assignments:reassign': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: reassign',
    input: async (c) => ({ id: await freshPair(c), mentorId: (await freshMentor(c)).id }),
  },
  'assignments:update-notes': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: mentor assignments (notes)',
    input: (c) => ({ id: c.w.assignment, notes: 'Meets on Tuesdays' }),
  },
  'assignments:list': {
    allow: ALL,
    rule: 'scope: admins in scope, MENTOR/STUDENT their own',
    input: () => ({}),
  },
  'assignments:history': {
    allow: ALL,
    rule: 'a student’s assignment history in scope',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'assignments:workload': {
    allow: STAFF,
    rule: 'admins: mentors in scope; MENTOR itself',
    input: () => ({}),
  },
  'assignments:auto-assign-preview': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: bulk auto-assign (preview)',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'assignments:auto-assign-commit': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: bulk auto-assign (commit)',
    input: async (c) => ({
      departmentId: c.w.dept.id,
      plan: [{ studentId: (await freshStudent(c)).id, mentorId: (await freshMentor(c)).id }],
    }),
  },
  'sessions:schedule': {
    allow: STAFF,
    rule: 'MENTOR: schedule for its own active assignments; admins may schedule',
    input: (c) => ({
      assignmentId: c.w.assignment,
      sessionDate: at(now(c), 2),
      mode: 'ONLINE',
      topic: 'Internship plan',
    }),
  },
  'sessions:record': {
    allow: MENTOR_ONLY,
    rule: 'MENTOR: record sessions; admins cannot edit what a mentor recorded',
    input: (c) => ({
      assignmentId: c.w.assignment,
      sessionDate: at(now(c), -1),
      topic: 'Mid-sem review',
      mode: 'IN_PERSON',
    }),
  },
  'sessions:update': {
    allow: MENTOR_ONLY,
    rule: 'the recording mentor only',
    input: async (c) => ({
      id: await castSession(c, { sessionDate: at(now(c), -3) }),
      summary: 'Discussed electives',
    }),
  },
  'sessions:complete': {
    allow: MENTOR_ONLY,
    rule: 'MENTOR: complete sessions',
    input: async (c) => ({ id: await castSession(c, { sessionDate: at(now(c), -1), status: 'SCHEDULED' }) }),
  },
  'sessions:cancel': {
    allow: STAFF,
    rule: 'MENTOR: cancel; admins manage department sessions',
    input: async (c) => ({
      id: await castSession(c, { sessionDate: at(now(c), 3), status: 'SCHEDULED' }),
      reason: 'Holiday',
    }),
  },
  'sessions:reschedule': {
    allow: STAFF,
    rule: 'MENTOR: reschedule; admins manage department sessions',
    input: async (c) => ({
      id: await castSession(c, { sessionDate: at(now(c), 3), status: 'SCHEDULED' }),
      sessionDate: at(now(c), 4),
    }),
  },
  'sessions:set-next-meeting': {
    allow: MENTOR_ONLY,
    rule: 'MENTOR: set nextMeetingOn',
    input: async (c) => ({
      id: await castSession(c, { sessionDate: at(now(c), -2) }),
      nextMeetingOn: at(now(c), 12),
    }),
  },
  'sessions:request': {
    allow: 'DDDDA',
    rule: 'STUDENT: request a session (SCHEDULED, mentor confirms)',
    input: (c) => ({ sessionDate: at(now(c), 5), mode: 'IN_PERSON', topic: 'Need help choosing electives' }),
  },
  'sessions:confirm': {
    allow: MENTOR_ONLY,
    rule: 'the mentor confirms a student’s request',
    input: async (c) => ({
      id: await castSession(c, {
        sessionDate: at(now(c), 6),
        status: 'SCHEDULED',
        createdById: c.w.student.id,
      }),
    }),
  },
  'sessions:toggle-action-item': {
    allow: PARTIES,
    rule: 'MENTOR: action items; the student marks its own done',
    input: async (c) => ({
      id: await castSession(c, {
        sessionDate: at(now(c), -4),
        actionItems: [{ text: 'Submit lab record', done: false }],
      }),
      index: 0,
      done: true,
    }),
  },
  'sessions:list': { allow: ALL, rule: 'sessions in scope', input: () => ({}) },
  'sessions:calendar': {
    allow: ALL,
    rule: 'sessions in a date range for the actor’s scope',
    input: (c) => ({ from: at(now(c), -30), to: at(now(c), 30) }),
  },
  'sessions:get': {
    allow: ALL,
    rule: 'sessions in scope (summary staff-only)',
    input: async (c) => ({ id: await castSession(c, { sessionDate: at(now(c), -6), summary: 'notes' }) }),
  },
  'sessions:history': {
    allow: ALL,
    rule: 'history per student',
    input: (c) => ({ studentId: c.w.student.id }),
  },
  'sessions:pending': { allow: STAFF, rule: 'pending sessions per mentor and department', input: () => ({}) },
  'feedback:give': {
    allow: PARTIES,
    rule: 'MENTOR: mentor→student feedback; STUDENT: student→mentor on its completed sessions',
    input: async (c) => ({ sessionId: await castSession(c, { sessionDate: at(now(c), -2) }), rating: 4 }),
  },
  'feedback:edit': {
    allow: PARTIES,
    rule: 'the giver edits within 7 days',
    input: async (c) => {
      const giver = actorOf(c.w, c.role === 'STUDENT' ? 'STUDENT' : 'MENTOR');
      const recipient = giver.role === 'STUDENT' ? c.w.mentor : c.w.student;
      const sessionId = await castSession(c, { sessionDate: at(now(c), -2) });
      const id = await addFeedback(c.h.db.kysely, {
        sessionId,
        giver,
        recipient,
        visibility: 'DEPARTMENT_ADMIN',
        createdAt: at(now(c), -1),
      });
      return { id, rating: 5 };
    },
  },
  'feedback:list': { allow: ALL, rule: 'feedback visibility exactly as ROLES.md', input: () => ({}) },
  'feedback:summary': {
    allow: STAFF,
    rule: 'admins: department reports; MENTOR: reports about its own mentoring',
    input: () => ({ period: 'semester' }),
  },
  'goals:create': {
    allow: ALL,
    rule: 'STUDENT: own goals; MENTOR: goals for its mentees; admins in scope',
    input: (c) => ({ studentId: c.w.student.id, title: 'Attend every lab', category: 'BEHAVIORAL' }),
  },
  'goals:update': {
    allow: ALL,
    rule: 'goals in write scope',
    input: async (c) => ({
      id: await addGoal(c.h.db.kysely, {
        studentId: c.w.student.id,
        createdById: c.w.student.id,
        createdAt: at(now(c), -3),
      }),
      title: 'Clear Mathematics III',
    }),
  },
  'goals:add-update': {
    allow: ALL,
    rule: 'STUDENT: own goal updates; MENTOR: goal updates for its mentees',
    input: async (c) => ({
      goalId: await addGoal(c.h.db.kysely, {
        studentId: c.w.student.id,
        createdById: c.w.mentor.id,
        createdAt: at(now(c), -3),
      }),
      note: 'Solved two past papers',
      progressPct: 30,
    }),
  },
  'goals:list': { allow: ALL, rule: 'goals in scope', input: () => ({}) },
  'goals:get': {
    allow: ALL,
    rule: 'goals in scope',
    input: async (c) => ({
      id: await addGoal(c.h.db.kysely, {
        studentId: c.w.student.id,
        createdById: c.w.mentor.id,
        createdAt: at(now(c), -3),
      }),
    }),
  },
  'goals:overdue': { allow: ALL, rule: 'overdue goals in scope', input: () => ({}) },
};

import type { Kysely } from 'kysely';
import type { Database } from '../../../src/core/db/schema.ts';
import type {
  AssignmentStatus,
  Attendance,
  FeedbackVisibility,
  GoalStatus,
  SessionStatus,
} from '../../../src/shared/domain/enums.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import { makeDepartment, makeUser, type MadeUser } from '../../fixtures/builders.ts';
import { addAssignment } from './world.ts';

// Direct inserts for mentoring tests (no services): sessions, feedback, goals, and a fresh
// department with its own people so tests sharing one database do not see each other's rows.

export const DAY = 86_400_000;
export const at = (base: Date, days: number): string => new Date(base.getTime() + days * DAY).toISOString();

export async function addSession(
  db: Kysely<Database>,
  s: {
    assignmentId: string;
    createdById: string;
    sessionDate: string;
    status?: SessionStatus;
    attendance?: Attendance;
    summary?: string | null;
    actionItems?: { text: string; done: boolean; dueOn?: string }[];
    topic?: string;
  },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('session_records')
    .values({
      id,
      assignmentId: s.assignmentId,
      sessionDate: s.sessionDate,
      mode: 'IN_PERSON',
      location: 'Cabin 12',
      topic: s.topic ?? 'Semester plan',
      summary: s.summary ?? null,
      actionItems: s.actionItems ? JSON.stringify(s.actionItems) : null,
      nextMeetingOn: null,
      attendance: s.attendance ?? 'PRESENT',
      status: s.status ?? 'COMPLETED',
      createdById: s.createdById,
      createdAt: s.sessionDate,
      updatedAt: s.sessionDate,
    })
    .execute();
  return id;
}

export async function addFeedback(
  db: Kysely<Database>,
  f: {
    sessionId: string;
    giver: MadeUser;
    recipient: MadeUser;
    visibility: FeedbackVisibility;
    rating?: number;
    createdAt: string;
    comments?: string;
  },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('session_feedback')
    .values({
      id,
      sessionId: f.sessionId,
      giverUserId: f.giver.id,
      recipientUserId: f.recipient.id,
      type: f.giver.role === 'STUDENT' ? 'STUDENT_TO_MENTOR' : 'MENTOR_TO_STUDENT',
      rating: f.rating ?? 4,
      comments: f.comments ?? null,
      visibility: f.visibility,
      createdAt: f.createdAt,
      updatedAt: f.createdAt,
    })
    .execute();
  return id;
}

export async function addGoal(
  db: Kysely<Database>,
  g: {
    studentId: string;
    createdById: string;
    targetDate?: string | null;
    status?: GoalStatus;
    createdAt: string;
  },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('goals')
    .values({
      id,
      studentId: g.studentId,
      title: 'Clear the backlog in Mathematics III',
      category: 'ACADEMIC',
      description: null,
      targetDate: g.targetDate ?? null,
      status: g.status ?? 'NOT_STARTED',
      progressPct: g.status === 'COMPLETED' ? 100 : 0,
      createdById: g.createdById,
      createdAt: g.createdAt,
      updatedAt: g.createdAt,
    })
    .execute();
  return id;
}

/** A new department of the institution with an admin, `mentors` mentors and `students` students. */
export async function makeUnit(
  db: Kysely<Database>,
  institutionId: string,
  n: { mentors?: number; students?: number } = {},
) {
  const dept = await makeDepartment(db, institutionId, { name: 'Unit under test' });
  const place = { institutionId, departmentId: dept.id };
  const admin = await makeUser(db, 'DEPARTMENT_ADMIN', place);
  const mentors: MadeUser[] = [];
  const students: MadeUser[] = [];
  for (let i = 0; i < (n.mentors ?? 2); i++) {
    mentors.push(await makeUser(db, 'MENTOR', { ...place, firstName: `Mentor${i}`, lastName: `M${i}` }));
  }
  for (let i = 0; i < (n.students ?? 3); i++) {
    students.push(await makeUser(db, 'STUDENT', { ...place, firstName: `Student${i}`, lastName: `S${i}` }));
  }
  const link = (mentor: MadeUser, student: MadeUser, status?: AssignmentStatus): Promise<string> =>
    addAssignment(db, {
      mentorId: mentor.id,
      studentId: student.id,
      departmentId: dept.id,
      assignedById: admin.id,
      status,
    });
  return { dept, place, admin, mentors, students, link };
}
export type Unit = Awaited<ReturnType<typeof makeUnit>>;

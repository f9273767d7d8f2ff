import type { Kysely } from 'kysely';
import type { Database } from '../../../src/core/db/schema.ts';
import type {
  AlertSeverity,
  FeedbackType,
  FeedbackVisibility,
  RiskLevel,
} from '../../../src/shared/domain/enums.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import { makeDepartment, makeInstitution, makeUser, type MadeUser } from '../../fixtures/builders.ts';
import { addAssignment } from '../../core/support/world.ts';

// A small department with two mentors whose records must never mix in a report, written directly
// with Kysely. Marker strings (SECRET-..., DEPT-ONLY-...) let tests look for leaks in PDF text.
// "Now" is 2026-03-20 10:00 IST; the reports cover 1–31 Mar 2026 (previous period 29 Jan – 28 Feb).

export const NOW = '2026-03-20T04:30:00.000Z';
export const PERIOD = { from: '2026-03-01', to: '2026-03-31' };
const T = (day: string, hhmm = '10:00'): string => new Date(`${day}T${hhmm}:00+05:30`).toISOString();

async function setProfile(db: Kysely<Database>, u: MadeUser, title: string | null): Promise<void> {
  await db.updateTable('user_profiles').set({ title }).where('userId', '=', u.id).execute();
}

async function student(
  db: Kysely<Database>,
  at: { institutionId: string; departmentId: string },
  p: { first: string; last: string; roll: string; risk: RiskLevel; gpa: number; att: number },
): Promise<MadeUser> {
  const u = await makeUser(db, 'STUDENT', { ...at, firstName: p.first, lastName: p.last });
  await db
    .updateTable('student_profiles')
    .set({ rollNumber: p.roll, riskLevel: p.risk, gpa: p.gpa, attendancePct: p.att })
    .where('userId', '=', u.id)
    .execute();
  return u;
}

interface SessionSpec {
  assignmentId: string;
  createdById: string;
  at: string;
  topic: string;
  summary?: string;
  status?: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED';
  attendance?: 'PRESENT' | 'ABSENT';
  items?: { text: string; done: boolean }[];
}

export async function addSession(db: Kysely<Database>, s: SessionSpec): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('session_records')
    .values({
      id,
      assignmentId: s.assignmentId,
      sessionDate: s.at,
      mode: 'IN_PERSON',
      location: 'Cabin 12',
      topic: s.topic,
      summary: s.summary ?? null,
      actionItems: s.items ? JSON.stringify(s.items) : null,
      nextMeetingOn: null,
      attendance: s.attendance ?? 'PRESENT',
      status: s.status ?? 'COMPLETED',
      createdById: s.createdById,
      createdAt: s.at,
      updatedAt: s.at,
    })
    .execute();
  return id;
}

export async function addFeedback(
  db: Kysely<Database>,
  f: {
    sessionId: string;
    giver: string;
    recipient: string;
    type: FeedbackType;
    rating: number;
    comments: string;
    visibility: FeedbackVisibility;
  },
): Promise<void> {
  await db
    .insertInto('session_feedback')
    .values({
      id: uuidv7(),
      sessionId: f.sessionId,
      giverUserId: f.giver,
      recipientUserId: f.recipient,
      type: f.type,
      rating: f.rating,
      comments: f.comments,
      visibility: f.visibility,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .execute();
}

export async function addAlert(
  db: Kysely<Database>,
  a: {
    studentId: string;
    severity: AlertSeverity;
    message: string;
    at: string;
    closedAt?: string;
    closedById?: string;
  },
): Promise<void> {
  await db
    .insertInto('alerts')
    .values({
      id: uuidv7(),
      studentId: a.studentId,
      severity: a.severity,
      category: 'GPA',
      message: a.message,
      sourceRef: null,
      status: a.closedAt ? 'CLOSED' : 'OPEN',
      createdAt: a.at,
      closedAt: a.closedAt ?? null,
      closedById: a.closedById ?? null,
    })
    .execute();
}

/** The audit row the risk engine writes when a level changes. */
export async function addLevelChange(
  db: Kysely<Database>,
  studentId: string,
  from: RiskLevel,
  to: RiskLevel,
  at: string,
): Promise<void> {
  await db
    .insertInto('audit_logs')
    .values({
      userId: null,
      action: 'risk:level',
      entity: 'student_profiles',
      entityId: studentId,
      beforeState: JSON.stringify({ riskLevel: from }),
      afterState: JSON.stringify({ riskLevel: to, rules: [] }),
      ip: null,
      userAgent: null,
      createdAt: at,
    })
    .execute();
}

export async function makeReportWorld(db: Kysely<Database>) {
  const inst = await makeInstitution(db, { name: 'Sahyadri College of Engineering', code: 'SCE' });
  const dept = await makeDepartment(db, inst.id, { name: 'Computer Science and Engineering', code: 'CSE' });
  const other = await makeDepartment(db, inst.id, { name: 'Mechanical Engineering', code: 'MECH' });
  const at = { institutionId: inst.id, departmentId: dept.id };
  const hod = await makeUser(db, 'DEPARTMENT_ADMIN', { ...at, firstName: 'Lakshmi', lastName: 'Narayanan' });
  await setProfile(db, hod, 'Dr.');
  const dean = await makeUser(db, 'INSTITUTION_ADMIN', { ...at, firstName: 'Karthik', lastName: 'Rao' });
  const mentorA = await makeUser(db, 'MENTOR', { ...at, firstName: 'Meera', lastName: 'Iyer' });
  await setProfile(db, mentorA, 'Dr.');
  const mentorB = await makeUser(db, 'MENTOR', { ...at, firstName: 'Rahul', lastName: 'Deshpande' });
  await setProfile(db, mentorB, 'Prof.');
  const otherHod = await makeUser(db, 'DEPARTMENT_ADMIN', { institutionId: inst.id, departmentId: other.id });

  const a1 = await student(db, at, {
    first: 'Śrīnivās',
    last: 'Rāmānujan',
    roll: 'CSE2201',
    risk: 'HIGH',
    gpa: 5.2,
    att: 61.5,
  });
  const a2 = await student(db, at, {
    first: 'Ananya',
    last: 'Kulkarni',
    roll: 'CSE2202',
    risk: 'MEDIUM',
    gpa: 6.4,
    att: 72,
  });
  const b1 = await student(db, at, {
    first: 'Zoya',
    last: 'Fernandes',
    roll: 'CSE2203',
    risk: 'HIGH',
    gpa: 4.9,
    att: 58,
  });
  const b2 = await student(db, at, {
    first: 'Gurpreet',
    last: 'Singh',
    roll: 'CSE2204',
    risk: 'LOW',
    gpa: 8.7,
    att: 93,
  });
  const link = (m: MadeUser, s: MadeUser) =>
    addAssignment(db, { mentorId: m.id, studentId: s.id, departmentId: dept.id, assignedById: hod.id });
  const asA1 = await link(mentorA, a1);
  const asA2 = await link(mentorA, a2);
  const asB1 = await link(mentorB, b1);
  await link(mentorB, b2);

  const sA1 = await addSession(db, {
    assignmentId: asA1,
    createdById: mentorA.id,
    at: T('2026-03-03'),
    topic: 'Backlog clearance plan',
    summary: 'SECRET-SUMMARY-A1 family finances are tight',
    items: [
      { text: 'Register for supplementary exam', done: true },
      { text: 'Meet the maths tutor', done: false },
    ],
  });
  await addSession(db, {
    assignmentId: asA1,
    createdById: mentorA.id,
    at: T('2026-03-10'),
    topic: 'Attendance shortfall discussion',
    summary: 'SECRET-SUMMARY-A1b',
  });
  await addSession(db, {
    assignmentId: asA1,
    createdById: mentorA.id,
    at: T('2026-03-25'),
    topic: 'Mid-semester review',
    status: 'SCHEDULED',
  });
  await addSession(db, {
    assignmentId: asA2,
    createdById: mentorA.id,
    at: T('2026-03-05', '15:30'),
    topic: 'Career guidance',
    attendance: 'ABSENT',
  });
  await addSession(db, {
    assignmentId: asA2,
    createdById: mentorA.id,
    at: T('2026-02-10'),
    topic: 'February check-in (outside the period)',
  });
  const sB1 = await addSession(db, {
    assignmentId: asB1,
    createdById: mentorB.id,
    at: T('2026-03-04'),
    topic: 'Hostel issues',
    summary: 'SECRET-SUMMARY-B1',
  });
  await addSession(db, {
    assignmentId: asB1,
    createdById: mentorB.id,
    at: T('2026-03-12'),
    topic: 'Exam stress',
    status: 'CANCELLED',
  });

  const fb = (
    sessionId: string,
    giver: MadeUser,
    recipient: MadeUser,
    type: FeedbackType,
    rating: number,
    comments: string,
    visibility: FeedbackVisibility,
  ) =>
    addFeedback(db, {
      sessionId,
      giver: giver.id,
      recipient: recipient.id,
      type,
      rating,
      comments,
      visibility,
    });
  await fb(sA1, a1, mentorA, 'STUDENT_TO_MENTOR', 5, 'Helpful and patient mentor', 'MENTOR');
  await fb(
    sA1,
    a1,
    mentorA,
    'STUDENT_TO_MENTOR',
    2,
    'DEPT-ONLY-COMPLAINT mentor was late',
    'DEPARTMENT_ADMIN',
  );
  await fb(sA1, mentorA, a1, 'MENTOR_TO_STUDENT', 4, 'Keep going, good effort', 'STUDENT');
  await fb(sA1, mentorA, a1, 'MENTOR_TO_STUDENT', 3, 'PRIVATE-MENTOR-NOTE needs watching', 'MENTOR');
  await fb(sB1, b1, mentorB, 'STUDENT_TO_MENTOR', 4, 'OTHER-MENTOR-FEEDBACK fine', 'MENTOR');

  await addAlert(db, {
    studentId: a1.id,
    severity: 'CRITICAL',
    message: 'CGPA 5.20 is below 5.50.',
    at: T('2026-03-02'),
  });
  await addAlert(db, {
    studentId: a2.id,
    severity: 'WARN',
    message: 'Attendance 72% is below 75%.',
    at: T('2026-02-05'),
    closedAt: T('2026-03-08'),
    closedById: hod.id,
  });
  await addAlert(db, {
    studentId: b1.id,
    severity: 'WARN',
    message: 'OTHER-MENTOR-ALERT attendance',
    at: T('2026-02-20'),
  });

  // a1 went LOW → HIGH during March; a2 was HIGH until mid-February (previous period).
  await addLevelChange(db, a1.id, 'LOW', 'HIGH', T('2026-03-02'));
  await addLevelChange(db, a2.id, 'HIGH', 'MEDIUM', T('2026-02-15'));

  const goal = uuidv7();
  await db
    .insertInto('goals')
    .values({
      id: goal,
      studentId: a1.id,
      title: 'Clear all backlogs',
      category: 'ACADEMIC',
      description: null,
      targetDate: T('2026-05-30'),
      status: 'IN_PROGRESS',
      progressPct: 40,
      createdById: mentorA.id,
      createdAt: T('2026-01-10'),
      updatedAt: T('2026-03-03'),
    })
    .execute();
  await db
    .insertInto('goal_updates')
    .values({
      id: uuidv7(),
      goalId: goal,
      notedById: a1.id,
      note: 'Cleared one of three subjects',
      progressPct: 40,
      status: 'IN_PROGRESS',
      createdAt: T('2026-03-03'),
    })
    .execute();
  await db
    .insertInto('attachments')
    .values({
      id: uuidv7(),
      relatedType: 'SESSION',
      relatedId: sA1,
      ownerUserId: mentorA.id,
      fileName: 'study-plan-march.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 48_213,
      storagePath: 'blobs/x',
      createdAt: T('2026-03-03'),
    })
    .execute();

  return { inst, dept, other, hod, dean, otherHod, mentorA, mentorB, a1, a2, b1, b2 };
}
export type ReportWorld = Awaited<ReturnType<typeof makeReportWorld>>;

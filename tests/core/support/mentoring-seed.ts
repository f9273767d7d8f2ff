import type { Kysely } from 'kysely';
import type { Database } from '../../../src/core/db/schema.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import type { MadeUser } from '../../fixtures/builders.ts';
import type { World } from './world.ts';

// Hand-inserted mentoring rows for the scope predicate tests (the mentoring calls come later):
// sessions s1 (current assignment), s2/s3 (ENDED; recorded by the mentor / by the office), s4
// (other department); feedback f1..f4 covering every visibility; goals, alerts, notifications,
// attachments hanging on each kind of record.

const NOW = '2026-01-12T10:00:00.000Z';

export async function seedMentoring(db: Kysely<Database>, w: World) {
  const session = async (assignmentId: string, createdById: string, summary: string) => {
    const id = uuidv7();
    await db
      .insertInto('session_records')
      .values({
        id,
        assignmentId,
        sessionDate: NOW,
        mode: 'IN_PERSON',
        location: 'Room 101',
        topic: 'Semester plan',
        summary,
        actionItems: '[]',
        nextMeetingOn: null,
        status: 'COMPLETED',
        createdById,
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute();
    return id;
  };
  const s1 = await session(w.assignment, w.mentor.id, 'private notes s1');
  const s2 = await session(w.endedAssignment, w.mentor.id, 'ended, recorded by mentor');
  const s3 = await session(w.endedAssignment, w.deptAdmin.id, 'ended, recorded by the office');
  const s4 = await session(w.otherAssignment, w.otherDeptMentor.id, 'other department');
  const feedback = async (
    sessionId: string,
    giver: MadeUser,
    recipient: MadeUser,
    visibility: 'MENTOR' | 'STUDENT' | 'DEPARTMENT_ADMIN',
  ) => {
    const id = uuidv7();
    await db
      .insertInto('session_feedback')
      .values({
        id,
        sessionId,
        giverUserId: giver.id,
        recipientUserId: recipient.id,
        type: giver.role === 'STUDENT' ? 'STUDENT_TO_MENTOR' : 'MENTOR_TO_STUDENT',
        rating: 4,
        comments: 'ok',
        visibility,
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute();
    return id;
  };
  const f1 = await feedback(s1, w.student, w.mentor, 'MENTOR');
  const f2 = await feedback(s1, w.student, w.mentor, 'DEPARTMENT_ADMIN');
  const f3 = await feedback(s1, w.mentor, w.student, 'STUDENT');
  const f4 = await feedback(s1, w.mentor, w.student, 'MENTOR');
  const goal = async (student: MadeUser) => {
    const id = uuidv7();
    await db
      .insertInto('goals')
      .values({
        id,
        studentId: student.id,
        title: 'Raise GPA',
        category: 'ACADEMIC',
        description: null,
        targetDate: null,
        createdById: w.mentor.id,
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute();
    await db
      .insertInto('goal_updates')
      .values({
        id: `u-${id}`,
        goalId: id,
        notedById: w.mentor.id,
        note: 'started',
        progressPct: 10,
        status: 'IN_PROGRESS',
        createdAt: NOW,
      })
      .execute();
    return id;
  };
  const g1 = await goal(w.student);
  const g2 = await goal(w.endedStudent);
  const g3 = await goal(w.otherDeptStudent);
  const alert = async (student: MadeUser) => {
    const id = uuidv7();
    await db
      .insertInto('alerts')
      .values({
        id,
        studentId: student.id,
        severity: 'WARN',
        category: 'GPA',
        message: 'GPA below 6',
        sourceRef: null,
        createdAt: NOW,
        closedAt: null,
        closedById: null,
      })
      .execute();
    return id;
  };
  const a1 = await alert(w.student);
  const a2 = await alert(w.unassigned);
  for (const u of [w.superAdmin, w.mentor, w.student]) {
    await db
      .insertInto('notifications')
      .values({
        id: `n-${u.id}`,
        userId: u.id,
        type: 'ALERT',
        title: 't',
        body: 'b',
        payload: null,
        readAt: null,
        createdAt: NOW,
      })
      .execute();
  }
  const attachment = async (
    relatedType: 'SESSION' | 'GOAL' | 'FEEDBACK' | 'ASSIGNMENT',
    relatedId: string,
    owner: MadeUser,
  ) => {
    const id = uuidv7();
    await db
      .insertInto('attachments')
      .values({
        id,
        relatedType,
        relatedId,
        ownerUserId: owner.id,
        fileName: 'f.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 10,
        storagePath: 'x',
        createdAt: NOW,
      })
      .execute();
    return id;
  };
  const att = {
    onS1: await attachment('SESSION', s1, w.mentor),
    onG3: await attachment('GOAL', g3, w.otherDeptMentor),
    onF2: await attachment('FEEDBACK', f2, w.student),
    onOtherAssignment: await attachment('ASSIGNMENT', w.otherAssignment, w.otherDeptAdmin),
  };
  return { s1, s2, s3, s4, f1, f2, f3, f4, g1, g2, g3, a1, a2, att };
}

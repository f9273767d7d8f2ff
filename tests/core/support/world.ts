import type { Kysely } from 'kysely';
import type { Database } from '../../../src/core/db/schema.ts';
import type { AssignmentStatus, RoleName } from '../../../src/shared/domain/enums.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import {
  makeCast,
  makeDepartment,
  makeInstitution,
  makeUser,
  type MadeUser,
} from '../../fixtures/builders.ts';

// A small organisation for scope and RBAC tests: the fixture cast (one institution, department
// `dept` with one user of every role, an empty `otherDept`) plus people the cast must or must not
// see: a second mentor and an unassigned student in `dept`, staff and a student in `otherDept`,
// a second institution with its own people, and one ENDED assignment.

const NOW = '2026-01-10T08:00:00.000Z';

export async function addAssignment(
  db: Kysely<Database>,
  a: {
    mentorId: string;
    studentId: string;
    departmentId: string;
    assignedById: string;
    status?: AssignmentStatus;
  },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('mentor_assignments')
    .values({
      id,
      mentorId: a.mentorId,
      studentId: a.studentId,
      departmentId: a.departmentId,
      assignedById: a.assignedById,
      status: a.status ?? 'ACTIVE',
      assignedAt: NOW,
      endedAt: a.status === 'ENDED' ? NOW : null,
      notes: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .execute();
  return id;
}

export async function makeWorld(db: Kysely<Database>) {
  const cast = await makeCast(db);
  const at = (departmentId: string, institutionId = cast.inst.id) => ({ institutionId, departmentId });
  const inDept = at(cast.dept.id);
  const otherMentor = await makeUser(db, 'MENTOR', { ...inDept, firstName: 'Other', lastName: 'Mentor' });
  const unassigned = await makeUser(db, 'STUDENT', { ...inDept, firstName: 'Una', lastName: 'Signed' });
  const endedStudent = await makeUser(db, 'STUDENT', { ...inDept, firstName: 'Ended', lastName: 'Mentee' });
  const otherDeptAdmin = await makeUser(db, 'DEPARTMENT_ADMIN', at(cast.otherDept.id));
  const otherDeptMentor = await makeUser(db, 'MENTOR', at(cast.otherDept.id));
  const otherDeptStudent = await makeUser(db, 'STUDENT', at(cast.otherDept.id));
  const inst2 = await makeInstitution(db, { name: 'Second College' });
  const dept2 = await makeDepartment(db, inst2.id, { name: 'Civil Engineering' });
  const in2 = at(dept2.id, inst2.id);
  const inst2Admin = await makeUser(db, 'INSTITUTION_ADMIN', in2);
  const inst2DeptAdmin = await makeUser(db, 'DEPARTMENT_ADMIN', in2);
  const inst2Mentor = await makeUser(db, 'MENTOR', in2);
  const inst2Student = await makeUser(db, 'STUDENT', in2);
  const link = (mentor: MadeUser, student: MadeUser, departmentId: string, status?: AssignmentStatus) =>
    addAssignment(db, {
      mentorId: mentor.id,
      studentId: student.id,
      departmentId,
      assignedById: cast.deptAdmin.id,
      status,
    });
  const assignment = await link(cast.mentor, cast.student, cast.dept.id);
  const endedAssignment = await link(cast.mentor, endedStudent, cast.dept.id, 'ENDED');
  const otherAssignment = await link(otherDeptMentor, otherDeptStudent, cast.otherDept.id);
  const inst2Assignment = await addAssignment(db, {
    mentorId: inst2Mentor.id,
    studentId: inst2Student.id,
    departmentId: dept2.id,
    assignedById: inst2DeptAdmin.id,
  });
  return {
    ...cast,
    otherMentor,
    unassigned,
    endedStudent,
    otherDeptAdmin,
    otherDeptMentor,
    otherDeptStudent,
    inst2,
    dept2,
    inst2Admin,
    inst2DeptAdmin,
    inst2Mentor,
    inst2Student,
    assignment,
    endedAssignment,
    otherAssignment,
    inst2Assignment,
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;

/** The cast member playing each role in `dept`. */
export function actorOf(w: World, role: RoleName): MadeUser {
  return {
    SUPER_ADMIN: w.superAdmin,
    INSTITUTION_ADMIN: w.instAdmin,
    DEPARTMENT_ADMIN: w.deptAdmin,
    MENTOR: w.mentor,
    STUDENT: w.student,
  }[role];
}

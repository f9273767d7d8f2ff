import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../context.ts';
import { CURRENT_LINK, scopeStudentRef } from './org.scope.ts';
import { FALSE, allOf, anyOf, col, eq, type Predicate } from './sql.ts';

// student_notes (issue 12 item 5). Used by the notes calls, the printed reports and sync's pull, so
// what a laptop caches is exactly what its user may read:
// - RESTRICTED: only the author and the DEPARTMENT_ADMIN of the student's department (institution
//   and super admins do not read them: the point is a short, named list of readers).
// - STAFF: admins in scope; a mentor its current mentees' notes, except that the notes of a FORMER
//   mentor of the student (handover) follow the student only when the student's department allows it
//   (department_note_settings.notesFollowHandover). Notes by admins or co-mentors always do.
// - The author always reads its own notes. Students read none.

/** A former mentor of the note's student: had an assignment with the student, has no current one. */
function byFormerMentor(alias: string): Predicate {
  const statuses = sql.join(CURRENT_LINK.map((s) => sql`${s}`));
  return sql<SqlBool>`(exists (select 1 from mentor_assignments scope_na
      where scope_na.studentId = ${col(alias, 'studentId')} and scope_na.mentorId = ${col(alias, 'authorId')})
    and not exists (select 1 from mentor_assignments scope_nc
      where scope_nc.studentId = ${col(alias, 'studentId')} and scope_nc.mentorId = ${col(alias, 'authorId')}
        and scope_nc.status in (${statuses})))`;
}

/** The note's student belongs to a department whose setting lets notes follow a handover. */
function notesFollowHandover(alias: string): Predicate {
  return sql<SqlBool>`exists (select 1 from users scope_nu
      join department_note_settings scope_ns on scope_ns.departmentId = scope_nu.departmentId
      where scope_nu.id = ${col(alias, 'studentId')} and scope_ns.notesFollowHandover = 1)`;
}

export function scopeNotes(actor: Actor, alias = 'student_notes'): Predicate {
  if (actor.role === 'STUDENT') return FALSE;
  const own = eq(col(alias, 'authorId'), actor.userId);
  const staff = eq(col(alias, 'visibility'), 'STAFF');
  const student = scopeStudentRef(actor, col(alias, 'studentId'));
  switch (actor.role) {
    case 'DEPARTMENT_ADMIN':
      // scopeStudentRef is "students of the own department" for a department admin.
      return anyOf(own, student);
    case 'MENTOR':
      return anyOf(
        own,
        allOf(staff, student, anyOf(sql<SqlBool>`not ${byFormerMentor(alias)}`, notesFollowHandover(alias))),
      );
    default:
      return anyOf(own, allOf(staff, student));
  }
}

/** Notes the actor may edit: its own (a note speaks for its author; nobody rewrites it). */
export function scopeNotesEditable(actor: Actor, alias = 'student_notes'): Predicate {
  if (actor.role === 'STUDENT') return FALSE;
  return eq(col(alias, 'authorId'), actor.userId);
}

/** Notes the actor may delete: its own, and a department admin any note about its department's students. */
export function scopeNotesDeletable(actor: Actor, alias = 'student_notes'): Predicate {
  if (actor.role === 'DEPARTMENT_ADMIN') return scopeNotes(actor, alias);
  return scopeNotesEditable(actor, alias);
}

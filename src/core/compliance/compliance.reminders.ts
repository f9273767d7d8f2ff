import type { ServiceContext } from '../context.ts';
import { departmentIdsInScope, isIn, col, TRUE, hasRole } from '../scope/index.ts';
import type { Reminder } from '../notifications/reminders.ts';
import { loadSheet } from './compliance.queries.ts';
import { readNorms } from './norms.repo.ts';
import { semesterMidpoint, semesterOf } from './semester.ts';

// Compliance shortfalls as reminders (issue 12 item 3: "one reminder, not one per day"). Each
// shortfall has a key naming its period, and the reminder's id derives from the key, so the hourly
// or daily pass re-finds the same shortfall and inserts nothing:
// - meetings short: to the mentor, once per pairing per semester, from the semester's midpoint on
//   (before it every mentee is "short" and the reminder would be noise);
// - a HIGH-risk student without contact past the limit: to its mentor, once per lapse (the key holds
//   the last contact, so a new contact followed by a new lapse reminds again);
// - a mentor over the maximum mentees: to the department's admins, once per mentor per semester.

export async function complianceReminders(ctx: ServiceContext): Promise<Reminder[]> {
  const departments = await ctx.db
    .selectFrom('departments as d')
    .select(['d.id', 'd.name'])
    .where(ctx.actor ? isIn(col('d', 'id'), departmentIdsInScope(ctx.actor)) : TRUE)
    .execute();
  const semester = semesterOf(ctx.now);
  const pastMidpoint = ctx.now >= semesterMidpoint(semester);
  const out: Reminder[] = [];
  for (const d of departments) {
    const { norms } = await readNorms(ctx.db, d.id);
    const sheet = await loadSheet(ctx.db, {
      departmentId: d.id,
      departmentName: d.name,
      semester,
      asOf: ctx.now,
      norms,
    });
    if (sheet.mentees.length === 0) continue;
    for (const m of sheet.mentees) {
      if (pastMidpoint && m.meetingsShort > 0) {
        out.push({
          key: `COMPLIANCE_MEETINGS:${m.assignmentId}:${semester.start}`,
          userId: m.mentorId,
          type: 'SESSION_REMINDER',
          title: `Meetings short with ${m.studentName}`,
          body:
            `${m.meetings} of ${norms.minMeetingsPerSemester} meetings this semester (${semester.label}); ` +
            `${m.meetingsShort} more needed before it ends.`,
          payload: { kind: 'COMPLIANCE', rule: 'MEETINGS', studentId: m.studentId, semester: semester.label },
        });
      }
      if (m.contactOverdueBy > 0) {
        out.push({
          key: `COMPLIANCE_CONTACT:${m.assignmentId}:${m.lastContactAt ?? 'never'}`,
          userId: m.mentorId,
          type: 'ALERT',
          title: `No contact with ${m.studentName} for ${m.daysWithoutContact} days`,
          body:
            `${m.studentName} is at HIGH risk; the department expects contact at least every ` +
            `${norms.maxDaysWithoutContactHigh} days.`,
          payload: { kind: 'COMPLIANCE', rule: 'CONTACT', studentId: m.studentId },
        });
      }
    }
    const over = sheet.mentors.filter((m) => m.overLoadBy > 0);
    if (over.length === 0) continue;
    const admins = await ctx.db
      .selectFrom('users as u')
      .select('u.id')
      .where('u.departmentId', '=', d.id)
      .where('u.status', '=', 'ACTIVE')
      .where(hasRole('u', 'DEPARTMENT_ADMIN'))
      .execute();
    for (const m of over) {
      for (const a of admins) {
        out.push({
          key: `COMPLIANCE_LOAD:${m.mentorId}:${semester.start}`,
          userId: a.id,
          type: 'ALERT',
          title: `${m.mentorName} has ${m.activeMentees} mentees`,
          body: `${m.overLoadBy} over the department's maximum of ${norms.maxMenteesPerMentor}.`,
          payload: { kind: 'COMPLIANCE', rule: 'LOAD', mentorId: m.mentorId, semester: semester.label },
        });
      }
    }
  }
  return out;
}

import type { AssignmentStatus } from '../../shared/domain/enums.ts';
import { DAY, HOUR, iso, MINUTE } from './calendar.ts';
import type { DeptContext, MentorRef } from './context.ts';
import { audit, notify } from './context.ts';
import type { Rng } from './rng.ts';
import type { StudentRef } from './students.ts';

/** One mentor–student assignment and the span in which its sessions happen. */
export interface Segment {
  id: string;
  mentor: MentorRef;
  status: AssignmentStatus;
  start: number;
  /** When sessions stop: the end or pause of the assignment, else the planning horizon. */
  stop: number;
  /** First assignment of this student: its first session is the introductory meeting. */
  first: boolean;
}

const END_REASONS = [
  'Mentor proceeded on sabbatical; mentees redistributed.',
  'Reassigned after the mentor moved to the examination cell.',
  'Reassigned at the student\u2019s request (section change).',
];

/**
 * The student's assignments: usually one ACTIVE; some were reassigned during the odd semester
 * (an ENDED one with another mentor first) and a few are PAUSED (medical leave). Mentors are dealt
 * round-robin, so no mentor carries more than ceil(students / mentors) active mentees, which the
 * mentor profiles' maxMentees always covers.
 */
export function addAssignments(d: DeptContext, rng: Rng, s: StudentRef, index: number): Segment[] {
  const { cal } = d.ctx;
  const mentor = d.mentors[index % d.mentors.length]!;
  let start =
    s.yearOfStudy === 1 ? cal.freshersJoin + rng.int(5, 12) * DAY : cal.setup + rng.int(3, 10) * DAY;
  start = Math.max(start, s.createdAt + HOUR);
  const segments: Segment[] = [];
  if (d.mentors.length > 1 && rng.chance(0.07)) {
    const other = d.mentors[(index + rng.int(1, d.mentors.length - 1)) % d.mentors.length]!;
    const endedAt = Math.min(cal.now - DAY, cal.odd.start + rng.int(60, 150) * DAY);
    if (endedAt > start + 14 * DAY) {
      segments.push(
        writeAssignment(d, rng, s, { mentor: other, start, end: endedAt, status: 'ENDED', first: true }),
      );
      start = endedAt + rng.int(1, 4) * HOUR;
    }
  }
  const pauseAt = Math.min(cal.now - 3 * DAY, cal.even.start + rng.int(15, 55) * DAY);
  const paused = rng.chance(0.015) && pauseAt > start + 14 * DAY;
  mentor.active++;
  segments.push(
    writeAssignment(d, rng, s, {
      mentor,
      start,
      end: paused ? pauseAt : null,
      status: paused ? 'PAUSED' : 'ACTIVE',
      first: segments.length === 0,
    }),
  );
  return segments;
}

interface Plan {
  mentor: MentorRef;
  start: number;
  end: number | null;
  status: AssignmentStatus;
  first: boolean;
}

function writeAssignment(d: DeptContext, rng: Rng, s: StudentRef, p: Plan): Segment {
  const { ctx } = d;
  const id = rng.uuid(p.start);
  ctx.w.add('mentor_assignments', {
    id,
    mentorId: p.mentor.id,
    studentId: s.id,
    departmentId: d.id,
    assignedById: d.hodId,
    status: p.status,
    assignedAt: iso(p.start),
    endedAt: p.status === 'ENDED' && p.end !== null ? iso(p.end) : null,
    notes: p.status === 'ENDED' ? rng.pick(END_REASONS) : p.status === 'PAUSED' ? PAUSE_NOTE : null,
    createdAt: iso(p.start),
    updatedAt: iso(p.end ?? p.start),
  });
  auditAssignment(d, rng, s, p, id);
  notifyAssignment(d, rng, s, p, id);
  const stop = Math.min(p.end ?? Infinity, ctx.cal.horizon);
  return { id, mentor: p.mentor, status: p.status, start: p.start, stop, first: p.first };
}

const PAUSE_NOTE = 'Paused: student on medical leave; sessions resume when the student rejoins.';

function auditAssignment(d: DeptContext, rng: Rng, s: StudentRef, p: Plan, id: string): void {
  const entry = { userId: d.hodId, entity: 'mentor_assignments', entityId: id };
  const assigned = { mentorId: p.mentor.id, studentId: s.id, status: 'ACTIVE' };
  audit(d.ctx, rng, { ...entry, action: 'assignments:assign', after: assigned, at: p.start });
  if (p.end === null) return;
  const action = p.status === 'ENDED' ? 'assignments:end' : 'assignments:pause';
  audit(d.ctx, rng, {
    ...entry,
    action,
    before: assigned,
    after: { ...assigned, status: p.status },
    at: p.end,
  });
}

function notifyAssignment(d: DeptContext, rng: Rng, s: StudentRef, p: Plan, id: string): void {
  const at = p.start + 5 * MINUTE;
  notify(d.ctx, rng, {
    userId: s.id,
    type: 'ASSIGNMENT',
    title: 'Your mentor has been assigned',
    body: `${p.mentor.display} (${p.mentor.cabin}) is your mentor for this academic year.`,
    payload: { assignmentId: id, mentorId: p.mentor.id },
    at,
  });
  const student = `${s.name.firstName} ${s.name.lastName} (${s.rollNumber}, ${s.program}, year ${s.yearOfStudy})`;
  notify(d.ctx, rng, {
    userId: p.mentor.id,
    type: 'ASSIGNMENT',
    title: 'New mentee assigned',
    body: `${student} has been assigned to you.`,
    payload: { assignmentId: id, studentId: s.id },
    at,
  });
}

import type { ServiceContext } from '../context.ts';
import { notify } from '../notifications/notify.ts';

// What mentor and student are told when their pairing changes (issue 4: notifications "for
// assignment changes"). Office notes are staff-only, so they never go into these texts.

interface Pair {
  assignmentId: string;
  student: { id: string; name: string; rollNumber?: string | null };
  mentor: { id: string; name: string };
}

const roll = (p: Pair): string => (p.student.rollNumber ? ` (${p.student.rollNumber})` : '');
const payload = (p: Pair, extra: Record<string, unknown> = {}) => ({
  assignmentId: p.assignmentId,
  studentId: p.student.id,
  mentorId: p.mentor.id,
  ...extra,
});

export async function noticeAssigned(ctx: ServiceContext, p: Pair): Promise<void> {
  await notify(ctx, {
    userIds: [p.mentor.id],
    type: 'ASSIGNMENT',
    title: `New mentee: ${p.student.name}`,
    body: `${p.student.name}${roll(p)} has been assigned to you as a mentee.`,
    payload: payload(p, { change: 'assigned' }),
  });
  await notify(ctx, {
    userIds: [p.student.id],
    type: 'ASSIGNMENT',
    title: `Your mentor: ${p.mentor.name}`,
    body: `${p.mentor.name} is now your mentor. You can request a session from the Sessions screen.`,
    payload: payload(p, { change: 'assigned' }),
  });
}

const CHANGE_TEXT = {
  paused: ['Mentoring paused', 'is paused for now. No new sessions can be scheduled until it resumes.'],
  resumed: ['Mentoring resumed', 'has resumed.'],
  ended: ['Mentoring ended', 'has ended. Past sessions stay in the history.'],
} as const;

export async function noticeChanged(
  ctx: ServiceContext,
  p: Pair,
  change: keyof typeof CHANGE_TEXT,
): Promise<void> {
  const [title, tail] = CHANGE_TEXT[change];
  await notify(ctx, {
    userIds: [p.mentor.id],
    type: 'ASSIGNMENT',
    title: `${title}: ${p.student.name}`,
    body: `Your mentoring of ${p.student.name}${roll(p)} ${tail}`,
    payload: payload(p, { change }),
  });
  await notify(ctx, {
    userIds: [p.student.id],
    type: 'ASSIGNMENT',
    title,
    body: `Your mentoring with ${p.mentor.name} ${tail}`,
    payload: payload(p, { change }),
  });
}

export async function noticeReassigned(ctx: ServiceContext, old: Pair, next: Pair): Promise<void> {
  await notify(ctx, {
    userIds: [old.mentor.id],
    type: 'ASSIGNMENT',
    title: `Mentee moved: ${old.student.name}`,
    body: `${old.student.name}${roll(old)} has been moved to another mentor. Your past sessions stay in the history.`,
    payload: payload(old, { change: 'reassigned-away' }),
  });
  await notify(ctx, {
    userIds: [next.mentor.id],
    type: 'ASSIGNMENT',
    title: `New mentee: ${next.student.name}`,
    body: `${next.student.name}${roll(next)} has been assigned to you (previously mentored by ${old.mentor.name}).`,
    payload: payload(next, { change: 'reassigned-to' }),
  });
  await notify(ctx, {
    userIds: [next.student.id],
    type: 'ASSIGNMENT',
    title: `Your new mentor: ${next.mentor.name}`,
    body: `${next.mentor.name} is now your mentor, in place of ${old.mentor.name}.`,
    payload: payload(next, { change: 'reassigned' }),
  });
}

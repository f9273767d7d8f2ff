import type { ServiceContext } from '../context.ts';
import { notify } from '../notifications/notify.ts';

// The handover notice (issue 12 item 2): when a student moves to a new mentor (reassigned, or assigned
// again after an earlier assignment ended), the new mentor is told, with the headline of the packet,
// and the notification links to the handover view on the student's record (payload.kind 'handover').

export async function noticeHandover(
  ctx: ServiceContext,
  p: { studentId: string; studentName: string; mentorId: string; assignmentId: string },
): Promise<void> {
  const earlier = await ctx.db
    .selectFrom('mentor_assignments')
    .select('id')
    .where('studentId', '=', p.studentId)
    .where('status', '=', 'ENDED')
    .where('mentorId', '!=', p.mentorId)
    .executeTakeFirst();
  if (!earlier) return;
  const count = async (table: 'goals' | 'alerts', open: 'status') => {
    const q = ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('studentId', '=', p.studentId);
    const r = await (
      table === 'goals' ? q.where(open, '!=', 'COMPLETED') : q.where(open, '=', 'OPEN')
    ).executeTakeFirstOrThrow();
    return Number(r.n);
  };
  const risk = await ctx.db
    .selectFrom('student_profiles')
    .select('riskLevel')
    .where('userId', '=', p.studentId)
    .executeTakeFirst();
  const [goals, alerts] = [await count('goals', 'status'), await count('alerts', 'status')];
  await notify(ctx, {
    userIds: [p.mentorId],
    type: 'ASSIGNMENT',
    title: `Handover packet: ${p.studentName}`,
    body: `Risk ${risk?.riskLevel ?? 'LOW'}, ${goals} open goal${goals === 1 ? '' : 's'}, ${alerts} open alert${alerts === 1 ? '' : 's'}. Read the handover summary on the student's record before your first meeting.`,
    payload: { kind: 'handover', studentId: p.studentId, assignmentId: p.assignmentId },
  });
}

import type { NotificationRow } from '../../../shared/contract/notifications.contract.ts';
import type { RoleName } from '../../../shared/domain/enums.ts';

// Where a notification leads: the payloads the core writes carry the ids of what they are about.

const str = (o: Record<string, unknown>, k: string): string | null =>
  typeof o[k] === 'string' ? (o[k] as string) : null;

export function notificationTarget(
  n: Pick<NotificationRow, 'type' | 'payload'>,
  role: RoleName,
): string | null {
  const p = n.payload && typeof n.payload === 'object' ? (n.payload as Record<string, unknown>) : {};
  const sessionId = str(p, 'sessionId');
  const goalId = str(p, 'goalId');
  const studentId = str(p, 'studentId');
  // Issue 12: kudos open the student's dashboard, compliance reminders the compliance sheet (a
  // mentor's about one mentee open that mentee), a digest stays in the list (its body has it all).
  if (p.kind === 'KUDOS') return role === 'STUDENT' ? '/student' : null;
  if (p.kind === 'DIGEST') return null;
  // Many alerts from one evaluation (a roster import): the queue, or a mentor's list of mentees.
  if (p.kind === 'ALERT_SUMMARY') return role === 'MENTOR' ? '/mentees' : '/alerts';
  if (p.kind === 'COMPLIANCE')
    return role === 'MENTOR' && studentId ? `/mentees/${studentId}` : '/compliance';
  if (sessionId) return `/sessions/${sessionId}`;
  if (goalId) return `/goals?goal=${goalId}`;
  if (n.type === 'ALERT' && studentId && role === 'MENTOR') return `/mentees/${studentId}`;
  if (n.type === 'ASSIGNMENT' && role === 'STUDENT') return '/my-mentor';
  if (p.kind === 'handover' && studentId && role === 'MENTOR') return `/mentees/${studentId}?tab=handover`;
  if (n.type === 'ASSIGNMENT' && role === 'MENTOR') return studentId ? `/mentees/${studentId}` : '/mentees';
  return null;
}

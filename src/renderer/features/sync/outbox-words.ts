import { CONTRACT } from '../../../shared/contract/index.ts';

// A queued change in the words of the person who made it: "Recorded a session: Mid-term marks".

const VERBS: Record<string, string> = {
  'sessions:record': 'Recorded a session',
  'sessions:schedule': 'Scheduled a session',
  'sessions:update': 'Corrected a session',
  'sessions:complete': 'Completed a session',
  'sessions:cancel': 'Cancelled a session',
  'sessions:reschedule': 'Rescheduled a session',
  'sessions:set-next-meeting': 'Set the next meeting',
  'sessions:request': 'Requested a session',
  'sessions:confirm': 'Confirmed a session request',
  'sessions:toggle-action-item': 'Ticked an action item',
  'feedback:give': 'Gave feedback',
  'feedback:edit': 'Edited feedback',
  'goals:create': 'Set a goal',
  'goals:update': 'Changed a goal',
  'goals:add-update': 'Noted goal progress',
  'alerts:raise': 'Raised an alert',
  'alerts:close': 'Closed an alert',
  'notifications:mark-read': 'Marked notifications read',
  'notifications:mark-all-read': 'Marked all notifications read',
  'users:update-own-profile': 'Updated your profile',
  'mentors:update-profile': 'Updated a mentor profile',
};

const DETAIL_KEYS = ['topic', 'title', 'note', 'message', 'comments', 'reason'] as const;

export function describeCall(callName: string): string {
  if (VERBS[callName]) return VERBS[callName];
  const def = (CONTRACT as Record<string, { summary: string } | undefined>)[callName];
  return def?.summary ?? callName;
}

/** The most telling text the user typed, for recognising the change. */
export function describeInput(input: unknown): string | null {
  if (!input || typeof input !== 'object') return null;
  const o = input as Record<string, unknown>;
  for (const k of DETAIL_KEYS) {
    const v = o[k];
    if (typeof v === 'string' && v.trim())
      return v.trim().length > 90 ? `${v.trim().slice(0, 87)}…` : v.trim();
  }
  return null;
}

/** A value from a conflict (base, mine, central) as text. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

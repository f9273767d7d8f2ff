import type { CallInput } from '../../../shared/contract/index.ts';
import type { SessionDetail } from '../../../shared/contract/sessions.contract.ts';
import type { Attendance, SessionMode } from '../../../shared/domain/enums.ts';
import { fromIso, toIso, type DayTime } from './datetime.ts';

// The session form's values and the call each use of it makes. Pure, so the rules (which fields a
// correction sends, how a core field issue finds its input) are unit-tested without a browser.

export type FormKind = 'record' | 'schedule' | 'complete' | 'edit';

export interface ActionItemDraft {
  /** Stable React key while rows move. */
  key: string;
  text: string;
  done: boolean;
  /** "YYYY-MM-DD" or ''. */
  dueOn: string;
}

export interface SessionFormValues {
  assignmentId: string;
  when: DayTime;
  mode: SessionMode;
  location: string;
  topic: string;
  attendance: Attendance;
  summary: string;
  actionItems: ActionItemDraft[];
  next: DayTime;
}

export type SessionCall =
  | { name: 'sessions:record'; input: CallInput<'sessions:record'> }
  | { name: 'sessions:schedule'; input: CallInput<'sessions:schedule'> }
  | { name: 'sessions:update'; input: CallInput<'sessions:update'> };

let keys = 0;
export const newItemKey = (): string => `item-${++keys}`;

export function emptyValues(assignmentId = '', when: DayTime = { date: '', time: '' }): SessionFormValues {
  return {
    assignmentId,
    when,
    mode: 'IN_PERSON',
    location: '',
    topic: '',
    attendance: 'PRESENT',
    summary: '',
    actionItems: [],
    next: { date: '', time: '' },
  };
}

export function valuesFromSession(s: SessionDetail): SessionFormValues {
  return {
    assignmentId: s.assignmentId,
    when: fromIso(s.sessionDate),
    mode: s.mode,
    location: s.location ?? '',
    topic: s.topic,
    attendance: s.attendance,
    summary: s.summary ?? '',
    actionItems: s.actionItems.map((a) => ({
      key: newItemKey(),
      text: a.text,
      done: a.done,
      dueOn: a.dueOn ?? '',
    })),
    next: fromIso(s.nextMeetingOn),
  };
}

/** Rows with neither text nor a due date are blank lines the user left, not items. */
export function keptItems(items: ActionItemDraft[]): ActionItemDraft[] {
  return items.filter((i) => i.text.trim() !== '' || i.dueOn !== '');
}

const itemsInput = (items: ActionItemDraft[]) =>
  keptItems(items).map((i) => ({ text: i.text, done: i.done, ...(i.dueOn ? { dueOn: i.dueOn } : {}) }));

const sameItems = (a: SessionFormValues['actionItems'], b: SessionFormValues['actionItems']): boolean =>
  JSON.stringify(itemsInput(a)) === JSON.stringify(itemsInput(b));

/**
 * The fields a correction changes, and only those: a synced laptop sends each changed field with
 * the value the form started from, and an unchanged field sent anyway could clash with an edit the
 * office made meanwhile.
 */
function changedContent(v: SessionFormValues, from: SessionFormValues) {
  const next = toIso(v.next);
  return {
    ...(v.topic !== from.topic ? { topic: v.topic } : {}),
    ...(v.mode !== from.mode ? { mode: v.mode } : {}),
    ...(v.location !== from.location ? { location: v.location } : {}),
    ...(v.summary !== from.summary ? { summary: v.summary } : {}),
    ...(!sameItems(v.actionItems, from.actionItems) ? { actionItems: itemsInput(v.actionItems) } : {}),
    ...(next !== toIso(from.next) ? { nextMeetingOn: next } : {}),
  };
}

export function buildCall(
  kind: FormKind,
  v: SessionFormValues,
  from: SessionFormValues,
  sessionId?: string,
): SessionCall {
  const sessionDate = toIso(v.when) ?? undefined;
  switch (kind) {
    case 'schedule':
      return {
        name: 'sessions:schedule',
        input: {
          assignmentId: v.assignmentId,
          sessionDate: sessionDate ?? '',
          mode: v.mode,
          location: v.location,
          topic: v.topic,
        },
      };
    case 'record':
      return {
        name: 'sessions:record',
        input: {
          assignmentId: v.assignmentId,
          sessionDate,
          topic: v.topic,
          mode: v.mode,
          location: v.location,
          attendance: v.attendance,
          summary: v.summary,
          actionItems: itemsInput(v.actionItems),
          nextMeetingOn: toIso(v.next),
        },
      };
    case 'complete':
      return {
        name: 'sessions:record',
        input: {
          sessionId,
          ...(sessionDate !== toIso(from.when) ? { sessionDate } : {}),
          ...changedContent(v, from),
          attendance: v.attendance,
        },
      };
    case 'edit':
      return {
        name: 'sessions:update',
        input: {
          id: sessionId ?? '',
          ...(sessionDate !== toIso(from.when) ? { sessionDate } : {}),
          ...(v.attendance !== from.attendance ? { attendance: v.attendance } : {}),
          ...changedContent(v, from),
        },
      };
  }
}

/**
 * The contract's "a new record needs the date, topic and mode" rule reports at sessionDate; once
 * the date is there, the topic's own message says what is missing, so that one is dropped.
 */
export function relevantIssues<T extends { path: string }>(issues: T[], v: SessionFormValues): T[] {
  return issues.filter(
    (i) => !(i.path === 'sessionDate' && toIso(v.when) && issues.some((o) => o.path === 'topic')),
  );
}

/** Which input shows an issue the schema or the core reported at `path`. */
export function fieldForIssue(path: string, v: SessionFormValues): string {
  if (path === 'sessionDate') return 'when';
  if (path === 'nextMeetingOn') return 'next';
  const item = /^actionItems\.(\d+)\.(\w+)$/.exec(path);
  if (item) {
    const row = keptItems(v.actionItems)[Number(item[1])];
    return row ? `item.${row.key}.${item[2]}` : 'actionItems';
  }
  return path;
}

/** Checks the contract cannot make: both halves of a date-time must be filled together. */
export function incompleteDates(kind: FormKind, v: SessionFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!toIso(v.when)) errors.when = 'Choose the day and the time.';
  const nextStarted = v.next.date !== '' || v.next.time !== '';
  if ((kind === 'record' || kind === 'complete' || kind === 'edit') && nextStarted && !toIso(v.next))
    errors.next = 'Give both the day and the time, or clear the day.';
  return errors;
}

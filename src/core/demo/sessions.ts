import type { SessionMode, SessionStatus } from '../../shared/domain/enums.ts';
import type { Segment } from './assignments.ts';
import { atIst, DAY, HOUR, iso, isoDay, istLabel, startOfDay, toWeekday, type Calendar } from './calendar.ts';
import type { DeptContext } from './context.ts';
import { notify } from './context.ts';
import { addFeedback } from './feedback.ts';
import type { Rng } from './rng.ts';
import {
  ABSENT_SUMMARIES,
  CANCEL_REASONS,
  ONLINE_PLACES,
  TOPICS,
  type TopicKind,
  type TopicText,
} from './session-texts.ts';
import { ATTENDANCE_WARN, GPA_WARN, type StudentRef } from './students.ts';

const SLOTS: readonly [number, number][] = [
  [9, 30],
  [10, 30],
  [11, 30],
  [14, 0],
  [15, 0],
  [16, 0],
];

/** Meeting times over the segment: every `cadence` days (± 2), weekdays, inside the semesters. */
export function sessionTimes(cal: Calendar, rng: Rng, seg: Segment, cadence: number): number[] {
  const times: number[] = [];
  let t = seg.start + rng.real(2, cadence) * DAY;
  while (t <= seg.stop) {
    if (t < cal.odd.start) t = cal.odd.start + rng.int(0, 4) * DAY;
    else if (t > cal.odd.end && t < cal.even.start) t = cal.even.start + rng.int(0, 6) * DAY;
    if (t > cal.even.end) break;
    const [hh, mm] = rng.pick(SLOTS);
    const at = atIst(toWeekday(startOfDay(t)), hh, mm);
    if (at > seg.start && at <= seg.stop && at > (times.at(-1) ?? 0)) times.push(at);
    t += (cadence + rng.real(-2, 2)) * DAY;
  }
  return times;
}

function statusFor(cal: Calendar, rng: Rng, at: number): SessionStatus {
  if (at > cal.now) return rng.chance(0.03) ? 'CANCELLED' : 'SCHEDULED';
  if (rng.chance(0.05)) return 'CANCELLED';
  // Mentors record sessions late: recent ones are often still SCHEDULED, i.e. pending a record.
  const pending = cal.now - at < 21 * DAY ? 0.2 : 0.01;
  return rng.chance(pending) ? 'SCHEDULED' : 'COMPLETED';
}

function topicFor(cal: Calendar, rng: Rng, s: StudentRef, at: number, firstOfSegment: boolean): TopicText {
  const kinds: TopicKind[] = [];
  const day = startOfDay(at);
  const inSem = (w: { start: number }, from: number, to: number): boolean =>
    day >= w.start + from * DAY && day <= w.start + to * DAY;
  if (firstOfSegment) return byKind(rng, 'intro');
  if (inSem(cal.odd, 50, 80) || inSem(cal.even, 45, 75)) kinds.push('midsem', 'midsem');
  if (inSem(cal.odd, 105, 130) || inSem(cal.even, 95, 130)) kinds.push('endsem', 'endsem');
  if (s.attendancePct < ATTENDANCE_WARN) kinds.push('attendance', 'attendance');
  if (s.gpa < GPA_WARN) kinds.push('academic', 'academic');
  if (s.program.startsWith('M')) kinds.push('pg', 'pg');
  else if (s.yearOfStudy === 3) kinds.push('career');
  else if (s.yearOfStudy === 4) kinds.push('final', 'final');
  kinds.push('general', 'general', 'general');
  return byKind(rng, rng.pick(kinds));
}

function byKind(rng: Rng, kind: TopicKind): TopicText {
  return rng.pick(TOPICS.filter((t) => t.kind === kind));
}

export function fill(text: string, s: StudentRef): string {
  return text
    .replaceAll('{first}', s.name.firstName)
    .replaceAll('{gpa}', s.gpa.toFixed(2))
    .replaceAll('{att}', s.attendancePct.toFixed(2));
}

function place(d: DeptContext, rng: Rng, seg: Segment): { mode: SessionMode; location: string | null } {
  const mode = rng.weighted<SessionMode>([
    ['IN_PERSON', 70],
    ['ONLINE', 20],
    ['PHONE', 10],
  ]);
  if (mode === 'PHONE') return { mode, location: null };
  if (mode === 'ONLINE') return { mode, location: rng.pick(ONLINE_PLACES) };
  const elsewhere = [
    `Seminar Hall 2, ${d.spec.block}`,
    'Central Library, Discussion Room 3',
    `Project Lab, ${d.spec.block}`,
  ];
  return { mode, location: rng.chance(0.85) ? seg.mentor.cabin : rng.pick(elsewhere) };
}

function actionItems(cal: Calendar, rng: Rng, topic: TopicText, at: number, absent: boolean): string | null {
  const pool = absent ? ['Reschedule the missed session'] : topic.actions;
  const items = rng.sample(pool, absent ? 1 : rng.int(1, Math.min(3, pool.length)));
  const rows = items.map((text) => {
    const due = rng.chance(0.7) ? at + rng.pick([7, 10, 14]) * DAY : null;
    const done = rng.chance((due ?? at + 14 * DAY) < cal.now ? 0.8 : 0.25);
    return due === null ? { text, done } : { text, done, dueOn: isoDay(due) };
  });
  return JSON.stringify(rows);
}

/** Every session of one assignment, with its feedback and the notifications it caused. */
export function addSessions(d: DeptContext, rng: Rng, s: StudentRef, seg: Segment): void {
  const { cal } = d.ctx;
  const times = sessionTimes(cal, rng, seg, s.cadence);
  const statuses = times.map((at) => statusFor(cal, rng, at));
  times.forEach((at, i) => {
    const next = times.slice(i + 1).find((_, j) => statuses[i + 1 + j] !== 'CANCELLED');
    addSession(d, rng, s, seg, { at, status: statuses[i]!, next: next ?? null, first: seg.first && i === 0 });
  });
}

interface Planned {
  at: number;
  status: SessionStatus;
  next: number | null;
  first: boolean;
}

function addSession(d: DeptContext, rng: Rng, s: StudentRef, seg: Segment, p: Planned): void {
  const { ctx } = d;
  const { cal } = ctx;
  const topic = topicFor(cal, rng, s, p.at, p.first);
  const absent = p.status === 'COMPLETED' && rng.chance(s.attendancePct < ATTENDANCE_WARN ? 0.18 : 0.05);
  const createdAt = Math.max(seg.start + HOUR, Math.min(cal.now - HOUR, p.at - rng.int(2, 10) * DAY));
  const updatedAt = changedAt(cal, rng, p, createdAt);
  const { mode, location } = place(d, rng, seg);
  const id = rng.uuid(createdAt);
  ctx.w.add('session_records', {
    id,
    assignmentId: seg.id,
    sessionDate: iso(p.at),
    mode,
    location,
    topic: topic.topic,
    summary: summaryFor(rng, s, p.status, topic, absent),
    actionItems: p.status === 'COMPLETED' ? actionItems(cal, rng, topic, p.at, absent) : null,
    nextMeetingOn: p.status === 'COMPLETED' && p.next !== null ? iso(p.next) : null,
    attendance: absent ? 'ABSENT' : 'PRESENT',
    status: p.status,
    createdById: seg.mentor.id,
    createdAt: iso(createdAt),
    updatedAt: iso(updatedAt),
  });
  const facts = {
    id,
    at: p.at,
    status: p.status,
    topic: topic.topic,
    location,
    createdAt,
    cancelledAt: updatedAt,
  };
  remind(d, rng, s, seg, facts);
  if (p.status === 'COMPLETED' && !absent) addFeedback(d, rng, s, seg, { id, at: p.at, topic: topic.topic });
}

/** The mentor's notes once held; the reason once cancelled; nothing while still scheduled. */
function summaryFor(
  rng: Rng,
  s: StudentRef,
  status: SessionStatus,
  topic: TopicText,
  absent: boolean,
): string | null {
  if (status === 'COMPLETED') return fill(rng.pick(absent ? ABSENT_SUMMARIES : topic.summaries), s);
  return status === 'CANCELLED' ? rng.pick(CANCEL_REASONS) : null;
}

/** When the row last changed: recorded after the meeting, cancelled before it, else untouched. */
function changedAt(cal: Calendar, rng: Rng, p: Planned, createdAt: number): number {
  if (p.status === 'COMPLETED') return Math.max(createdAt, Math.min(cal.now, p.at + rng.int(1, 48) * HOUR));
  if (p.status === 'CANCELLED') return Math.max(createdAt, Math.min(cal.now, p.at - rng.int(2, 48) * HOUR));
  return createdAt;
}

interface ReminderFacts {
  id: string;
  at: number;
  status: SessionStatus;
  topic: string;
  location: string | null;
  createdAt: number;
  cancelledAt: number;
}

function remind(d: DeptContext, rng: Rng, s: StudentRef, seg: Segment, f: ReminderFacts): void {
  const payload = { sessionId: f.id, assignmentId: seg.id };
  const send = (userId: string, title: string, body: string, at: number): void =>
    notify(d.ctx, rng, { userId, type: 'SESSION_REMINDER', title, body, payload, at });
  const when = istLabel(f.at);
  const what = `${f.topic} (${f.location ?? 'by phone'})`;
  send(
    s.id,
    'Mentoring session scheduled',
    `${seg.mentor.display} scheduled a session on ${when}: ${what}.`,
    f.createdAt,
  );
  if (f.status === 'CANCELLED') {
    const body = `Your mentoring session on ${when} (${f.topic}) has been cancelled.`;
    send(s.id, 'Mentoring session cancelled', body, f.cancelledAt);
    return;
  }
  const dayBefore = f.at - 18 * HOUR;
  const student = `${s.name.firstName} ${s.name.lastName} (${s.rollNumber})`;
  send(s.id, TOMORROW, `Tomorrow, ${when}, with ${seg.mentor.display}: ${what}.`, dayBefore);
  send(seg.mentor.id, TOMORROW, `Tomorrow, ${when}, with ${student}: ${f.topic}.`, dayBefore);
}

const TOMORROW = 'Mentoring session tomorrow';

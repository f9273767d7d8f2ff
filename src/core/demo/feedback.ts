import type { FeedbackType, FeedbackVisibility } from '../../shared/domain/enums.ts';
import type { Segment } from './assignments.ts';
import { HOUR, iso, istLabel } from './calendar.ts';
import type { DeptContext } from './context.ts';
import { notify } from './context.ts';
import { MENTOR_COMMENTS, STUDENT_COMMENTS } from './other-texts.ts';
import type { Rng } from './rng.ts';
import type { StudentRef } from './students.ts';

export interface HeldSession {
  id: string;
  at: number;
  topic: string;
}

const MENTOR_RATING_GOOD = [
  [5, 35],
  [4, 45],
  [3, 15],
  [2, 5],
] as const;
const MENTOR_RATING_RISK = [
  [5, 5],
  [4, 25],
  [3, 40],
  [2, 25],
  [1, 5],
] as const;
const STUDENT_RATING = [
  [5, 45],
  [4, 35],
  [3, 12],
  [2, 6],
  [1, 2],
] as const;

/**
 * Feedback on a held session (COMPLETED, student present), in either direction or both. Students
 * who rate a session badly often mark it DEPARTMENT_ADMIN so the mentor cannot read it (ROLES.md).
 */
export function addFeedback(d: DeptContext, rng: Rng, s: StudentRef, seg: Segment, held: HeldSession): void {
  if (rng.chance(0.6)) mentorFeedback(d, rng, s, seg, held);
  const at = held.at + rng.int(2, 72) * HOUR;
  if (at > d.ctx.cal.now) return;
  if (rng.chance(0.5)) {
    studentFeedback(d, rng, s, seg, held, at);
  } else if (rng.chance(0.45)) {
    notify(d.ctx, rng, {
      userId: s.id,
      type: 'FEEDBACK',
      title: 'How was your mentoring session?',
      body: `Rate your session of ${istLabel(held.at)} (${held.topic}) with ${seg.mentor.display}.`,
      payload: { sessionId: held.id },
      at: held.at + 2 * HOUR,
    });
  }
}

function mentorFeedback(d: DeptContext, rng: Rng, s: StudentRef, seg: Segment, held: HeldSession): void {
  const rating = rng.weighted(s.risk === 'LOW' ? MENTOR_RATING_GOOD : MENTOR_RATING_RISK);
  const tone = rating >= 4 ? 'good' : rating === 3 ? 'mixed' : 'poor';
  // Mostly shared with the student; some are the mentor's private notes.
  const visibility = rng.chance(0.75) ? 'STUDENT' : 'MENTOR';
  const at = held.at + rng.int(1, 48) * HOUR;
  if (at > d.ctx.cal.now) return;
  const comments = rng.pick(MENTOR_COMMENTS[tone]);
  const given: Given = {
    type: 'MENTOR_TO_STUDENT',
    giver: seg.mentor.id,
    recipient: s.id,
    rating,
    visibility,
    at,
    comments,
  };
  write(d, rng, given, held);
}

function studentFeedback(
  d: DeptContext,
  rng: Rng,
  s: StudentRef,
  seg: Segment,
  held: HeldSession,
  at: number,
): void {
  const rating = rng.weighted(STUDENT_RATING);
  const tone = rating >= 4 ? 'good' : rating === 3 ? 'ok' : 'poor';
  const visibility = rng.chance(rating <= 2 ? 0.7 : 0.08) ? 'DEPARTMENT_ADMIN' : 'MENTOR';
  const comments = rng.pick(STUDENT_COMMENTS[tone]);
  const given: Given = {
    type: 'STUDENT_TO_MENTOR',
    giver: s.id,
    recipient: seg.mentor.id,
    rating,
    visibility,
    at,
    comments,
  };
  write(d, rng, given, held);
}

interface Given {
  type: FeedbackType;
  giver: string;
  recipient: string;
  rating: number;
  visibility: FeedbackVisibility;
  comments: string;
  at: number;
}

function write(d: DeptContext, rng: Rng, g: Given, held: HeldSession): void {
  const id = rng.uuid(g.at);
  d.ctx.w.add('session_feedback', {
    id,
    sessionId: held.id,
    giverUserId: g.giver,
    recipientUserId: g.recipient,
    type: g.type,
    rating: g.rating,
    comments: g.comments,
    visibility: g.visibility,
    createdAt: iso(g.at),
    updatedAt: iso(g.at),
  });
  const payload = { feedbackId: id, sessionId: held.id };
  const recipientSees = g.visibility === (g.type === 'MENTOR_TO_STUDENT' ? 'STUDENT' : 'MENTOR');
  if (recipientSees) {
    const from = g.type === 'MENTOR_TO_STUDENT' ? 'your mentor' : 'your mentee';
    const body = `New feedback from ${from} on the session of ${istLabel(held.at)} (${held.topic}): ${g.rating}/5.`;
    notify(d.ctx, rng, {
      userId: g.recipient,
      type: 'FEEDBACK',
      title: 'New session feedback',
      body,
      payload,
      at: g.at,
    });
  } else if (g.visibility === 'DEPARTMENT_ADMIN') {
    const body = `A student left confidential feedback (${g.rating}/5) on a session of ${istLabel(held.at)}.`;
    notify(d.ctx, rng, {
      userId: d.hodId,
      type: 'FEEDBACK',
      title: 'Confidential feedback received',
      body,
      payload,
      at: g.at,
    });
  }
}

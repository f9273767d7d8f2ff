import type { GoalCategory, GoalStatus } from '../../shared/domain/enums.ts';
import type { Segment } from './assignments.ts';
import { atIst, DAY, HOUR, iso, isoDay, startOfDay, type Calendar, type Window } from './calendar.ts';
import type { DeptContext } from './context.ts';
import { notify } from './context.ts';
import { GOAL_NOTES, GOALS } from './other-texts.ts';
import type { Rng } from './rng.ts';
import type { StudentRef } from './students.ts';

const CATEGORIES = [
  ['ACADEMIC', 40],
  ['CAREER', 30],
  ['BEHAVIORAL', 15],
  ['WELLNESS', 15],
] as const;
const SUCCESS = { LOW: 0.7, MEDIUM: 0.45, HIGH: 0.3 } as const;

interface GoalPlan {
  id: string;
  createdAt: number;
  target: number;
  /** Who keeps it up to date besides the student (the mentor at the time), if anyone. */
  mentorId: string | null;
}

interface Update {
  at: number;
  progressPct: number;
  status: GoalStatus;
  note: string;
}

/** A few goals per semester, each with regular progress updates ending in its current state. */
export function addGoals(d: DeptContext, rng: Rng, s: StudentRef, segments: Segment[]): void {
  const { cal } = d.ctx;
  const plans: [Window, number][] = [
    [cal.odd, rng.int(2, 4)],
    [cal.even, rng.int(2, 4)],
  ];
  for (const [sem, count] of plans) {
    for (let i = 0; i < count; i++) {
      const day = startOfDay(Math.max(s.createdAt + 2 * DAY, sem.start + rng.int(3, 35) * DAY));
      const createdAt = atIst(day, 12, rng.int(0, 59));
      if (createdAt > cal.now) continue;
      const mentorId = segments.find((g) => g.start <= createdAt && createdAt <= g.stop)?.mentor.id ?? null;
      const target = atIst(sem.end - rng.int(0, 20) * DAY, 17, 0);
      addGoal(d, rng, s, { id: rng.uuid(createdAt), createdAt, target, mentorId });
    }
  }
}

function addGoal(d: DeptContext, rng: Rng, s: StudentRef, g: GoalPlan): void {
  const { ctx } = d;
  const category = rng.weighted<GoalCategory>(CATEGORIES);
  const text = rng.pick(GOALS[category]);
  const title = text.title.replace('{target}', Math.min(9.5, Math.ceil(s.gpa * 2) / 2 + 0.5).toFixed(1));
  const updates = progressUpdates(ctx.cal, rng, g, SUCCESS[s.risk]);
  for (const u of updates) {
    const notedById = g.mentorId !== null && rng.chance(0.5) ? g.mentorId : s.id;
    const { at, ...rest } = u;
    ctx.w.add('goal_updates', { id: rng.uuid(at), goalId: g.id, notedById, ...rest, createdAt: iso(at) });
  }
  // The goal row shows its latest update, as the app keeps it.
  const last = updates.at(-1);
  ctx.w.add('goals', {
    id: g.id,
    studentId: s.id,
    title,
    category,
    description: text.description,
    targetDate: iso(g.target),
    status: last?.status ?? 'NOT_STARTED',
    progressPct: last?.progressPct ?? 0,
    createdById: g.mentorId !== null && rng.chance(0.7) ? g.mentorId : s.id,
    createdAt: iso(g.createdAt),
    updatedAt: iso(last?.at ?? g.createdAt),
  });
  const dueNotice = g.target - 5 * DAY;
  const doneBefore = last?.status === 'COMPLETED' && last.at < dueNotice;
  if (!doneBefore && dueNotice > g.createdAt) {
    const body = `"${title}" is due on ${isoDay(g.target)}.`;
    notify(ctx, rng, {
      userId: s.id,
      type: 'GOAL_DUE',
      title: 'Goal due in 5 days',
      body,
      payload: { goalId: g.id },
      at: dueNotice,
    });
  }
}

/**
 * Weekly-ish notes from the day the goal was set until it is met, its deadline passes or "now".
 * Progress never goes down; a goal that falls 20 points behind its timeline is AT_RISK.
 */
function progressUpdates(cal: Calendar, rng: Rng, g: GoalPlan, successP: number): Update[] {
  const span = g.target - g.createdAt;
  const succeeds = rng.chance(successP);
  const doneAt = succeeds ? g.createdAt + span * rng.real(0.5, 1) : Infinity;
  const finalPct = succeeds ? 100 : rng.int(15, 85);
  const opened = g.createdAt + rng.int(1, 5) * HOUR;
  const updates: Update[] = [];
  if (opened <= cal.now)
    updates.push({ at: opened, progressPct: 0, status: 'NOT_STARTED', note: rng.pick(GOAL_NOTES.start) });
  let pct = 0;
  for (
    let t = g.createdAt + rng.int(4, 8) * DAY;
    t <= Math.min(cal.now, g.target + 7 * DAY);
    t += rng.int(4, 7) * DAY
  ) {
    const planned = Math.min(1, (t - g.createdAt) / ((succeeds ? doneAt : g.target) - g.createdAt));
    pct = Math.max(pct, Math.min(100, Math.round(finalPct * planned + rng.real(-6, 6))));
    if (t >= doneAt || pct >= 100) {
      updates.push({ at: t, progressPct: 100, status: 'COMPLETED', note: rng.pick(GOAL_NOTES.done) });
      break;
    }
    const expected = (100 * (t - g.createdAt)) / span;
    const behind = pct < expected - 20;
    const note = rng.pick(behind ? GOAL_NOTES.behind : GOAL_NOTES.progress);
    updates.push({ at: t, progressPct: Math.max(pct, 1), status: behind ? 'AT_RISK' : 'IN_PROGRESS', note });
    pct = Math.max(pct, 1);
  }
  return updates;
}

import type { AvailabilityStatus } from '../../shared/domain/enums.ts';

// Bulk auto-assign planning: pure, deterministic (same input → same plan, whatever order the
// database returned the rows in). Rules, where the spec leaves room:
// - Capacity is maxMentees − active mentees. A LIMITED mentor offers half of that (rounded down);
//   UNAVAILABLE mentors are never planned (an admin can still assign them by hand with a reason).
// - Each student goes to the candidate with the most capacity left, so load evens out; ties go
//   to the mentor with fewer mentees, then by name, then id.
// - Specialization ↔ program: when some mentor with room shares a distinctive word with the
//   student's program ("M.Tech VLSI Design" ↔ "VLSI Design"), only such mentors are candidates.
//   Students with fewer matching mentors are placed first, so specialists are not used up by
//   students any mentor could take; the rest follow in roll-number order.

export interface PlanStudent {
  id: string;
  name: string;
  rollNumber: string | null;
  program: string | null;
}

export interface PlanMentor {
  id: string;
  name: string;
  specialization: string | null;
  availabilityStatus: AvailabilityStatus;
  maxMentees: number;
  active: number;
}

export interface Plan {
  pairs: { student: PlanStudent; mentor: PlanMentor; matched: boolean }[];
  unplaced: { student: PlanStudent; reason: string }[];
  load: Map<string, number>;
}

// Degree names and words every program or field shares say nothing about a match.
const STOP_WORDS = new Set([
  'b',
  'm',
  'ba',
  'ma',
  'bs',
  'ms',
  'be',
  'me',
  'bsc',
  'msc',
  'btech',
  'mtech',
  'tech',
  'bca',
  'mca',
  'mba',
  'bba',
  'phd',
  'pg',
  'ug',
  'and',
  'of',
  'the',
  'in',
  'for',
  'with',
  'engineering',
  'science',
  'sciences',
  'technology',
  'studies',
  'applied',
  'design',
  'systems',
  'management',
  'hons',
]);

export function keywords(text: string | null): Set<string> {
  const words = (text ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ');
  return new Set(words.filter((w) => w.length >= 2 && !STOP_WORDS.has(w)));
}

export function matches(program: string | null, specialization: string | null): boolean {
  const spec = keywords(specialization);
  for (const w of keywords(program)) if (spec.has(w)) return true;
  return false;
}

export function capacityFor(m: PlanMentor): number {
  if (m.availabilityStatus === 'UNAVAILABLE') return 0;
  const room = Math.max(0, m.maxMentees - m.active);
  return m.availabilityStatus === 'LIMITED' ? Math.floor(room / 2) : room;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const studentOrder = (a: PlanStudent, b: PlanStudent): number =>
  byText(a.rollNumber ?? '', b.rollNumber ?? '') || byText(a.id, b.id);

export function planAutoAssign(students: PlanStudent[], mentors: PlanMentor[]): Plan {
  const pool = [...mentors].sort((a, b) => byText(a.name, b.name) || byText(a.id, b.id));
  const cap = new Map(pool.map((m) => [m.id, capacityFor(m)]));
  const load = new Map(pool.map((m) => [m.id, 0]));
  const matching = new Map(
    students.map((s) => [s.id, pool.filter((m) => matches(s.program, m.specialization))]),
  );
  const nMatch = (s: PlanStudent): number => matching.get(s.id)!.length;
  const order = [...students].sort((a, b) => {
    const [ma, mb] = [nMatch(a), nMatch(b)];
    if (ma > 0 !== mb > 0) return ma > 0 ? -1 : 1;
    return ma - mb || studentOrder(a, b);
  });
  const left = (m: PlanMentor): number => cap.get(m.id)! - load.get(m.id)!;
  const better = (a: PlanMentor, b: PlanMentor): PlanMentor =>
    left(b) > left(a) || (left(b) === left(a) && b.active + load.get(b.id)! < a.active + load.get(a.id)!)
      ? b
      : a;
  const plan: Plan = { pairs: [], unplaced: [], load };
  for (const s of order) {
    const open = pool.filter((m) => left(m) > 0);
    const preferred = matching.get(s.id)!.filter((m) => left(m) > 0);
    const candidates = preferred.length > 0 ? preferred : open;
    if (candidates.length === 0) {
      plan.unplaced.push({ student: s, reason: 'No mentor in the department has capacity left.' });
      continue;
    }
    const mentor = candidates.reduce(better);
    load.set(mentor.id, load.get(mentor.id)! + 1);
    plan.pairs.push({ student: s, mentor, matched: preferred.length > 0 });
  }
  plan.pairs.sort((a, b) => studentOrder(a.student, b.student));
  return plan;
}

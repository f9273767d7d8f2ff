import type { RiskLevel } from '../../shared/domain/enums.ts';
import type { AuthedContext } from '../context.ts';
import { col, isIn } from '../scope/index.ts';
import { personName } from './format.ts';
import type { Period } from './period.ts';
import type { Levels, RiskChange } from './risk.queries.ts';
import { studentIds } from './report-students.ts';
import type { ReportTarget } from './target.queries.ts';

// Risk level history for "changes since the previous period" (see risk.queries.ts for the rule):
// the audit rows the risk engine writes on every level change, read only for the report's students.

export interface LevelEvent {
  id: string;
  name: string;
  rollNumber: string;
  current: RiskLevel;
  at: string;
  before: RiskLevel | null;
}

function parseLevel(json: string | null): RiskLevel | null {
  if (!json) return null;
  try {
    const v = (JSON.parse(json) as { riskLevel?: unknown }).riskLevel;
    return v === 'HIGH' || v === 'MEDIUM' || v === 'LOW' ? v : null;
  } catch {
    return null;
  }
}

export async function levelEvents(
  ctx: AuthedContext,
  t: ReportTarget,
  sinceIso: string,
): Promise<LevelEvent[]> {
  const rows = await ctx.db
    .selectFrom('audit_logs as l')
    .innerJoin('student_profiles as sp', 'sp.userId', 'l.entityId')
    .innerJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .select([
      'l.entityId',
      'l.createdAt',
      'l.beforeState',
      'sp.riskLevel',
      'sp.rollNumber',
      'p.firstName',
      'p.lastName',
    ])
    .where('l.action', '=', 'risk:level')
    .where('l.entity', '=', 'student_profiles')
    .where('l.createdAt', '>=', sinceIso)
    .where(isIn(col('l', 'entityId'), studentIds(ctx, t)))
    .orderBy('l.createdAt')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.entityId!,
    name: personName(r),
    rollNumber: r.rollNumber,
    current: r.riskLevel,
    at: r.createdAt,
    before: parseLevel(r.beforeState),
  }));
}

/** A student's level at `iso`: the `before` of its first change at or after `iso`, else its level now. */
export function levelAt(events: LevelEvent[], iso: string): RiskLevel {
  const next = events.find((e) => e.at >= iso);
  return next?.before ?? events[0]!.current;
}

export function changesOver(
  events: LevelEvent[],
  p: Period,
  now: Levels,
): { changes: RiskChange[]; atStart: Levels } {
  const byStudent = new Map<string, LevelEvent[]>();
  for (const e of events) byStudent.set(e.id, [...(byStudent.get(e.id) ?? []), e]);
  const atStart = { ...now };
  const changes: RiskChange[] = [];
  for (const list of byStudent.values()) {
    const first = list[0]!;
    const from = levelAt(list, p.startIso);
    const to = levelAt(list, p.endIso);
    atStart[first.current] -= 1;
    atStart[from] += 1;
    if (from !== to) changes.push({ id: first.id, name: first.name, rollNumber: first.rollNumber, from, to });
  }
  const rank: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };
  changes.sort((a, b) => rank[a.to] - rank[b.to] || a.rollNumber.localeCompare(b.rollNumber));
  return { changes, atStart };
}

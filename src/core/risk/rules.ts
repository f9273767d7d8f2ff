import type { RiskThresholds } from '../../shared/contract/risk.contract.ts';
import type { AlertCategory, RiskLevel } from '../../shared/domain/enums.ts';

// The risk rules, pure: facts about one student + the department's thresholds → findings.
// Alert categories: the seed's enum has ATTENDANCE, GPA, BEHAVIOR, GRIEVANCE only. Missed sessions
// and no contact are engagement signals of the same kind as low attendance (the student is not
// turning up), so they share the ATTENDANCE alert; one open alert then says everything about
// attendance. BEHAVIOR and GRIEVANCE stay manual. Goals AT_RISK/overdue raise the risk level but
// no alert: no category fits a career or wellness goal, and the goal already shows its own state
// to the mentor and the student on the goals screens.

/**
 * The alert categories the engine raises and manages (findings, engine.ts, and the alerts its facts
 * query reads, facts.repo.ts); alerts of the others are never touched by it.
 */
export const ENGINE_CATEGORIES = ['ATTENDANCE', 'GPA'] as const satisfies readonly AlertCategory[];
export type EngineCategory = (typeof ENGINE_CATEGORIES)[number];

export type RuleName = 'ATTENDANCE_PCT' | 'GPA' | 'CONSECUTIVE_ABSENCES' | 'NO_SESSION' | 'GOALS';
export type Level = Exclude<RiskLevel, 'LOW'>;

export interface StudentFacts {
  studentId: string;
  departmentId: string | null;
  gpa: number | null;
  attendancePct: number | null;
  riskLevel: RiskLevel;
  /** ABSENT completed sessions since the latest PRESENT one (all of them if none was attended). */
  consecutiveAbsences: number;
  /** sessionDate of the latest attended (PRESENT, COMPLETED) session, up to now. */
  lastContactAt: string | null;
  /** Earliest assignedAt of the student's ACTIVE assignments; null = not actively mentored. */
  activeSince: string | null;
  /** Goals AT_RISK, or not COMPLETED and past their target date. */
  goalsAtRiskOrOverdue: number;
}

export interface Finding {
  rule: RuleName;
  /** The alert this finding raises; null = it only raises the risk level. */
  category: EngineCategory | null;
  level: Level;
  value: number;
  threshold: number;
  comparison: 'below' | 'at-least' | 'more-than';
  unit: '%' | 'GPA' | 'sessions' | 'days' | 'goals';
  text: string;
}

type Pair = { medium: number | null; high: number | null };

/** Strictly below: HIGH first (it is the lower threshold). */
function levelBelow(value: number, t: Pair): { level: Level; threshold: number } | null {
  if (t.high !== null && value < t.high) return { level: 'HIGH', threshold: t.high };
  if (t.medium !== null && value < t.medium) return { level: 'MEDIUM', threshold: t.medium };
  return null;
}

function levelAtLeast(value: number, t: Pair): { level: Level; threshold: number } | null {
  if (t.high !== null && value >= t.high) return { level: 'HIGH', threshold: t.high };
  if (t.medium !== null && value >= t.medium) return { level: 'MEDIUM', threshold: t.medium };
  return null;
}

const DAY_MS = 86_400_000;
const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function noSession(f: StudentFacts, t: RiskThresholds, now: string): Finding | null {
  if (f.activeSince === null) return null;
  const ref = f.lastContactAt !== null && f.lastContactAt > f.activeSince ? f.lastContactAt : f.activeSince;
  const elapsedMs = Date.parse(now) - Date.parse(ref);
  const w = t.weeksWithoutSession;
  const hit =
    w.high !== null && elapsedMs > w.high * 7 * DAY_MS
      ? { level: 'HIGH' as const, weeks: w.high }
      : w.medium !== null && elapsedMs > w.medium * 7 * DAY_MS
        ? { level: 'MEDIUM' as const, weeks: w.medium }
        : null;
  if (!hit) return null;
  const days = Math.floor(elapsedMs / DAY_MS);
  const since =
    f.lastContactAt === null ? 'no attended session yet' : `last attended session ${days} days ago`;
  return {
    rule: 'NO_SESSION',
    category: 'ATTENDANCE',
    level: hit.level,
    value: days,
    threshold: hit.weeks * 7,
    comparison: 'more-than',
    unit: 'days',
    text: `No session in more than ${hit.weeks} weeks (${since})`,
  };
}

/** Every rule that fires for the student, in a fixed order. */
export function evaluateRules(f: StudentFacts, t: RiskThresholds, now: string): Finding[] {
  const out: Finding[] = [];
  if (f.attendancePct !== null) {
    const hit = levelBelow(f.attendancePct, t.attendancePct);
    if (hit) {
      out.push({
        rule: 'ATTENDANCE_PCT',
        category: 'ATTENDANCE',
        ...hit,
        value: f.attendancePct,
        comparison: 'below',
        unit: '%',
        text: `Attendance ${fmt(f.attendancePct)} % is below ${fmt(hit.threshold)} %`,
      });
    }
  }
  if (f.gpa !== null) {
    const hit = levelBelow(f.gpa, t.gpa);
    if (hit) {
      out.push({
        rule: 'GPA',
        category: 'GPA',
        ...hit,
        value: f.gpa,
        comparison: 'below',
        unit: 'GPA',
        text: `GPA ${f.gpa.toFixed(2)} is below ${hit.threshold.toFixed(2)}`,
      });
    }
  }
  const absences = levelAtLeast(f.consecutiveAbsences, t.consecutiveAbsences);
  if (absences) {
    out.push({
      rule: 'CONSECUTIVE_ABSENCES',
      category: 'ATTENDANCE',
      ...absences,
      value: f.consecutiveAbsences,
      comparison: 'at-least',
      unit: 'sessions',
      text: `Absent from the last ${f.consecutiveAbsences} mentoring sessions`,
    });
  }
  const silent = noSession(f, t, now);
  if (silent) out.push(silent);
  const goals = levelAtLeast(f.goalsAtRiskOrOverdue, t.goalsAtRiskOrOverdue);
  if (goals) {
    out.push({
      rule: 'GOALS',
      category: null,
      ...goals,
      value: f.goalsAtRiskOrOverdue,
      comparison: 'at-least',
      unit: 'goals',
      text: `${f.goalsAtRiskOrOverdue} goal(s) at risk or overdue`,
    });
  }
  return out;
}

const RANK: Record<RiskLevel, number> = { LOW: 0, MEDIUM: 1, HIGH: 2 };
export const levelRank = (l: RiskLevel): number => RANK[l];

/** The student's risk level: the highest level among the findings, LOW when none fired. */
export function riskLevelOf(findings: readonly Finding[]): RiskLevel {
  return findings.reduce<RiskLevel>((acc, f) => (RANK[f.level] > RANK[acc] ? f.level : acc), 'LOW');
}

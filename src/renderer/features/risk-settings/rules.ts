import type { RiskThresholds } from '../../../shared/contract/risk.contract.ts';

// The five risk rules as the thresholds form shows them (labels, units, bounds from the contract).

export type RuleKey = keyof RiskThresholds;

export interface RuleInfo {
  key: RuleKey;
  label: string;
  help: string;
  min: number;
  max: number;
  decimals: number;
  suffix?: string;
  describe(t: { medium: number | null; high: number | null }): string;
}

const levels = (t: { medium: number | null; high: number | null }, fmt: (n: number) => string): string =>
  [t.medium !== null ? `medium ${fmt(t.medium)}` : null, t.high !== null ? `high ${fmt(t.high)}` : null]
    .filter(Boolean)
    .join(', ') || 'off';

export const RULES: readonly RuleInfo[] = [
  {
    key: 'attendancePct',
    label: 'Attendance below',
    help: 'Attendance percentage strictly below the threshold.',
    min: 0,
    max: 100,
    decimals: 2,
    suffix: '%',
    describe: (t) => levels(t, (n) => `< ${n}%`),
  },
  {
    key: 'gpa',
    label: 'GPA below',
    help: 'On the 10-point scale, strictly below the threshold.',
    min: 0,
    max: 10,
    decimals: 2,
    describe: (t) => levels(t, (n) => `< ${n}`),
  },
  {
    key: 'consecutiveAbsences',
    label: 'Missed sessions in a row',
    help: 'The latest sessions marked absent, at or above the threshold.',
    min: 1,
    max: 20,
    decimals: 0,
    describe: (t) => levels(t, (n) => `${n}+`),
  },
  {
    key: 'weeksWithoutSession',
    label: 'Weeks without a session',
    help: 'No attended session for more than this many weeks while assigned.',
    min: 1,
    max: 52,
    decimals: 0,
    suffix: ' wk',
    describe: (t) => levels(t, (n) => `> ${n} wk`),
  },
  {
    key: 'goalsAtRiskOrOverdue',
    label: 'Goals at risk or overdue',
    help: 'Goals marked at risk or past their target date, at or above the threshold.',
    min: 1,
    max: 50,
    decimals: 0,
    describe: (t) => levels(t, (n) => `${n}+`),
  },
];

import type { RiskRunSummary } from '../../shared/contract/risk.contract.ts';
import type { AlertSeverity, RiskLevel } from '../../shared/domain/enums.ts';
import type { ServiceContext } from '../context.ts';
import {
  alertRecipients,
  alertRecipientsMany,
  insertAlerts,
  studentLabel,
  studentLabels,
  updateAlert,
  type AlertRow,
  type AlertSourceRef,
  type NewAlert,
  type RuleRef,
} from '../alerts/alerts.repo.ts';
import { auditMany } from '../audit/audit-batch.ts';
import type { AuditEntry } from '../context.ts';
import { notify, notifyMany, type NotifyInput } from '../notifications/notify.ts';
import { readThresholdsMany } from '../settings/settings.repo.ts';
import { DEFAULT_RISK_THRESHOLDS } from '../../shared/contract/risk.contract.ts';
import { loadEvaluation } from './facts.repo.ts';
import {
  ENGINE_CATEGORIES,
  evaluateRules,
  riskLevelOf,
  type EngineCategory,
  type Finding,
  type StudentFacts,
} from './rules.ts';

// The risk engine (issue 4 item 5). It runs inside the caller's transaction, after any write that
// changes what the rules read (academics, sessions, goals, assignments), and on demand for a whole
// department. It sets student_profiles.riskLevel and keeps at most one OPEN alert per student and
// engine category (ATTENDANCE, GPA): raised when a rule fires, updated when its values change,
// closed by the system (closedById null) when the condition clears. SYNC.md: riskLevel and these
// alerts are computed centrally; a laptop's run is only the optimistic preview of central's.

const SEVERITY: Record<Exclude<RiskLevel, 'LOW'>, AlertSeverity> = { MEDIUM: 'WARN', HIGH: 'CRITICAL' };
const SEVERITY_RANK: Record<AlertSeverity, number> = { INFO: 0, WARN: 1, CRITICAL: 2 };
const CATEGORY_WORD: Record<EngineCategory, string> = { ATTENDANCE: 'Attendance', GPA: 'GPA' };

export type RunCounts = RiskRunSummary;

const emptyCounts = (): RunCounts => ({
  evaluated: 0,
  levels: { LOW: 0, MEDIUM: 0, HIGH: 0 },
  changedLevels: 0,
  alertsRaised: 0,
  alertsUpdated: 0,
  alertsClosed: 0,
});

const ruleRefs = (fs: readonly Finding[]): RuleRef[] =>
  fs.map((f) => ({
    rule: f.rule,
    level: f.level,
    value: f.value,
    threshold: f.threshold,
    comparison: f.comparison,
    unit: f.unit,
  }));

const sameRules = (a: AlertSourceRef | null, rules: RuleRef[]): boolean =>
  JSON.stringify(a?.rules ?? null) === JSON.stringify(rules);

/** An alert a run raised: announced once the run's rows are written (flush). */
interface Raised {
  alertId: string;
  studentId: string;
  c: EngineCategory;
  severity: AlertSeverity;
  message: string;
}

/**
 * The writes of a run that touch only the student itself (new level, a new alert, their audit rows
 * and notifications), gathered and written in multi-row statements at the end of the run: a risk
 * run over a freshly imported roster of 10,000 students would otherwise issue ~10 statements per
 * student. Changes to existing alerts (rare, and order-sensitive) are still written at once.
 */
interface Deferred {
  levels: Map<RiskLevel, string[]>;
  audit: AuditEntry[];
  alerts: NewAlert[];
  raised: Raised[];
}

const newDeferred = (): Deferred => ({ levels: new Map(), audit: [], alerts: [], raised: [] });

const LEVEL_CHUNK = 500;

async function flush(ctx: ServiceContext, d: Deferred): Promise<void> {
  for (const [level, ids] of d.levels) {
    for (let i = 0; i < ids.length; i += LEVEL_CHUNK) {
      await ctx.db
        .updateTable('student_profiles')
        .set({ riskLevel: level, updatedAt: ctx.now })
        .where('userId', 'in', ids.slice(i, i + LEVEL_CHUNK))
        .execute();
    }
  }
  await insertAlerts(ctx.db, d.alerts);
  await auditMany(ctx, d.audit);
  if (d.raised.length === 0) return;
  const students = [...new Set(d.raised.map((r) => r.studentId))];
  const recipients = await alertRecipientsMany(ctx.db, students);
  // A roster import or a department re-evaluation can raise hundreds of alerts at once: past
  // ALERT_NOTICES_PER_RUN for one person, that person gets one summary pointing at the alerts
  // queue instead of a bell flooded with one notice per student.
  const raisedFor = new Map<string, Raised[]>();
  for (const r of d.raised)
    for (const u of recipients.get(r.studentId) ?? []) {
      const list = raisedFor.get(u);
      if (list) list.push(r);
      else raisedFor.set(u, [r]);
    }
  const summarised = new Set(
    [...raisedFor].filter(([, list]) => list.length > ALERT_NOTICES_PER_RUN).map(([u]) => u),
  );
  const noticeTo = new Map(
    students.map((s) => [s, (recipients.get(s) ?? []).filter((u) => !summarised.has(u))] as const),
  );
  // A notice nobody is left to receive (every recipient got the summary) writes nothing, so the
  // names are looked up only for the students whose alerts are announced one by one.
  const individual = d.raised.filter((r) => noticeTo.get(r.studentId)!.length > 0);
  const labels = await studentLabels(ctx.db, [...new Set(individual.map((r) => r.studentId))]);
  await notifyMany(ctx, [
    ...[...summarised].map((userId) => alertSummary(userId, raisedFor.get(userId)!)),
    ...individual.map((r) => ({
      userIds: noticeTo.get(r.studentId)!,
      type: 'ALERT' as const,
      title: `${CATEGORY_WORD[r.c]} ${r.severity === 'CRITICAL' ? 'critical' : 'warning'}: ${labels.get(r.studentId) ?? 'A student'}`,
      body: r.message,
      payload: {
        alertId: r.alertId,
        studentId: r.studentId,
        category: r.c,
        severity: r.severity,
        kind: 'raised',
      },
    })),
  ]);
}

/** More alerts than this for one person from one evaluation arrive as one summary notice. */
export const ALERT_NOTICES_PER_RUN = 10;

function alertSummary(userId: string, raised: readonly Raised[]): NotifyInput {
  const critical = raised.filter((r) => r.severity === 'CRITICAL').length;
  const warnings = raised.length - critical;
  const students = new Set(raised.map((r) => r.studentId)).size;
  return {
    userIds: [userId],
    type: 'ALERT',
    title: `${raised.length} new risk alerts`,
    body:
      `One risk evaluation raised ${raised.length} alerts (${critical} critical, ${warnings} ` +
      `${warnings === 1 ? 'warning' : 'warnings'}) for ${students} ${students === 1 ? 'student' : 'students'}. ` +
      'Open the alerts queue to review them.',
    payload: { kind: 'ALERT_SUMMARY', count: raised.length, critical, warnings, students },
  };
}

async function announce(
  ctx: ServiceContext,
  alertId: string,
  studentId: string,
  c: EngineCategory,
  severity: AlertSeverity,
  message: string,
  kind: 'raised' | 'escalated',
): Promise<void> {
  const who = await studentLabel(ctx.db, studentId);
  const word = severity === 'CRITICAL' ? 'critical' : 'warning';
  await notify(ctx, {
    userIds: await alertRecipients(ctx.db, studentId),
    type: 'ALERT',
    title: `${CATEGORY_WORD[c]} ${word}${kind === 'escalated' ? ' (escalated)' : ''}: ${who}`,
    body: message,
    payload: { alertId, studentId, category: c, severity, kind },
  });
}

async function closeBySystem(ctx: ServiceContext, a: AlertRow, reason: string): Promise<void> {
  const sourceRef: AlertSourceRef = {
    ...(a.sourceRef ?? { source: 'risk-engine' }),
    closedBy: 'system',
    closedReason: reason,
  };
  await updateAlert(ctx.db, a.id, { status: 'CLOSED', closedAt: ctx.now, closedById: null, sourceRef });
  await ctx.audit({
    action: 'risk:close-alert',
    entity: 'alerts',
    entityId: a.id,
    before: { status: 'OPEN' },
    after: { status: 'CLOSED', closedBy: 'system', reason },
  });
}

async function liftSuppression(ctx: ServiceContext, alerts: readonly AlertRow[]): Promise<void> {
  for (const a of alerts)
    await updateAlert(ctx.db, a.id, { sourceRef: { ...a.sourceRef!, suppress: false } });
}

/** Brings one category's alerts in line with its findings. */
async function syncCategory(
  ctx: ServiceContext,
  studentId: string,
  c: EngineCategory,
  findings: readonly Finding[],
  alerts: readonly AlertRow[],
  counts: RunCounts,
  deferred: Deferred,
): Promise<void> {
  const open = alerts.filter((a) => a.category === c && a.status === 'OPEN');
  const suppressors = alerts.filter(
    (a) => a.category === c && a.status === 'CLOSED' && a.sourceRef?.suppress === true,
  );
  if (findings.length === 0) {
    for (const a of open) await closeBySystem(ctx, a, 'condition cleared');
    counts.alertsClosed += open.length;
    await liftSuppression(ctx, suppressors);
    return;
  }
  const severity = SEVERITY[riskLevelOf(findings) as Exclude<RiskLevel, 'LOW'>];
  const rules = ruleRefs(findings);
  const message = `${findings.map((f) => f.text).join('; ')}.`;
  const [keep, ...extra] = open;
  for (const a of extra) await closeBySystem(ctx, a, 'duplicate of a newer open alert');
  counts.alertsClosed += extra.length;
  if (keep) {
    if (keep.severity === severity && keep.message === message && sameRules(keep.sourceRef, rules)) return;
    const sourceRef: AlertSourceRef = {
      ...(keep.sourceRef ?? {}),
      source: 'risk-engine',
      rules,
      evaluatedAt: ctx.now,
    };
    await updateAlert(ctx.db, keep.id, { severity, message, sourceRef });
    await ctx.audit({
      action: 'risk:update-alert',
      entity: 'alerts',
      entityId: keep.id,
      before: { severity: keep.severity, message: keep.message },
      after: { severity, message, rules },
    });
    counts.alertsUpdated += 1;
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[keep.severity])
      await announce(ctx, keep.id, studentId, c, severity, message, 'escalated');
    return;
  }
  if (suppressors.some((s) => SEVERITY_RANK[s.severity] >= SEVERITY_RANK[severity])) return;
  raise(ctx, studentId, c, findings, counts, deferred);
  await liftSuppression(ctx, suppressors);
}

/** A new alert for a category whose findings no open or suppressing alert covers (written at flush). */
function raise(
  ctx: ServiceContext,
  studentId: string,
  c: EngineCategory,
  findings: readonly Finding[],
  counts: RunCounts,
  deferred: Deferred,
): void {
  const severity = SEVERITY[riskLevelOf(findings) as Exclude<RiskLevel, 'LOW'>];
  const rules = ruleRefs(findings);
  const message = `${findings.map((f) => f.text).join('; ')}.`;
  const id = ctx.ids();
  deferred.alerts.push({
    id,
    studentId,
    severity,
    category: c,
    message,
    sourceRef: { source: 'risk-engine', rules, evaluatedAt: ctx.now },
    createdAt: ctx.now,
  });
  deferred.audit.push({
    action: 'risk:raise-alert',
    entity: 'alerts',
    entityId: id,
    after: { studentId, category: c, severity, message, rules },
  });
  counts.alertsRaised += 1;
  deferred.raised.push({ alertId: id, studentId, c, severity, message });
}

async function applyStudent(
  ctx: ServiceContext,
  f: StudentFacts,
  findings: Finding[],
  alerts: readonly AlertRow[],
  counts: RunCounts,
  deferred: Deferred,
): Promise<void> {
  const level = riskLevelOf(findings);
  counts.evaluated += 1;
  counts.levels[level] = (counts.levels[level] ?? 0) + 1;
  if (level !== f.riskLevel) {
    const ids = deferred.levels.get(level);
    if (ids) ids.push(f.studentId);
    else deferred.levels.set(level, [f.studentId]);
    deferred.audit.push({
      action: 'risk:level',
      entity: 'student_profiles',
      entityId: f.studentId,
      before: { riskLevel: f.riskLevel },
      after: { riskLevel: level, rules: ruleRefs(findings) },
    });
    counts.changedLevels += 1;
  }
  for (const c of ENGINE_CATEGORIES) {
    const found = findings.filter((x) => x.category === c);
    // Without any engine alert of the student there is nothing to close, update or lift: only a
    // deferred raise, decided without an awaited call (a run over a fresh roster of thousands of
    // students is almost all such students).
    if (alerts.length === 0) {
      if (found.length > 0) raise(ctx, f.studentId, c, found, counts, deferred);
      continue;
    }
    await syncCategory(ctx, f.studentId, c, found, alerts, counts, deferred);
  }
}

/**
 * Evaluates the given students (any number; loaded in batches) and applies the results. `created`:
 * students the caller created in this same transaction, with their facts (newStudentFacts); they
 * are not read back, and having no alerts yet, not looked up for alerts either.
 */
export async function evaluateStudents(
  ctx: ServiceContext,
  studentIds: readonly string[],
  created: readonly StudentFacts[] = [],
): Promise<RunCounts> {
  const counts = emptyCounts();
  const { facts: loaded, thresholds, alerts } = await loadEvaluation(ctx.db, studentIds, ctx.now);
  const facts = [...created, ...loaded];
  // The loaded students' departments came with their facts; only a created student's department
  // may still need its thresholds read.
  const missing = [
    ...new Set(
      created.map((f) => f.departmentId).filter((d): d is string => d !== null && !thresholds.has(d)),
    ),
  ];
  for (const [d, t] of await readThresholdsMany(ctx.db, missing)) thresholds.set(d, t);
  const byStudent = new Map<string, AlertRow[]>();
  for (const a of alerts) byStudent.set(a.studentId, [...(byStudent.get(a.studentId) ?? []), a]);
  const deferred = newDeferred();
  for (const f of facts) {
    const t = (f.departmentId && thresholds.get(f.departmentId)) || DEFAULT_RISK_THRESHOLDS;
    await applyStudent(
      ctx,
      f,
      evaluateRules(f, t, ctx.now),
      byStudent.get(f.studentId) ?? [],
      counts,
      deferred,
    );
  }
  await flush(ctx, deferred);
  return counts;
}

/**
 * Re-evaluates one student inside the caller's transaction. Call it after any write that changes
 * gpa, attendance, sessions (status, attendance, date), goals or assignments of the student. It
 * does no scope check: the caller already proved it may write the record that changed.
 */
export async function evaluateStudentRisk(ctx: ServiceContext, studentId: string): Promise<void> {
  // Replaying a laptop's queue: once per student per batch, on the batch's final state (a mentor
  // back with 300 sessions of 30 mentees would otherwise evaluate each mentee ten times over).
  if (ctx.deferRisk) return ctx.deferRisk(ctx, [studentId]);
  await evaluateStudents(ctx, [studentId]);
}

/** Every student whose account belongs to the department. */
export async function evaluateDepartment(ctx: ServiceContext, departmentId: string): Promise<RunCounts> {
  const rows = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .select('sp.userId')
    .where('u.departmentId', '=', departmentId)
    .orderBy('sp.userId')
    .execute();
  return evaluateStudents(
    ctx,
    rows.map((r) => r.userId),
  );
}

import type { AlertCategory, AlertSeverity } from '../../shared/domain/enums.ts';
import type { Segment } from './assignments.ts';
import { atIst, DAY, HOUR, iso, MINUTE } from './calendar.ts';
import type { DeptContext } from './context.ts';
import { audit, notify } from './context.ts';
import type { Rng } from './rng.ts';
import { ATTENDANCE_CRITICAL, ATTENDANCE_WARN, GPA_CRITICAL, GPA_WARN, type StudentRef } from './students.ts';

interface NewAlert {
  severity: AlertSeverity;
  category: AlertCategory;
  message: string;
  sourceRef: Record<string, unknown>;
  at: number;
  /** Closed by the HOD at this time; omitted or after "now" = still OPEN. */
  closeAt?: number;
}

/**
 * Alerts the risk rules would have raised for this student's current CGPA and attendance (OPEN),
 * a few older attendance alerts since resolved (CLOSED by the HOD), and the odd manual alert a
 * mentor raised about behaviour or a grievance.
 */
export function addAlerts(d: DeptContext, rng: Rng, s: StudentRef, segments: Segment[]): void {
  const { cal } = d.ctx;
  const results = cal.even.start + 17 * DAY + 6 * HOUR;
  if (s.gpa < GPA_WARN) {
    const at =
      results <= cal.now && results > s.createdAt ? results + rng.int(1, 50) * MINUTE : s.createdAt + DAY;
    ruleAlert(d, rng, s, segments, { category: 'GPA', value: s.gpa, critical: s.gpa < GPA_CRITICAL, at });
  }
  if (s.attendancePct < ATTENDANCE_WARN) {
    const at = Math.max(s.createdAt + DAY, cal.now - rng.int(2, 25) * DAY - rng.int(1, 90) * MINUTE);
    const critical = s.attendancePct < ATTENDANCE_CRITICAL;
    ruleAlert(d, rng, s, segments, { category: 'ATTENDANCE', value: s.attendancePct, critical, at });
  } else if (rng.chance(0.08)) {
    // Attendance dipped in the odd semester, recovered, and the HOD closed the alert.
    const at = Math.max(s.createdAt + DAY, atIst(cal.odd.start + rng.int(45, 75) * DAY, 9, 15));
    const value = Math.round(rng.real(66, 74.99) * 100) / 100;
    const closeAt = at + rng.int(20, 60) * DAY;
    ruleAlert(d, rng, s, segments, { category: 'ATTENDANCE', value, critical: false, at, closeAt });
  }
  const seg = segments.at(-1);
  if (seg && rng.chance(0.02)) manualAlert(d, rng, s, segments, seg);
}

interface RuleHit {
  category: 'GPA' | 'ATTENDANCE';
  value: number;
  critical: boolean;
  at: number;
  closeAt?: number;
}

/** An alert as the risk rules write it: sourceRef names the rule, the threshold and the value seen. */
function ruleAlert(d: DeptContext, rng: Rng, s: StudentRef, segments: Segment[], r: RuleHit): void {
  const gpa = r.category === 'GPA';
  const threshold = gpa
    ? r.critical
      ? GPA_CRITICAL
      : GPA_WARN
    : r.critical
      ? ATTENDANCE_CRITICAL
      : ATTENDANCE_WARN;
  const sourceRef = {
    rule: gpa ? 'GPA_BELOW_THRESHOLD' : 'ATTENDANCE_BELOW_THRESHOLD',
    metric: gpa ? 'gpa' : 'attendancePct',
    threshold,
    value: r.value,
    evaluatedAt: iso(r.at),
  };
  const message = gpa
    ? `CGPA ${r.value.toFixed(2)} is below ${threshold.toFixed(2)}.`
    : `Attendance ${r.value.toFixed(2)}% is below ${threshold}%.`;
  const severity = r.critical ? 'CRITICAL' : 'WARN';
  addAlert(d, rng, s, segments, {
    severity,
    category: r.category,
    message,
    sourceRef,
    at: r.at,
    closeAt: r.closeAt,
  });
}

const MANUAL: Record<'BEHAVIOR' | 'GRIEVANCE', readonly string[]> = {
  BEHAVIOR: [
    'Repeatedly missing lab sessions without informing; parents to be contacted.',
    'Reported for using a phone during the internal assessment.',
    'Seems withdrawn in recent sessions; referred to the campus counsellor.',
  ],
  GRIEVANCE: [
    'Student reports harassment in the hostel; needs department follow-up.',
    'Student disputes internal marks in one course; asked for re-evaluation.',
  ],
};

function manualAlert(d: DeptContext, rng: Rng, s: StudentRef, segments: Segment[], seg: Segment): void {
  const { cal } = d.ctx;
  const span = Math.min(seg.stop, cal.now) - seg.start;
  const at = seg.start + Math.round((rng.real(0.2, 0.95) * span) / MINUTE) * MINUTE;
  const category = rng.chance(0.7) ? 'BEHAVIOR' : 'GRIEVANCE';
  const severity = category === 'GRIEVANCE' ? 'WARN' : rng.pick(['INFO', 'WARN'] as const);
  const sourceRef = { rule: 'MANUAL', raisedById: seg.mentor.id };
  const closeAt = rng.chance(0.5) ? at + rng.int(5, 30) * DAY : undefined;
  addAlert(d, rng, s, segments, {
    severity,
    category,
    message: rng.pick(MANUAL[category]),
    sourceRef,
    at,
    closeAt,
  });
}

function addAlert(d: DeptContext, rng: Rng, s: StudentRef, segments: Segment[], a: NewAlert): void {
  const { ctx } = d;
  if (a.at > ctx.cal.now) return;
  const closed = a.closeAt !== undefined && a.closeAt <= ctx.cal.now;
  const id = rng.uuid(a.at);
  ctx.w.add('alerts', {
    id,
    studentId: s.id,
    severity: a.severity,
    category: a.category,
    message: a.message,
    sourceRef: JSON.stringify(a.sourceRef),
    status: closed ? 'CLOSED' : 'OPEN',
    createdAt: iso(a.at),
    closedAt: closed ? iso(a.closeAt!) : null,
    closedById: closed ? d.hodId : null,
  });
  if (closed) {
    const after = { status: 'CLOSED', note: 'Reviewed with the mentor; resolved.' };
    const entry = { action: 'alerts:close', entity: 'alerts', entityId: id, at: a.closeAt! };
    audit(ctx, rng, { ...entry, userId: d.hodId, before: { status: 'OPEN' }, after });
  }
  notifyAlert(d, rng, s, segments, { ...a, id });
}

/** The student's mentor at the time and the HOD hear about every alert. */
function notifyAlert(
  d: DeptContext,
  rng: Rng,
  s: StudentRef,
  segments: Segment[],
  a: NewAlert & { id: string },
): void {
  const mentor = segments.find((g) => g.start <= a.at && a.at <= g.stop)?.mentor;
  const title = `${a.severity === 'CRITICAL' ? 'Critical' : 'New'} ${a.category.toLowerCase()} alert`;
  const body = `${s.name.firstName} ${s.name.lastName} (${s.rollNumber}): ${a.message}`;
  const payload = { alertId: a.id, studentId: s.id };
  for (const userId of [mentor?.id, d.hodId]) {
    if (userId) notify(d.ctx, rng, { userId, type: 'ALERT', title, body, payload, at: a.at + MINUTE });
  }
}

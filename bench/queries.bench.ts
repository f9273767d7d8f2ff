import { join } from 'node:path';
import { isEntry } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import {
  capturedCore,
  planSummary,
  queryPlan,
  rawStatementsMs,
  statementMedian,
  type CapturedCore,
} from './lib/captured-core.ts';
import { quantile, round } from './lib/stats.ts';
import { sample } from './lib/timing.ts';
import type { Bench, BenchContext, Measurement } from './lib/types.ts';

// Every dashboard and list query (issue 9): each screen's data call timed as the app makes it, a whole
// core.dispatch (actor, role check, every statement), as the role that opens that screen, on the demo
// dataset in SQLite. Target: p95 ≤ 20 ms. The ceiling is the same statements re-run alone on the raw
// better-sqlite3 connection. Each statement's EXPLAIN QUERY PLAN is kept (details.plans) with the
// indexes it uses; a table read with no index is listed under details.scans.

export type Role = 'SUPER_ADMIN' | 'DEPARTMENT_ADMIN' | 'MENTOR' | 'STUDENT';

export interface People {
  SUPER_ADMIN: string;
  DEPARTMENT_ADMIN: string;
  MENTOR: string;
  STUDENT: string;
  /** The busiest mentor, student and a mentee are all in DEPARTMENT_ADMIN's department. A mentee of MENTOR. */
  mentee: string;
  /** A name fragment many students share, for the search boxes. */
  name: string;
}

export interface Case {
  role: Role;
  call: string;
  input: Record<string, unknown>;
  variant?: string;
}

export function people(c: CapturedCore): People {
  const one = (q: string): string => {
    const row = c.raw.prepare(q).get() as { id?: string } | undefined;
    if (!row?.id) throw new Error(`no row for ${q}`);
    return row.id;
  };
  const byRole = (role: Role): string =>
    one(
      `select u.id from users u join roles r on r.id = u.roleId where r.name = '${role}' and u.status = 'ACTIVE' order by u.email limit 1`,
    );
  const admin = byRole('DEPARTMENT_ADMIN');
  const dept = `(select departmentId from users where id = '${admin}')`;
  const mentor = one(
    `select mentorId as id from mentor_assignments where status in ('ACTIVE','PAUSED') and departmentId = ${dept} group by mentorId order by count(*) desc, mentorId limit 1`,
  );
  return {
    SUPER_ADMIN: byRole('SUPER_ADMIN'),
    DEPARTMENT_ADMIN: admin,
    MENTOR: mentor,
    STUDENT: one(
      `select a.studentId as id from mentor_assignments a join session_records s on s.assignmentId = a.id where a.status = 'ACTIVE' and a.departmentId = ${dept} group by a.studentId order by count(*) desc, a.studentId limit 1`,
    ),
    mentee: one(
      `select studentId as id from mentor_assignments where mentorId = '${mentor}' and status = 'ACTIVE' order by studentId limit 1`,
    ),
    name: one(
      `select substr(p.lastName, 1, 4) as id from user_profiles p join student_profiles s on s.userId = p.userId group by p.lastName order by count(*) desc limit 1`,
    ),
  };
}

function cases(p: People, asOf: string): Case[] {
  const month = { from: `${asOf.slice(0, 8)}01T00:00:00.000Z`, to: nextMonth(asOf) };
  const list = (role: Role, calls: string[]): Case[] => calls.map((call) => ({ role, call, input: {} }));
  return [
    ...list('SUPER_ADMIN', [
      'dashboards:admin',
      'institutions:list',
      'departments:list',
      'users:list',
      'audit:list',
    ]),
    ...list('DEPARTMENT_ADMIN', [
      'dashboards:admin',
      'dashboards:department',
      'users:list',
      'students:list',
      'mentors:list',
      'assignments:list',
      'assignments:workload',
      'sessions:list',
      'sessions:pending',
      'feedback:list',
      'feedback:summary',
      'goals:list',
      'goals:overdue',
      'alerts:list',
      'notifications:list',
      'audit:list',
      'departments:list',
      'risk:get-thresholds',
    ]),
    { role: 'DEPARTMENT_ADMIN', call: 'students:list', input: { search: p.name }, variant: 'search' },
    { role: 'DEPARTMENT_ADMIN', call: 'search:global', input: { q: p.name } },
    { role: 'DEPARTMENT_ADMIN', call: 'sessions:calendar', input: month },
    { role: 'DEPARTMENT_ADMIN', call: 'sessions:history', input: { studentId: p.mentee } },
    { role: 'DEPARTMENT_ADMIN', call: 'assignments:history', input: { studentId: p.mentee } },
    { role: 'DEPARTMENT_ADMIN', call: 'students:get', input: { id: p.mentee } },
    ...list('MENTOR', [
      'dashboards:mentor',
      'students:list',
      'assignments:list',
      'assignments:workload',
      'sessions:list',
      'sessions:pending',
      'feedback:list',
      'feedback:summary',
      'goals:list',
      'goals:overdue',
      'alerts:list',
      'notifications:list',
      'notifications:unread-count',
    ]),
    { role: 'MENTOR', call: 'sessions:calendar', input: month },
    { role: 'MENTOR', call: 'sessions:history', input: { studentId: p.mentee } },
    { role: 'MENTOR', call: 'students:get', input: { id: p.mentee } },
    { role: 'MENTOR', call: 'search:global', input: { q: p.name } },
    ...list('STUDENT', [
      'dashboards:student',
      'mentors:list',
      'assignments:list',
      'sessions:list',
      'feedback:list',
      'goals:list',
      'goals:overdue',
      'notifications:list',
      'notifications:unread-count',
    ]),
    { role: 'STUDENT', call: 'sessions:calendar', input: month },
  ];
}

function nextMonth(asOf: string): string {
  const d = new Date(`${asOf.slice(0, 8)}01T00:00:00.000Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString();
}

export async function measureCase(
  ctx: BenchContext,
  c: CapturedCore,
  who: People,
  k: Case,
  label: { idPrefix: string; titleSuffix: string } = { idPrefix: 'query', titleSuffix: '' },
): Promise<Measurement> {
  const session = c.core.openTrustedSession(who[k.role]);
  const once = async (): Promise<void> => {
    const r = await c.core.dispatch(k.call, k.input, session);
    if (!r.ok) throw new Error(`${k.call} as ${k.role}: ${r.error.code} ${r.error.message}`);
  };
  const quick = ctx.mode === 'quick';
  const { samples, cpu } = await sample(once, {
    runs: quick ? 20 : 100,
    warmup: quick ? 3 : 10,
    budgetMs: quick ? 600 : 6000,
    minRuns: 20,
  });
  const statements = await c.capture(once);
  c.core.closeSession(session);
  const plans = statements.map((s) => {
    const plan = queryPlan(c.raw, s);
    return { sql: s.sql.replace(/\s+/g, ' '), ms: statementMedian(c.raw, s), plan, ...planSummary(plan) };
  });
  return {
    id: `${label.idPrefix}.${k.role.toLowerCase()}.${k.call}${k.variant ? `.${k.variant}` : ''}`,
    title: `${k.call}${k.variant ? ` (${k.variant})` : ''} as ${k.role}${label.titleSuffix}`,
    unit: 'ms',
    samples,
    ceiling: {
      id: 'raw SQL of the call',
      samples: rawStatementsMs(c.raw, statements, Math.min(30, samples.length)),
    },
    target: { maxP95: 20 },
    details: {
      cpuMedian: round(quantile(cpu, 0.5)),
      cpuP95: round(quantile(cpu, 0.95)),
      statements: statements.length,
      indexes: [...new Set(plans.flatMap((p) => p.indexes))],
      scans: [...new Set(plans.flatMap((p) => p.scans))],
      plans,
    },
  };
}

export const queriesBench: Bench = {
  name: 'queries',
  modes: ['quick', 'full'],
  async run(ctx) {
    const file = await ctx.datasets.sqliteCopy(ctx.scale, join(ctx.tmp, 'queries.sqlite'));
    const c = await capturedCore(file, `${ctx.asOf}T09:00:00.000Z`);
    try {
      const who = people(c);
      const out: Measurement[] = [];
      // SMMS_BENCH_CASES=feedback,sessions:list times only the calls whose name contains one of
      // the words (for working on a few queries; the full run times every call).
      const only = process.env.SMMS_BENCH_CASES?.split(',').filter(Boolean);
      const picked = cases(who, ctx.asOf).filter((k) => !only || only.some((w) => k.call.includes(w)));
      for (const k of picked) out.push(await measureCase(ctx, c, who, k));
      const slow = out.filter(
        (m) => [...m.samples].sort((a, b) => a - b)[Math.ceil(m.samples.length * 0.95) - 1]! > 20,
      );
      ctx.log(`queries: ${out.length} calls timed, ${slow.length} over 20 ms at p95`);
      return out;
    } finally {
      await c.close();
    }
  },
};

if (isEntry(import.meta.url)) await standalone(queriesBench);

import { join } from 'node:path';
import { isEntry } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import { capturedCore, rawStatementsMs, type CapturedCore } from './lib/captured-core.ts';
import { sample } from './lib/timing.ts';
import type { Bench, BenchContext, Measurement } from './lib/types.ts';

// Report targets (issue 9): the department risk report (every student of the department in scope;
// target ≤ 3 s), the same report when every one of them is at HIGH or MEDIUM risk so all of them are
// listed (a copy of the dataset with riskLevel rewritten; same target), and the dossier of the
// student with the most sessions (target ≤ 300 ms). Timed through core.dispatch as the HOD, PDF bytes
// included. Ceiling: the SQL statements each report ran, re-run alone on the raw connection (the rest
// of the time is building and rendering the PDF). bench/reports.bench.ts (the reports feature's own
// benchmark) also covers session registers and per-case peak memory.

interface Case {
  id: string;
  title: string;
  call: string;
  input: Record<string, unknown>;
  runs: number;
  target: number;
}

async function measure(ctx: BenchContext, c: CapturedCore, admin: string, k: Case): Promise<Measurement> {
  const session = c.core.openTrustedSession(admin);
  let pages = 0;
  const once = async (): Promise<void> => {
    const r = await c.core.dispatch(k.call, k.input, session);
    if (!r.ok) throw new Error(`${k.call}: ${r.error.code} ${r.error.message}`);
    pages = (r.data as { pages: number }).pages;
  };
  const { samples, cpu } = await sample(once, { runs: k.runs, warmup: 1 });
  const statements = await c.capture(once);
  ctx.log(`reports: ${k.id} ${samples.map((s) => s.toFixed(0)).join(' ')} ms, ${pages} pages`);
  return {
    id: k.id,
    title: k.title,
    unit: 'ms',
    samples,
    ceiling: { id: 'raw SQL of the report', samples: rawStatementsMs(c.raw, statements, 3) },
    target: { maxMedian: k.target },
    details: { pages, statements: statements.length, cpuMs: cpu.map(Math.round) },
  };
}

function one(c: CapturedCore, q: string): string {
  const row = c.raw.prepare(q).get() as { id?: string } | undefined;
  if (!row?.id) throw new Error(`no row for ${q}`);
  return row.id;
}

export const reportTimingBench: Bench = {
  name: 'report-timing',
  modes: ['quick', 'full'],
  async run(ctx) {
    const quick = ctx.mode === 'quick';
    const now = `${ctx.asOf}T09:00:00.000Z`;
    const out: Measurement[] = [];
    for (const worst of [false, true]) {
      const file = await ctx.datasets.sqliteCopy(
        ctx.scale,
        join(ctx.tmp, `reports-${worst ? 'worst' : 'as-is'}.sqlite`),
      );
      const c = await capturedCore(file, now);
      try {
        const admin = one(
          c,
          `select u.id from users u join roles r on r.id = u.roleId where r.name = 'DEPARTMENT_ADMIN' order by u.email limit 1`,
        );
        const dept = `(select departmentId from users where id = '${admin}')`;
        const students = Number(
          one(
            c,
            `select count(*) as id from users u join student_profiles s on s.userId = u.id where u.departmentId = ${dept}`,
          ),
        );
        if (worst) {
          c.raw.exec(
            `update student_profiles set riskLevel = case when rowid % 2 = 0 then 'HIGH' else 'MEDIUM' end`,
          );
          out.push(
            await measure(ctx, c, admin, {
              id: 'report.risk.all-listed',
              title: `risk report, all ${students} students at risk (listed)`,
              call: 'reports:risk',
              input: {},
              runs: quick ? 1 : 3,
              target: 3000,
            }),
          );
          continue;
        }
        const atRisk = one(
          c,
          `select count(*) as id from users u join student_profiles s on s.userId = u.id where u.departmentId = ${dept} and s.riskLevel <> 'LOW'`,
        );
        out.push(
          await measure(ctx, c, admin, {
            id: 'report.risk',
            title: `risk report, department of ${students} students (${atRisk} at risk)`,
            call: 'reports:risk',
            input: {},
            runs: quick ? 1 : 5,
            target: 3000,
          }),
        );
        const student = one(
          c,
          `select a.studentId as id from mentor_assignments a join session_records s on s.assignmentId = a.id where a.departmentId = ${dept} group by a.studentId order by count(*) desc, a.studentId limit 1`,
        );
        out.push(
          await measure(ctx, c, admin, {
            id: 'report.dossier',
            title: 'student dossier (student with the most sessions)',
            call: 'reports:student',
            input: { studentId: student },
            runs: quick ? 3 : 9,
            target: 300,
          }),
        );
      } finally {
        await c.close();
      }
    }
    return out;
  },
};

if (isEntry(import.meta.url)) await standalone(reportTimingBench);

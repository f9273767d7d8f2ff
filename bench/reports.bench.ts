import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createCore } from '../src/core/app.ts';
import { ManualClock } from '../src/core/clock.ts';
import { connect } from '../src/core/db/connect.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { generateDemo } from '../src/core/demo/generate.ts';
import { addDays, istDayStart } from '../src/core/reports/format.ts';
import type { ReportFile } from '../src/shared/contract/reports.contract.ts';

// Report figures (issue 8 "Performance"), on the demo department (80 mentors, 2,000 students,
// ~58,000 sessions) in SQLite:
// - risk report for the department's 2,000 students (target ≤ 3 s), and a worst case where every
//   one of them is at HIGH or MEDIUM risk, so all 2,000 are listed;
// - one student's dossier (target ≤ 300 ms, median of the 6 calls after the first);
// - session reports of ~5,000 and ~10,000 sessions: time and peak memory (bounded: one register
//   holds at most MAX_REGISTER_ROWS = 12,000 sessions, and memory grows with the rows, not with the
//   database: pdfmake keeps the whole laid-out document in the render worker, ~35 MB of live heap
//   per 1,000 rows while drawing; peak RSS of the process, worker included, ~235 MB + ~47 MB per
//   1,000 rows: 464 MB at 4,866, 685 MB at 9,527, so ~800 MB at the cap).
// Every case runs in its own process, so each peak RSS belongs to that case alone.
// Run: npx tsx bench/reports.bench.ts   (keeps the demo database in $TMPDIR between runs)

const DB_FILE = join(tmpdir(), 'smms-reports-bench.sqlite');
const NOW = '2026-03-16T06:30:00.000Z';
const HOD = 'hod.cse@demo.smms';
const self = fileURLToPath(import.meta.url);

type CaseName = 'risk' | 'risk-worst' | 'dossier' | 'sessions-5k' | 'sessions-10k';
interface CaseResult {
  case: CaseName;
  coldMs: number;
  /** Median of the calls after the first (the only call for the session registers). */
  ms: number;
  /** CPU time of the call (user + system): less distorted than wall time on a busy machine. */
  cpuMs: number;
  pages: number;
  rows: number;
  pdfKB: number;
  peakRssMB: number;
  heapAfterMB: number;
  /** Longest stall of this process's event loop during the timed calls (what freezes a UI). */
  maxBlockMs: number;
}

async function prepare(): Promise<void> {
  if (existsSync(DB_FILE)) return;
  const db = connect(`sqlite:${DB_FILE}`);
  await migrateToLatest(db);
  const t0 = performance.now();
  await generateDemo(db, { scale: 'department' });
  process.stderr.write(`demo department generated in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  await db.close();
}

/** The IST day on which the register reaches `n` sessions, counting back from the demo's today. */
async function fromDayFor(n: number): Promise<string> {
  const db = connect(`sqlite:${DB_FILE}`);
  try {
    const r = await db.kysely
      .selectFrom('session_records')
      .select('sessionDate')
      .where('sessionDate', '<', istDayStart('2026-03-17'))
      .orderBy('sessionDate', 'desc')
      .offset(n - 1)
      .limit(1)
      .executeTakeFirstOrThrow();
    return addDays(new Date(Date.parse(r.sessionDate) + 330 * 60_000).toISOString().slice(0, 10), 1);
  } finally {
    await db.close();
  }
}

async function runCase(name: CaseName, arg: string): Promise<CaseResult> {
  // The worst case rewrites risk levels, so it works on a copy of the demo database.
  const dbFile = name === 'risk-worst' ? join(tmpdir(), 'smms-reports-bench-worst.sqlite') : DB_FILE;
  if (name === 'risk-worst') copyFileSync(DB_FILE, dbFile);
  const db = connect(`sqlite:${dbFile}`);
  const core = createCore({ db, appVersion: 'bench', clock: new ManualClock(NOW) });
  const id = async (email: string): Promise<string> =>
    (await db.kysely.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow())
      .id;
  const session = core.openTrustedSession(await id(HOD));
  let call = 'reports:risk';
  let input: Record<string, unknown> = { from: '2026-02-15', to: '2026-03-16' };
  let rows = 0;
  if (name === 'risk-worst') {
    // Every student at HIGH or MEDIUM, so the list has all 2,000 rows.
    await sql`update student_profiles set riskLevel = case when rowid % 2 = 0 then 'HIGH' else 'MEDIUM' end`.execute(
      db.kysely,
    );
  }
  if (name === 'risk' || name === 'risk-worst') {
    const r = await db.kysely
      .selectFrom('student_profiles')
      .select(sql<number>`count(*)`.as('n'))
      .where('riskLevel', '<>', 'LOW')
      .executeTakeFirstOrThrow();
    rows = Number(r.n);
  }
  if (name === 'dossier') {
    call = 'reports:student';
    input = { studentId: await id('22cse0001@demo.smms') };
  }
  if (name.startsWith('sessions')) {
    call = 'reports:sessions';
    input = { from: arg, to: '2026-03-16' };
  }
  const times: number[] = [];
  const cpu: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let file: ReportFile | undefined;
  for (let i = 0; i < (name === 'dossier' ? 7 : name.startsWith('risk') ? 2 : 1); i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = await core.dispatch(call, input, session);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    file = r.data as ReportFile;
  }
  loop.disable();
  if (name.startsWith('sessions')) {
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(file!.pdfBase64, 'base64'),
      maxBuffer: 1 << 28,
    }).toString();
    rows = Number(/^\s*Total\s+([\d,]+)/m.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
  }
  await core.close();
  if (name === 'risk-worst') rmSync(dbFile, { force: true });
  const median = (xs: number[]): number =>
    Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  return {
    case: name,
    // The first call of a process also loads fonts and warms the JIT: report it apart.
    coldMs: Math.round(times[0]!),
    ms: median(times.length > 1 ? times.slice(1) : times),
    cpuMs: median(cpu.length > 1 ? cpu.slice(1) : cpu),
    pages: file!.pages,
    rows,
    pdfKB: Math.round((file!.pdfBase64.length * 3) / 4 / 1024),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    heapAfterMB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
    maxBlockMs: Math.round(loop.max / 1e6),
  };
}

function inChild(name: CaseName, arg = ''): CaseResult {
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--case', name, arg], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as CaseResult;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--case');
  if (at > 0) {
    process.stdout.write(
      `${JSON.stringify(await runCase(process.argv[at + 1] as CaseName, process.argv[at + 2] ?? ''))}\n`,
    );
    return;
  }
  await prepare();
  const results = [
    inChild('risk'),
    inChild('risk-worst'),
    inChild('dossier'),
    inChild('sessions-5k', await fromDayFor(5_000)),
    inChild('sessions-10k', await fromDayFor(10_000)),
  ];
  const targets: Partial<Record<CaseName, number>> = { risk: 3000, 'risk-worst': 3000, dossier: 300 };
  for (const r of results) {
    const target = targets[r.case];
    const verdict =
      target === undefined ? '' : r.ms <= target ? `  ≤ ${target} ms: ok` : `  > ${target} ms: OVER`;
    process.stdout.write(
      `${r.case.padEnd(13)} ${String(r.ms).padStart(7)} ms (cpu ${String(r.cpuMs).padStart(6)} ms, first call ${String(r.coldMs).padStart(6)} ms)  ${String(r.rows).padStart(6)} rows  ${String(r.pages).padStart(4)} pages  ${String(r.pdfKB).padStart(6)} KB  peak RSS ${r.peakRssMB} MB  heap after ${r.heapAfterMB} MB  longest event-loop stall ${r.maxBlockMs} ms${verdict}\n`,
    );
  }
  process.stdout.write(
    `load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${cpus().length} cores\n`,
  );
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', 'reports.json'),
    `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
  );
}

await main();

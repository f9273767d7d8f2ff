import { migrateToLatest } from '../../core/db/migrate.ts';
import { calendarFor, DEFAULT_AS_OF } from '../../core/demo/calendar.ts';
import {
  assertEmptyForDemo,
  generateDemo,
  SCALE_NAMES,
  SCALES,
  type DemoResult,
  type ScaleName,
} from '../../core/demo/generate.ts';
import { DB_OPTION, dbUrlArg, withDatabase } from '../database.ts';
import { CliError, num, type Io, type ParsedValues, type Verb } from '../verb.ts';

export const demoVerb: Verb = {
  name: 'demo',
  summary: 'Load a demo institution (mentors, students, sessions, goals, alerts) into an empty database',
  usage: 'smms demo --db <url> --scale small|department|large [--seed N] [--as-of YYYY-MM-DD]',
  description: [
    'Migrates the database, then fills it with realistic, deterministic demo data: the same seed and',
    'date always give the same rows. Refuses a database that already has users. Every demo account',
    'is ACTIVE with the password printed at the end.',
    '',
    'Scales:',
    '  small       1 institution, 3 departments, 12 mentors, 150 students (seconds)',
    '  department  1 department: 80 mentors, 2,000 students, ~60,000 sessions, ~500,000 rows',
    '  large       10 departments like "department" (~5 million rows; minutes)',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    scale: { type: 'string', value: '<scale>', help: 'small, department or large (default small).' },
    seed: { type: 'string', value: '<N>', help: 'Whole number that picks the data (default 1).' },
    'as-of': {
      type: 'string',
      value: '<YYYY-MM-DD>',
      help: `The demo's "today" (default ${DEFAULT_AS_OF}): sessions after it are still scheduled.`,
    },
  },
  examples: [
    'smms demo --db sqlite:demo.sqlite --scale small',
    'smms demo --db mysql://root@127.0.0.1:3306/smms_demo --scale department --seed 7',
  ],
  async run(values, io) {
    const raw = dbUrlArg(values.db, 'demo');
    const scale = scaleArg(values.scale);
    const seed = seedArg(values.seed);
    const asOf = asOfArg(values['as-of']);
    return withDatabase(raw, { createMysqlDatabase: true }, async ({ db, label }) => {
      const migrated = await migrateToLatest(db);
      if (!migrated.alreadyCurrent) io.err(`schema: applied ${migrated.applied.join(', ')}`);
      await assertEmptyForDemo(db);
      const started = Date.now();
      io.err(`Generating ${scale} demo data (seed ${seed}, as of ${asOf}) into ${label} ...`);
      const result = await generateDemo(db, {
        scale,
        seed,
        asOf,
        onProgress: (p) =>
          io.err(
            `  ${p.department}: ${num(p.students)}/${num(p.totalStudents)} students, ${num(p.rows)} rows`,
          ),
      });
      printSummary(io, label, result, (Date.now() - started) / 1000);
      return 0;
    });
  },
};

function scaleArg(value: ParsedValues[string]): ScaleName {
  const scale = typeof value === 'string' ? value : 'small';
  if (!(scale in SCALES))
    throw new CliError(`smms demo: --scale must be one of ${SCALE_NAMES.join(', ')} (got "${scale}").`);
  return scale as ScaleName;
}

function seedArg(value: ParsedValues[string]): number {
  if (typeof value !== 'string') return 1;
  if (!/^\d{1,9}$/.test(value))
    throw new CliError(`smms demo: --seed must be a whole number (got "${value}").`);
  return Number(value);
}

function asOfArg(value: ParsedValues[string]): string {
  if (typeof value !== 'string') return DEFAULT_AS_OF;
  try {
    calendarFor(value);
  } catch (err) {
    throw new CliError(`smms demo: --as-of ${(err as Error).message}`);
  }
  return value;
}

function printSummary(io: Io, label: string, r: DemoResult, seconds: number): void {
  io.out(
    `Loaded ${r.scale} demo data (seed ${r.seed}, as of ${r.asOf}) into ${label} in ${seconds.toFixed(1)} s.`,
  );
  io.out('');
  io.out(`  ${'table'.padEnd(20)} ${'rows'.padStart(10)}`);
  const entries = Object.entries(r.counts);
  for (const [table, count] of entries) io.out(`  ${table.padEnd(20)} ${num(count).padStart(10)}`);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  io.out(`  ${'total'.padEnd(20)} ${num(total).padStart(10)}`);
  io.out('');
  io.out(`Demo accounts (password for every demo account: ${r.password}):`);
  for (const a of r.accounts) io.out(`  ${a.role.padEnd(18)} ${a.email.padEnd(28)} ${a.name}`);
  io.out('Other mentors sign in as firstname.lastname@demo.smms, students as <roll number>@demo.smms.');
}

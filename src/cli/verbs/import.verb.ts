import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Core } from '../../core/app.ts';
import { openCore } from '../../core/open-core.ts';
import type { DepartmentDto } from '../../shared/contract/departments.contract.ts';
import {
  ROSTER_MAX_FILE_BYTES,
  type FileDownload,
  type RosterCommitResult,
  type RosterPreview,
  type RowProblemDto,
} from '../../shared/contract/roster.contract.ts';
import { DB_OPTION, dbUrlArg } from '../database.ts';
import { readPassword } from '../read-password.ts';
import { CliError, num, type Io, type ParsedValues, type Verb } from '../verb.ts';
import { packageVersion } from '../../core/package-root.ts';

// `smms import roster|mentors <file>`: a roster import through the same door as the app (sign-in,
// roles, department scope, one transaction). Exit 0 when every row was imported, 2 when rows were
// rejected (imported without them with --skip-invalid; nothing imported otherwise), 1 on failure.

const KINDS = { roster: 'students', mentors: 'mentors' } as const;
type What = keyof typeof KINDS;
const SHOWN_PROBLEMS = 20;

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function required(values: ParsedValues, name: string): string {
  const v = str(values[name]);
  if (!v) throw new CliError(`smms import: --${name} is required. See smms import --help.`);
  return v;
}

function failure(error: { message: string; issues?: { path: string; message: string }[] }): CliError {
  const issues = (error.issues ?? []).slice(0, SHOWN_PROBLEMS).map((i) => `  ${i.path}: ${i.message}`);
  return new CliError(['smms import: ' + error.message, ...issues].join('\n'));
}

async function must<T>(core: Core, session: string, name: string, input: unknown): Promise<T> {
  const r = await core.dispatch(name, input, session);
  if (!r.ok) throw failure(r.error);
  return r.data as T;
}

/** The file as the calls take it; an oversized file is refused from its size, before reading it. */
function readRoster(path: string): { name: string; base64: string } {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliError(`smms import: cannot read "${path}" — does the file exist?`);
  }
  if (size > ROSTER_MAX_FILE_BYTES) {
    const mb = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;
    throw new CliError(
      `smms import: ${basename(path)} is ${mb(size)}; the largest file you can import is ${mb(ROSTER_MAX_FILE_BYTES)}.`,
    );
  }
  return { name: basename(path), base64: readFileSync(path).toString('base64') };
}

/** The department with this code among those the user may manage (codes repeat across institutions). */
async function departmentByCode(core: Core, session: string, code: string): Promise<string> {
  const page = await must<{ rows: DepartmentDto[] }>(core, session, 'departments:list', {
    search: code,
    pageSize: 200,
  });
  const hits = page.rows.filter((d) => d.code.toLowerCase() === code.trim().toLowerCase());
  if (hits.length === 0) throw new CliError(`smms import: no department with code "${code}" in your scope.`);
  if (hits.length > 1) {
    throw new CliError(`smms import: department code "${code}" exists in more than one institution.`);
  }
  return hits[0]!.id;
}

async function signIn(core: Core, session: string, email: string): Promise<void> {
  const login = await core.dispatch('auth:login', { email, password: await readPassword('import') }, session);
  if (!login.ok) throw failure(login.error);
}

function problemLines(problems: readonly RowProblemDto[], errorsPath: string | undefined): string[] {
  const lines = problems
    .slice(0, SHOWN_PROBLEMS)
    .map((p) => `  row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`);
  if (problems.length > SHOWN_PROBLEMS) {
    const more = problems.length - SHOWN_PROBLEMS;
    lines.push(
      `  … and ${num(more)} more${errorsPath ? ` (all in ${errorsPath})` : ' (--errors <file> writes them all)'}`,
    );
  }
  return lines;
}

interface Outcome {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  assignmentsCreated: number;
  imported: boolean;
  errors: RowProblemDto[];
  notes: { row: number; message: string }[];
}

function report(io: Io, o: Outcome, json: boolean, errorsPath: string | undefined): void {
  if (json) {
    const { dryRun, created, updated, unchanged, skipped, assignmentsCreated, errors, notes } = o;
    io.out(
      JSON.stringify({ dryRun, created, updated, unchanged, skipped, assignmentsCreated, errors, notes }),
    );
    return;
  }
  const verb = o.dryRun ? 'Would create' : 'Created';
  io.out(
    `${verb} ${num(o.created)}, ${o.dryRun ? 'would update' : 'updated'} ${num(o.updated)}, unchanged ${num(o.unchanged)}, rejected ${num(o.skipped)}.`,
  );
  if (o.assignmentsCreated > 0) io.out(`Mentor assignments created: ${num(o.assignmentsCreated)}.`);
  if (o.errors.length > 0) {
    io.err(`Rows with problems${o.imported ? ' (left out)' : ''}:`);
    for (const line of problemLines(o.errors, errorsPath)) io.err(line);
  }
  if (!o.dryRun && !o.imported) {
    io.err('Nothing was imported. Fix the rows, or run again with --skip-invalid to import the others.');
  }
}

async function writeErrors(
  core: Core,
  session: string,
  source: Record<string, unknown>,
  path: string,
): Promise<void> {
  const format = extname(path).toLowerCase() === '.csv' ? 'csv' : 'xlsx';
  const file = await must<FileDownload>(core, session, 'roster:error-report', { ...source, format });
  writeFileSync(path, Buffer.from(file.base64, 'base64'));
}

async function run(core: Core, values: ParsedValues, io: Io, what: What, path: string): Promise<number> {
  const session = core.openSession({ userAgent: 'cli' });
  await signIn(core, session, required(values, 'user'));
  const departmentId = await departmentByCode(core, session, required(values, 'department'));
  const accept = str(values['accept-program'])
    ?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const source = {
    file: readRoster(path),
    kind: KINDS[what],
    departmentId,
    sheet: str(values.sheet),
    acceptPrograms: accept,
  };
  const preview = await must<RosterPreview>(core, session, 'roster:preview', source);
  if (preview.mappingProblems.length > 0) {
    throw new CliError(
      [
        'smms import: the columns of this file cannot be matched:',
        ...preview.mappingProblems.map((m) => `  ${m}`),
      ].join('\n'),
    );
  }
  const errorsPath = str(values.errors);
  const rejected = preview.counts.rejected > 0;
  if (errorsPath && rejected) await writeErrors(core, session, source, errorsPath);
  const base = {
    errors: preview.problems,
    skipped: preview.counts.rejected,
    unchanged: preview.counts.unchanged,
    notes: preview.rows.flatMap((r) => r.notes.map((message) => ({ row: r.row, message }))),
  };
  const dryRun = values['dry-run'] === true;
  if (dryRun || (rejected && values['skip-invalid'] !== true)) {
    const c = preview.counts;
    const would = dryRun
      ? { created: c.create, updated: c.update, assignmentsCreated: c.assignments }
      : { created: 0, updated: 0, assignmentsCreated: 0 };
    report(io, { ...base, ...would, dryRun, imported: false }, values.json === true, errorsPath);
    return rejected ? 2 : 0;
  }
  const mode = values['skip-invalid'] === true ? 'skip-invalid' : 'abort-on-error';
  const result = await must<RosterCommitResult>(core, session, 'roster:commit', {
    ...source,
    mapping: preview.mapping,
    mode,
  });
  report(io, { ...result, dryRun: false, imported: true }, values.json === true, errorsPath);
  return result.skipped > 0 ? 2 : 0;
}

export const importVerb: Verb = {
  name: 'import',
  summary: 'Import a student roster or a mentor list from .xlsx/.csv into a department',
  usage:
    'smms import <roster|mentors> <file> --db <url> --department <code> --user <email> [--sheet <name>] [--dry-run] [--skip-invalid] [--errors <out.xlsx|csv>] [--json]',
  description: [
    'Signs in as --user (password from SMMS_PASSWORD, or asked on the terminal) and imports the file',
    'exactly as the app does: the same roles and department scope, columns matched by their titles',
    '(or the mapping the department used last time), every row checked, one transaction. Without',
    '--skip-invalid nothing is imported when any row has a problem. --dry-run only checks. --errors',
    'writes the rejected rows with a Problem column, to fix and import again.',
    'Exit code: 0 when every row was imported (or, with --dry-run, would be), 2 when rows were',
    'rejected, 1 on failure. --json prints { created, updated, skipped, errors: [{ row, column,',
    'value, message }] } (also unchanged, assignmentsCreated and dryRun).',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    department: { type: 'string', value: '<code>', help: 'Code of the department to import into, e.g. CSE.' },
    user: { type: 'string', value: '<email>', help: 'Sign in as this user (password in SMMS_PASSWORD).' },
    sheet: { type: 'string', value: '<name>', help: 'Worksheet to read (default: the first visible one).' },
    'dry-run': { type: 'boolean', help: 'Check every row and print what would happen; write nothing.' },
    'skip-invalid': { type: 'boolean', help: 'Import the valid rows and leave the rejected ones out.' },
    errors: { type: 'string', value: '<file>', help: 'Write rejected rows to this .xlsx or .csv file.' },
    'accept-program': {
      type: 'string',
      value: '<names>',
      help: 'Comma-separated programs new to the department (a new intake).',
    },
    json: { type: 'boolean', help: 'Print the outcome as JSON on stdout.' },
  },
  positionals: ['what', 'file'],
  examples: [
    'SMMS_PASSWORD=... smms import roster cse-2026.xlsx --db sqlite:smms.sqlite --department CSE --user hod.cse@college.edu --dry-run',
    'SMMS_PASSWORD=... smms import mentors faculty.csv --db sqlite:smms.sqlite --department CSE --user hod.cse@college.edu --skip-invalid --errors rejected.xlsx',
  ],
  async run(values, io, positionals) {
    const [what, path] = positionals;
    if (what !== 'roster' && what !== 'mentors') {
      throw new CliError('smms import: say what to import: roster or mentors. See smms import --help.');
    }
    if (!path) throw new CliError(`smms import ${what}: name the file to import. See smms import --help.`);
    const dbUrl = dbUrlArg(values.db, 'import');
    const { core } = await openCore({
      dbUrl,
      appVersion: packageVersion(),
      platform: `${process.platform} cli`,
    });
    try {
      return await run(core, values, io, what, path);
    } finally {
      await core.close();
    }
  },
};

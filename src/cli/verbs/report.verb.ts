import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadActor } from '../../core/auth/actor.ts';
import type { Core } from '../../core/app.ts';
import { AppError } from '../../core/errors.ts';
import { openCore } from '../../core/open-core.ts';
import { subscribeReportProgress } from '../../core/reports/progress.ts';
import { findReportIds, type ReportIds } from '../../core/reports/refs.queries.ts';
import type { ReportFile } from '../../shared/contract/reports.contract.ts';
import { DB_OPTION, dbUrlArg } from '../database.ts';
import { readPassword } from '../read-password.ts';
import { CliError, type Io, type ParsedValues, type Verb } from '../verb.ts';
import { packageVersion } from '../../core/package-root.ts';

// `smms report <kind>`: a PDF report made through the same door as the app (sign-in, roles, scope),
// written to --out. Progress goes to stderr.

const KINDS = {
  sessions: 'reports:sessions',
  risk: 'reports:risk',
  'mentor-load': 'reports:mentor-load',
  student: 'reports:student',
  department: 'reports:department',
} as const;
type Kind = keyof typeof KINDS;

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

function kindOf(raw: string | undefined): Kind {
  if (raw && Object.hasOwn(KINDS, raw)) return raw as Kind;
  const list = Object.keys(KINDS).join(', ');
  throw new CliError(`smms report: name the report: ${list}. See smms report --help.`);
}

/** The call input for the kind: only the parameters that report takes. */
function inputFor(kind: Kind, ids: ReportIds, values: ParsedValues, taskId: string): Record<string, unknown> {
  const period = { from: str(values.from), to: str(values.to), taskId };
  if (kind === 'student') {
    if (!ids.studentId) throw new CliError('smms report student: --student <rollNumber> is required.');
    return { ...period, studentId: ids.studentId };
  }
  if (kind === 'department') return { ...period, departmentId: ids.departmentId };
  const base = { ...period, departmentId: ids.departmentId, mentorId: ids.mentorId };
  return kind === 'sessions' ? { ...base, studentId: ids.studentId } : base;
}

function failure(error: { message: string; issues?: { path: string; message: string }[] }): CliError {
  const issues = (error.issues ?? []).map((i) => `  --${i.path}: ${i.message}`);
  return new CliError(['smms report: ' + error.message, ...issues].join('\n'));
}

async function signIn(core: Core, session: string, email: string): Promise<string> {
  const login = await core.dispatch('auth:login', { email, password: await readPassword('report') }, session);
  if (!login.ok) throw failure(login.error);
  return (login.data as { user: { id: string } }).user.id;
}

async function resolveIds(core: Core, userId: string, values: ParsedValues): Promise<ReportIds> {
  const actor = await loadActor(core.db.kysely, userId);
  if (!actor) throw new CliError('smms report: the account is not active.');
  try {
    return await findReportIds(core.db.kysely, actor, {
      departmentCode: str(values.department),
      mentorEmail: str(values.mentor),
      rollNumber: str(values.student),
    });
  } catch (err) {
    if (err instanceof AppError) throw new CliError(`smms report: ${err.message}`);
    throw err;
  }
}

/** Progress lines on stderr: each stage once, drawing every 20%. */
function progressPrinter(io: Io, taskId: string): () => void {
  let lastLabel = '';
  let lastDone = -100;
  return subscribeReportProgress((e) => {
    if (e.taskId !== taskId) return;
    if (e.label === lastLabel && e.done - lastDone < 20 && e.done !== e.total) return;
    lastLabel = e.label;
    lastDone = e.done;
    io.err(`  ${String(e.done).padStart(3)}%  ${e.label}`);
  });
}

export const reportVerb: Verb = {
  name: 'report',
  summary: 'Make a PDF report (sessions, risk, mentor-load, student, department) as a user',
  usage:
    'smms report <sessions|risk|mentor-load|student|department> --db <url> --user <email> [--department <code>] [--mentor <email>] [--student <rollNumber>] [--from <date>] [--to <date>] --out <file.pdf>',
  description: [
    'Signs in as --user (password from SMMS_PASSWORD, or asked on the terminal) and makes the report',
    'exactly as the app does: the same roles and the same scope, so a mentor’s report holds only its',
    'own mentees and a dossier holds only what the user may read. Dates are days in IST (YYYY-MM-DD);',
    'without them a report covers the 30 days up to today (a student dossier: all records).',
    'sessions takes --department, --mentor and --student; risk and mentor-load take --department and',
    '--mentor; student needs --student; department takes --department.',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    user: { type: 'string', value: '<email>', help: 'Sign in as this user (password in SMMS_PASSWORD).' },
    department: { type: 'string', value: '<code>', help: 'Department code, e.g. CSE.' },
    mentor: { type: 'string', value: '<email>', help: 'Only this mentor’s mentees.' },
    student: {
      type: 'string',
      value: '<rollNumber>',
      help: 'The student (dossier), or one student’s sessions.',
    },
    from: { type: 'string', value: '<date>', help: 'First day, YYYY-MM-DD.' },
    to: { type: 'string', value: '<date>', help: 'Last day, YYYY-MM-DD (included).' },
    out: { type: 'string', value: '<file.pdf>', help: 'Where to write the PDF.' },
  },
  positionals: ['kind'],
  examples: [
    'SMMS_PASSWORD=... smms report sessions --db sqlite:smms.sqlite --user hod.cse@demo.smms --from 2026-01-01 --to 2026-01-31 --out sessions.pdf',
    'SMMS_PASSWORD=... smms report student --db sqlite:smms.sqlite --user hod.cse@demo.smms --student 22CSE0001 --out dossier.pdf',
  ],
  async run(values, io, positionals) {
    const kind = kindOf(positionals[0]);
    const out = str(values.out);
    if (!out) throw new CliError('smms report: --out <file.pdf> is required.');
    const email = str(values.user);
    if (!email) throw new CliError('smms report: --user <email> is required.');
    const dbUrl = dbUrlArg(values.db, 'report');
    const { core } = await openCore({
      dbUrl,
      appVersion: packageVersion(),
      platform: `${process.platform} cli`,
    });
    const taskId = randomUUID();
    const stop = progressPrinter(io, taskId);
    try {
      const session = core.openSession({ userAgent: 'cli' });
      const userId = await signIn(core, session, email);
      const ids = await resolveIds(core, userId, values);
      const result = await core.dispatch(KINDS[kind], inputFor(kind, ids, values, taskId), session);
      if (!result.ok) throw failure(result.error);
      const file = result.data as ReportFile;
      const bytes = Buffer.from(file.pdfBase64, 'base64');
      writeFileSync(out, bytes);
      io.out(
        `Wrote ${out}: ${file.pages} page${file.pages === 1 ? '' : 's'}, ${(bytes.length / 1024).toFixed(0)} KB.`,
      );
      return 0;
    } finally {
      stop();
      await core.close();
    }
  },
};

import type { CallName } from '../../../shared/contract/index.ts';

// The PDF reports the office can make, and which parameters each one takes (from the contract).

export type ReportKind =
  'department' | 'risk' | 'sessions' | 'mentor-load' | 'student' | 'record-books' | 'handover';

export interface ReportInfo {
  kind: ReportKind;
  call: Exclude<CallName & `reports:${string}`, 'reports:cancel'>;
  title: string;
  description: string;
  params: {
    department: boolean;
    mentor: boolean;
    student: 'no' | 'optional' | 'required';
    summaries: boolean;
  };
}

export const REPORTS: readonly ReportInfo[] = [
  {
    kind: 'department',
    call: 'reports:department',
    title: 'Department summary',
    description: 'One page for the HOD: headline numbers, charts and the top concerns.',
    params: { department: true, mentor: false, student: 'no', summaries: false },
  },
  {
    kind: 'risk',
    call: 'reports:risk',
    title: 'Students at risk',
    description: 'High then medium risk students with academics, last session, open alerts and mentor.',
    params: { department: true, mentor: true, student: 'no', summaries: false },
  },
  {
    kind: 'sessions',
    call: 'reports:sessions',
    title: 'Session register',
    description: 'Every session in the period with totals per mentor.',
    params: { department: true, mentor: true, student: 'optional', summaries: true },
  },
  {
    kind: 'mentor-load',
    call: 'reports:mentor-load',
    title: 'Mentor load',
    description: 'Per mentor: mentees against capacity, sessions held, feedback rating, pending sessions.',
    params: { department: true, mentor: true, student: 'no', summaries: false },
  },
  {
    kind: 'student',
    call: 'reports:student',
    title: 'Student dossier',
    description: 'One student’s profile, mentors, sessions, goals, feedback, alerts and files.',
    params: { department: false, mentor: false, student: 'required', summaries: false },
  },
  {
    kind: 'record-books',
    call: 'reports:record-books',
    title: 'Mentor record books',
    description:
      'A paper record book per student, with signature blocks for mentor, HOD and parent: a whole class or one mentor’s mentees in one PDF, each book on a new page.',
    params: { department: true, mentor: true, student: 'no', summaries: false },
  },
  {
    kind: 'handover',
    call: 'reports:handover',
    title: 'Handover packet',
    description: 'One page for a new mentor: open goals, open alerts, the last five sessions, risk and why.',
    params: { department: false, mentor: false, student: 'required', summaries: false },
  },
];

/** Reports that cover records to date, so the period picker is hidden. */
export const UNDATED: ReadonlySet<ReportKind> = new Set(['record-books', 'handover']);

export function reportInfo(kind: string | null): ReportInfo {
  return REPORTS.find((r) => r.kind === kind) ?? REPORTS[0]!;
}

/** "2026-11-25" for a local Date (report days are calendar days, not instants). */
export function dayOf(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The usual period: from the first of last month to today. */
export function defaultPeriod(today = new Date()): [string, string] {
  return [dayOf(new Date(today.getFullYear(), today.getMonth() - 1, 1)), dayOf(today)];
}

/** Whether this window's Content-Security-Policy lets a PDF show inside the page (blob: frames). */
export function canEmbedPdf(doc: Document = document): boolean {
  const policy =
    doc.querySelector<HTMLMetaElement>('meta[http-equiv="Content-Security-Policy"]')?.content ?? '';
  const frameSrc = /(?:^|;)\s*frame-src([^;]*)/.exec(policy)?.[1] ?? null;
  const source = frameSrc ?? /(?:^|;)\s*default-src([^;]*)/.exec(policy)?.[1] ?? '*';
  return /\bblob:|\*/.test(source) && !/'none'/.test(source);
}

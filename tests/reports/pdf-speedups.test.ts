import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFontsDir, reportFonts } from '../../src/core/reports/fonts.ts';
import type { ReportHeader } from '../../src/core/reports/frame.ts';
import { renderJob, type RenderJob } from '../../src/core/reports/pdf-render.mjs';
import { applyPdfSpeedups, PATCHED_VERSIONS, speedupsApply } from '../../src/core/reports/pdf-speedups.mjs';
import { buildRecordBooks, type RecordBook } from '../../src/core/reports/record-book-report.ts';
import { LAYOUT_COLORS } from '../../src/core/reports/theme.ts';

// pdf-speedups.mjs replaces pdfmake's style lookups and pdfkit's content-stream writes with cheaper
// equivalents. Equivalent means the same answers and the same bytes: the lookups are checked
// against a pristine copy of pdfmake's own class, and a batch of record books drawn with them
// against the same batch drawn by pdfmake and pdfkit alone, in a process that never installs them.

const require = createRequire(import.meta.url);
const pdfmakeEntry = require.resolve('pdfmake');
const fromPdfmake = createRequire(pdfmakeEntry);

interface Stack {
  push(s: unknown): void;
  pop(n?: number): void;
  getProperty(p: string): unknown;
}
interface StackClass {
  new (dictionary: object, defaultStyle?: object): Stack;
  getStyleProperty(item: unknown, stack: Stack | null, property: string, fallback: unknown): unknown;
}

/** pdfmake's StyleContextStack as published: a fresh copy of the module, loaded past the cache. */
function pristineStyleStack(): StackClass {
  const file = fromPdfmake.resolve('./StyleContextStack');
  const cached = fromPdfmake.cache[file];
  delete fromPdfmake.cache[file];
  try {
    return (fromPdfmake(file) as { default: StackClass }).default;
  } finally {
    if (cached) fromPdfmake.cache[file] = cached;
    else delete fromPdfmake.cache[file];
  }
}

const dictionary = {
  td: { fontSize: 8 },
  th: { fontSize: 7.5, bold: true, color: '#1F3A5F' },
  muted: { color: '#5B6472', extends: 'td' },
  both: { extends: ['th', 'muted'], italics: true },
  loopA: { extends: 'loopB' },
  loopB: { extends: ['loopA', 'td'] },
};
const defaultStyle = { font: 'NotoSans', fontSize: 8.5, color: '#1D2433', lineHeight: 1.15 };
const properties = ['font', 'fontSize', 'bold', 'italics', 'color', 'lineHeight', 'sup', 'alignment'];
const items: unknown[] = [
  {},
  'a plain string',
  { text: 'x', style: 'td' },
  { text: 'x', style: ['th', 'muted'], color: 'red' },
  { text: 'x', style: 'both' },
  { text: 'x', style: 'loopA' },
  { text: 'x', style: ['nowhere', { bold: false, fontSize: 11 }] },
  { section: [], style: 'th' },
  { text: 'x', bold: null, style: 'th' },
];
const layers: unknown[] = [
  { stack: [], style: 'muted' },
  'th',
  { table: {}, alignment: 'center', fontSize: 9 },
  ['loopB', 'nowhere'],
  { text: 'x', color: null },
];

describe('pdf speedups', () => {
  it('are written for the pdfmake and pdfkit installed (another version renders unpatched)', () => {
    // After an upgrade this fails: check the replacements against the new internals (the tests
    // below), then move PATCHED_VERSIONS. Until then reports render correctly, only slower.
    const installed = {
      pdfmake: (fromPdfmake('pdfmake/package.json') as { version: string }).version,
      pdfkit: (fromPdfmake('pdfkit/package.json') as { version: string }).version,
    };
    expect(installed).toEqual(PATCHED_VERSIONS);
    expect(speedupsApply(pdfmakeEntry)).toBe(true);
  });

  it('answer every style lookup as pdfmake does, whatever the stack holds and however it changes', () => {
    applyPdfSpeedups(pdfmakeEntry);
    const Pristine = pristineStyleStack();
    const Patched = (fromPdfmake('./StyleContextStack') as { default: StackClass }).default;
    expect(Patched).not.toBe(Pristine);
    const a = new Pristine(dictionary, defaultStyle);
    const b = new Patched(dictionary, defaultStyle);
    const compare = (): void => {
      for (const property of properties) {
        expect(b.getProperty(property)).toEqual(a.getProperty(property));
        for (const item of items)
          expect(Patched.getStyleProperty(item, b, property, 'fallback')).toEqual(
            Pristine.getStyleProperty(item, a, property, 'fallback'),
          );
      }
    };
    compare();
    for (const layer of layers) {
      for (const name of Array.isArray(layer) ? layer : [layer]) {
        a.push(name);
        b.push(name);
      }
      compare();
    }
    a.pop(2);
    b.pop(2);
    compare();
    a.pop();
    b.pop();
    compare();
    expect(Patched.getStyleProperty({ fontSize: 3 }, null, 'fontSize', 1)).toBe(3);
    expect(Patched.getStyleProperty({}, null, 'fontSize', 1)).toBe(1);
  });

  it('draw a batch of record books byte for byte as pdfmake and pdfkit alone draw it', async () => {
    const fontsDir = findFontsDir();
    const job: RenderJob = (() => {
      const { frame, ...doc } = buildRecordBooks(header, [book(1), book(2), book(3)]);
      return {
        doc,
        frame,
        fonts: { dir: fontsDir, dictionary: reportFonts(fontsDir) },
        colors: LAYOUT_COLORS,
      };
    })();
    const plain = execFileSync(process.execPath, [join(import.meta.dirname, 'support', 'render-plain.mjs')], {
      input: JSON.stringify(job),
      env: { ...process.env, SMMS_PDF_SPEEDUPS: 'off' },
      maxBuffer: 1 << 26,
    }).toString();
    const fast = await renderJob(structuredClone(job));
    expect(fast.pages).toBeGreaterThan(3);
    expect(stable(Buffer.from(fast.buffer))).toBe(stable(Buffer.from(plain, 'base64')));
  });
});

// The creation time and the document id are the only bytes that differ between two renders.
const stable = (pdf: Buffer): string =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '(D:)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID []');

const header: ReportHeader = {
  institution: { name: 'Sahyadri College of Engineering', code: 'SCE', address: 'Adyar, Mangaluru' },
  department: 'Computer Science and Engineering',
  title: 'Mentor Record Book',
  subject: 'B.Tech CSE · Year 2',
  period: null,
  generatedBy: 'Dr. Lakshmi Narayanan (Department administrator)',
  generatedAt: '2026-03-20T04:30:00.000Z',
  confidential: true,
};

/** A book long enough to run over pages: sessions with summaries and action items, every section. */
function book(n: number): RecordBook {
  const day = (d: number): string => `2026-0${1 + (d % 3)}-${String(1 + (d % 27)).padStart(2, '0')}`;
  const sessions = Array.from({ length: 40 }, (_, i) => ({
    id: `s${n}-${i}`,
    date: day(i),
    mentor: 'Dr. Meera Iyer',
    mode: 'IN_PERSON' as const,
    topic: `Review ${i}: lab records, ${'internal assessment '.repeat(i % 3)}and attendance`,
    summary:
      i % 4 === 0 ? null : `Discussed the week's progress; ${'agreed next steps. '.repeat(1 + (i % 5))}`,
    attendance: 'PRESENT' as const,
    status: i % 9 === 0 ? ('CANCELLED' as const) : ('COMPLETED' as const),
    actionsDone: 1,
    actionsOpen: 1,
    actionItems: [
      { text: `Submit record ${i}`, done: i % 2 === 0 },
      { text: 'Meet the HOD', done: false },
    ],
  }));
  return {
    profile: {
      name: `Student Ñāṇa ${n}`,
      email: `s${n}@example.edu`,
      phone: null,
      rollNumber: `4SF22CS00${n}`,
      program: 'B.Tech CSE',
      yearOfStudy: 2,
      gpa: 7.4,
      attendancePct: 81.5,
      riskLevel: n === 2 ? 'HIGH' : 'LOW',
      department: header.department,
    },
    assignments: [
      {
        mentor: 'Dr. Meera Iyer',
        status: 'ACTIVE',
        assignedAt: '2025-08-01T00:00:00.000Z',
        endedAt: null,
        notes: 'Weekly.',
      },
    ],
    sessions,
    goals: [
      {
        id: `g${n}`,
        title: 'Clear backlog in Maths',
        category: 'ACADEMIC',
        status: 'IN_PROGRESS',
        progressPct: 40,
        targetDate: '2026-05-01',
        lastNote: 'Two of five done.',
      },
    ],
    feedback: [
      {
        date: day(3),
        giver: 'Dr. Meera Iyer',
        recipient: `Student ${n}`,
        type: 'MENTOR_TO_STUDENT',
        rating: 4,
        comments: 'Good effort.',
        visibility: 'MENTOR',
      },
    ],
    alerts: [
      {
        createdAt: '2026-02-02T00:00:00.000Z',
        severity: 'WARN',
        category: 'ATTENDANCE',
        message: 'Attendance under 75%.',
        status: 'OPEN',
        closedAt: null,
      },
    ],
    attachments: [],
    showSummary: true,
    actionItems: new Map(sessions.map((s) => [s.id, s.actionItems])),
    notes: [
      {
        id: `n${n}`,
        studentId: `st${n}`,
        authorId: 'm',
        authorName: 'Dr. Meera Iyer',
        sessionId: null,
        visibility: 'RESTRICTED',
        category: 'MEDICAL',
        body: 'Carries an inhaler.',
        canEdit: false,
        canDelete: false,
        createdAt: '2026-02-01T00:00:00.000Z',
        updatedAt: '2026-02-01T00:00:00.000Z',
      },
    ],
    currentMentor: 'Dr. Meera Iyer',
  };
}

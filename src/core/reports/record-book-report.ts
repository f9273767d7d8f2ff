import type { Content } from 'pdfmake/interfaces';
import {
  ALERT_COLUMNS,
  FEEDBACK_COLUMNS,
  GOAL_COLUMNS,
  assignmentColumns,
  profilePanel,
  section,
} from './dossier-report.ts';
import {
  contentWidth,
  reportDocument,
  runningHeader,
  type ReportDocument,
  type ReportHeader,
} from './frame.ts';
import { formatDate, formatDateTime, words } from './format.ts';
import type { RecordBookData } from './record-book.queries.ts';
import { COLOR, emptyNote, sectionHeading, type Column } from './theme.ts';

// Mentor Record Book (pure): the paper record book many colleges keep per mentee, one book per
// student, each starting on a new page, ending with signature blocks for mentor, HOD and
// parent/guardian. Notes come as the reader may see them; a RESTRICTED note is printed only in the
// copy of a reader who may read it (the data never holds it otherwise), and marked as such.

export interface RecordBook extends RecordBookData {
  /** The student's mentor(s) now, for the signature block. */
  currentMentor: string | null;
}

type Session = RecordBookData['sessions'][number];

function sessionColumns(book: RecordBook): Column<Session>[] {
  return [
    { header: 'Date', width: 52, cell: (s) => formatDate(s.date) },
    { header: 'Mentor', width: 70, cell: (s) => s.mentor },
    {
      header: book.showSummary ? 'Topic · summary' : 'Topic',
      width: '*',
      cell: (s) => ({
        stack: [
          { text: s.topic, bold: true },
          ...(s.summary ? [{ text: s.summary, fontSize: 7.2, color: COLOR.muted }] : []),
        ],
        style: 'td',
      }),
    },
    {
      header: 'Action items',
      width: 150,
      cell: (s) => {
        const items = book.actionItems.get(s.id) ?? [];
        if (items.length === 0) return { text: '—', style: 'td' };
        return {
          stack: items.map((i) => ({
            text: [
              { text: i.done ? 'Done  ' : 'Open  ', bold: true, color: i.done ? COLOR.low : COLOR.medium },
              i.text,
            ],
            fontSize: 7.2,
          })),
          style: 'td',
        };
      },
    },
    {
      header: 'Attended',
      width: 42,
      cell: (s) => (s.status === 'COMPLETED' ? words(s.attendance) : words(s.status)),
    },
  ];
}

type Note = RecordBookData['notes'][number];

const NOTE_COLUMNS: Column<Note>[] = [
  { header: 'Date', width: 52, cell: (n) => formatDate(n.createdAt) },
  { header: 'By', width: 80, cell: (n) => n.authorName },
  {
    header: 'Kind',
    width: 70,
    cell: (n) => ({
      stack: [
        { text: words(n.category) },
        ...(n.visibility === 'RESTRICTED'
          ? [{ text: 'RESTRICTED', bold: true, color: COLOR.high, fontSize: 7 }]
          : []),
      ],
      style: 'td',
    }),
  },
  { header: 'Note', width: '*', cell: (n) => n.body },
];

function signatures(book: RecordBook, width: number): Content {
  const block = (role: string, name: string | null): Content => ({
    stack: [
      { text: ' ', margin: [0, 18, 0, 0] },
      {
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: (width - 40) / 3, y2: 0, lineWidth: 0.6, lineColor: COLOR.ink },
        ],
      },
      { text: role, bold: true, margin: [0, 3, 0, 0] },
      { text: name ?? 'Name: ______________________', style: 'small' },
      { text: 'Date: ____ / ____ / ________', style: 'small', margin: [0, 2, 0, 0] },
    ],
  });
  return {
    unbreakable: true,
    stack: [
      sectionHeading('Signatures', width, 'Reviewed and signed at the end of the semester.'),
      {
        columns: [
          block('Mentor', book.currentMentor),
          block('Head of Department', null),
          block('Parent / Guardian', null),
        ],
        columnGap: 20,
      },
    ],
  };
}

/**
 * One book: its own title block (a batch has one letterhead, on page 1), then every section. A book
 * after the first starts a page of its own as a pdfmake section (see buildRecordBooks).
 */
export function recordBookContent(book: RecordBook, first: boolean, printedAt: string): Content[] {
  const w = contentWidth('portrait');
  const p = book.profile;
  const content: Content[] = [
    {
      stack: [
        { text: p.name, style: 'title' },
        {
          text: [
            'Mentor Record Book',
            p.rollNumber,
            p.program,
            p.yearOfStudy ? `Year ${p.yearOfStudy}` : null,
          ]
            .filter(Boolean)
            .join(' · '),
          style: 'subtitle',
        },
        { text: `As of ${formatDateTime(printedAt)}`, style: 'small' },
      ],
      margin: [0, first ? 6 : 0, 0, 0],
    },
    sectionHeading('Profile and academics', w),
    profilePanel(book, w),
    ...section(
      'Mentor history',
      w,
      assignmentColumns(book.showSummary),
      book.assignments,
      'No mentor on record.',
    ),
    ...section('Sessions', w, sessionColumns(book), book.sessions, 'No sessions on record.'),
    ...section('Goals', w, GOAL_COLUMNS, book.goals, 'No goals on record.'),
  ];
  if (book.alerts) content.push(...section('Alerts', w, ALERT_COLUMNS, book.alerts, 'No alerts on record.'));
  content.push(
    ...section(
      'Feedback',
      w,
      FEEDBACK_COLUMNS,
      book.feedback,
      'No feedback on record.',
      'Only feedback the reader of this copy may see is included.',
    ),
    ...section(
      'Staff notes',
      w,
      NOTE_COLUMNS,
      book.notes,
      'No notes on record.',
      'Only notes the reader of this copy may read are included.',
    ),
    signatures(book, w),
  );
  return content;
}

// A batch prints as many paper books: every page after the first names its book's student, so a
// page that comes loose finds its book again. Books after the first are root-level pdfmake sections
// (each starts a new page and carries its own running header, inherited by its overflow pages); the
// first book's later pages use the document's running header, which names that student.
export function buildRecordBooks(header: ReportHeader, books: RecordBook[]): ReportDocument {
  const w = contentWidth('portrait');
  const headerOf = (b: RecordBook): Content =>
    runningHeader({ ...header, title: `Record book of ${b.profile.name} · ${b.profile.rollNumber}` }, w);
  const content: Content[] = books.flatMap((b, i) => {
    const book = recordBookContent(b, i === 0, header.generatedAt);
    return i === 0 ? book : [{ section: book, header: headerOf(b) }];
  });
  if (books.length === 0) content.push(emptyNote('No students.'));
  const doc = reportDocument(header, content, 'portrait');
  return books[0] ? { ...doc, frame: { ...doc.frame, runningHeader: headerOf(books[0]) } } : doc;
}

import type { Content } from 'pdfmake/interfaces';
import type { ReportFile } from '../../shared/contract/reports.contract.ts';
import type { AuthedContext } from '../context.ts';
import { officeDb } from '../db/office.tables.ts';
import { notFound } from '../errors.ts';
import { formatDate, personName, slug } from '../reports/format.ts';
import { A4, MARGIN, letterhead, type ReportDocument, type ReportHeader } from '../reports/frame.ts';
import { PAGE_TOKEN, PAGES_TOKEN } from '../reports/pdf-render.mjs';
import { produce } from '../reports/reports.service.ts';
import { COLOR, DEFAULT_STYLE, STYLES } from '../reports/theme.ts';
import { scopeGuardianRows } from '../scope/index.ts';
import { fillTemplate, type LetterValues } from './letter-fill.ts';
import { studentInScope } from './guardians.service.ts';
import { templateInScope } from './letters.service.ts';

// A letter to a student's parent or guardian: the institution's letterhead, date, addressee,
// subject, the template's text filled from the student's records, and the sender's signature block.

const number = (n: number | null): string =>
  n === null ? 'not recorded' : String(Math.round(Number(n) * 100) / 100);

async function letterValues(ctx: AuthedContext, studentId: string, guardianId: string | undefined) {
  const s = await ctx.db
    .selectFrom('student_profiles as sp')
    .innerJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .innerJoin('departments as d', 'd.id', 'u.departmentId')
    .innerJoin('institutions as i', 'i.id', 'd.institutionId')
    .select([
      'p.firstName',
      'p.lastName',
      'p.title',
      'sp.rollNumber',
      'sp.program',
      'sp.yearOfStudy',
      'sp.attendancePct',
      'sp.gpa',
      'd.name as department',
      'i.name as institution',
      'i.code as institutionCode',
      'i.address',
    ])
    .where('sp.userId', '=', studentId)
    .executeTakeFirst();
  if (!s) throw notFound('The student');
  let gq = officeDb(ctx.db)
    .selectFrom('guardian_contacts as g')
    .select(['g.name', 'g.relation'])
    .where('g.studentId', '=', studentId)
    .where(scopeGuardianRows(ctx.actor, 'g'));
  gq = guardianId ? gq.where('g.id', '=', guardianId) : gq.orderBy('g.name').orderBy('g.id');
  const guardian = await gq.executeTakeFirst();
  if (guardianId && !guardian) throw notFound('The guardian contact');
  const mentor = await ctx.db
    .selectFrom('mentor_assignments as a')
    .innerJoin('user_profiles as p', 'p.userId', 'a.mentorId')
    .select(['p.firstName', 'p.lastName', 'p.title'])
    .where('a.studentId', '=', studentId)
    .where('a.status', '=', 'ACTIVE')
    .orderBy('a.assignedAt', 'desc')
    .executeTakeFirst();
  const sender = await ctx.db
    .selectFrom('user_profiles')
    .select(['firstName', 'lastName', 'title'])
    .where('userId', '=', ctx.actor.userId)
    .executeTakeFirst();
  const values: LetterValues = {
    'student.name': personName(s),
    'student.firstName': s.firstName,
    'student.rollNumber': s.rollNumber,
    'student.program': s.program ?? '',
    'student.year': s.yearOfStudy === null ? '' : String(s.yearOfStudy),
    attendancePct: number(s.attendancePct),
    gpa: number(s.gpa),
    'guardian.name': guardian?.name ?? 'Parent/Guardian',
    'guardian.relation': guardian?.relation ?? 'Parent/Guardian',
    'mentor.name': mentor ? personName(mentor) : 'the mentor',
    'department.name': s.department,
    'institution.name': s.institution,
    today: formatDate(ctx.now),
  };
  return {
    values,
    institution: { name: s.institution, code: s.institutionCode, address: s.address },
    department: s.department,
    sender: sender ? personName(sender) : ctx.actor.email,
  };
}

export function buildLetter(
  h: ReportHeader,
  l: { subject: string; body: string; values: LetterValues; sender: string; senderRole: string },
): ReportDocument {
  const width = A4.portrait.width - 2 * MARGIN.side;
  const paragraphs = l.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map<Content>((p) => ({ text: p, margin: [0, 0, 0, 8], lineHeight: 1.35, fontSize: 10 }));
  return {
    pageSize: 'A4',
    pageMargins: [MARGIN.side + 20, MARGIN.top, MARGIN.side + 20, MARGIN.bottom],
    info: { title: l.subject, author: l.sender, creator: 'SMMS Desktop', producer: 'SMMS Desktop (pdfmake)' },
    defaultStyle: DEFAULT_STYLE,
    styles: STYLES,
    // Plain data (the PDF is drawn on the render worker): the page tokens are filled in per page.
    frame: {
      runningHeader: null,
      footer: {
        text: `Page ${PAGE_TOKEN} of ${PAGES_TOKEN}`,
        style: 'small',
        alignment: 'right',
        margin: [MARGIN.side, 14, MARGIN.side, 0],
      },
    },
    content: [
      letterhead(h, width - 40),
      { text: l.values.today, alignment: 'right', margin: [0, 14, 0, 10], fontSize: 10 },
      {
        stack: [
          { text: 'To', fontSize: 10 },
          { text: l.values['guardian.name'], bold: true, fontSize: 10 },
          {
            text: `${l.values['guardian.relation']} of ${l.values['student.name']} (${l.values['student.rollNumber']})`,
            fontSize: 10,
          },
        ],
        margin: [0, 0, 0, 12],
      },
      { text: `Subject: ${l.subject}`, bold: true, fontSize: 10, margin: [0, 0, 0, 12], color: COLOR.navy },
      { text: `Dear ${l.values['guardian.name']},`, fontSize: 10, margin: [0, 0, 0, 8] },
      ...paragraphs,
      {
        unbreakable: true,
        margin: [0, 18, 0, 0],
        stack: [
          { text: 'Yours sincerely,', fontSize: 10 },
          {
            canvas: [{ type: 'line', x1: 0, y1: 34, x2: 160, y2: 34, lineWidth: 0.6, lineColor: COLOR.ink }],
          },
          { text: l.sender, bold: true, fontSize: 10, margin: [0, 3, 0, 0] },
          { text: `${l.senderRole}, ${h.department}`, fontSize: 9 },
        ],
      },
    ],
  };
}

const ROLE_WORD: Record<string, string> = {
  MENTOR: 'Mentor',
  DEPARTMENT_ADMIN: 'Head of Department',
  INSTITUTION_ADMIN: 'Institution administrator',
  SUPER_ADMIN: 'Administrator',
  STUDENT: 'Student',
};

export async function printLetter(
  ctx: AuthedContext,
  input: { templateId: string; studentId: string; guardianId?: string },
): Promise<ReportFile> {
  return produce(ctx, undefined, async () => {
    const template = await templateInScope(ctx, input.templateId);
    await studentInScope(ctx, input.studentId);
    const data = await letterValues(ctx, input.studentId, input.guardianId);
    const h: ReportHeader = {
      institution: data.institution,
      department: data.department,
      title: template.subject,
      period: null,
      generatedBy: data.sender,
      generatedAt: ctx.now,
      confidential: false,
    };
    const doc = buildLetter(h, {
      subject: fillTemplate(template.subject, data.values),
      body: fillTemplate(template.body, data.values),
      values: data.values,
      sender: data.sender,
      senderRole: ROLE_WORD[ctx.actor.role] ?? '',
    });
    return {
      doc,
      fileName: `letter_${slug(template.name)}_${slug(data.values['student.rollNumber'])}.pdf`,
    };
  });
}

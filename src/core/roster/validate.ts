import { z } from 'zod';
import { emailKey, rollKey } from './duplicates.ts';
import { fetchExisting, judgeMentor, judgeStudent } from './existing.ts';
import {
  isEmpty,
  parseAttendance,
  parseEmail,
  parseGpa,
  parseMaxMentees,
  parseName,
  parseOptionalEmail,
  parsePhone,
  parseProgram,
  parseRollNumber,
  parseText,
  parseYearOfStudy,
  type Parsed,
} from './fields.ts';
import { runValidation, type CellOf } from './validate-engine.ts';
import type { ColumnMapping, MentorField, StudentField } from './mapping.ts';
import type { CellValue, RosterTable } from './roster.types.ts';
import type { MentorImportRow, RosterLookup, RosterValidation, StudentImportRow } from './validate.types.ts';

type Cell = CellValue | undefined;

/** A zod step around one field parser, so the parser's sentence becomes the zod issue's message. */
const step = <I, T>(parse: (input: I) => Parsed<T>) =>
  z.custom<I>().transform((input, ctx): T => {
    const r = parse(input);
    if (r.ok) return r.value;
    ctx.addIssue({ code: 'custom', message: r.message });
    return z.NEVER;
  });

const nameStep = step((n: { first: Cell; last: Cell; full: Cell }) => parseName(n.first, n.last, n.full));
const nameInput = (cell: CellOf): { first: Cell; last: Cell; full: Cell } => ({
  first: cell('firstName'),
  last: cell('lastName'),
  full: cell('fullName'),
});
const nameColumn = (mapping: ColumnMapping<StudentField | MentorField>, cell: CellOf): string | undefined =>
  !isEmpty(cell('firstName')) ? mapping.firstName : (mapping.fullName ?? mapping.firstName);

const studentSchema = (knownPrograms: readonly string[] | undefined) =>
  z.object({
    rollNumber: step(parseRollNumber),
    email: step((v: Cell) => parseEmail(v)),
    name: nameStep,
    phone: step(parsePhone),
    program: step((v: Cell) => parseProgram(v, knownPrograms)),
    year: step((y: { year: Cell; semester: Cell }) => parseYearOfStudy(y.year, y.semester)),
    gpa: step(parseGpa),
    attendancePct: step(parseAttendance),
    mentorEmail: step((v: Cell) => parseOptionalEmail(v, 'Mentor email')),
  });
type StudentData = z.output<ReturnType<typeof studentSchema>>;

export interface StudentValidationOptions {
  mapping: ColumnMapping<StudentField>;
  /** The department's programs; a row's program must be one of them. Absent: any program. */
  knownPrograms?: readonly string[];
  lookup: RosterLookup;
  /** The importing department: roll numbers, emails and mentors elsewhere are refused. */
  departmentId?: string;
}

/** Checks every row of a student roster; valid rows come back typed for the commit step. */
export async function validateStudentRoster(
  table: RosterTable,
  options: StudentValidationOptions,
): Promise<RosterValidation<StudentImportRow>> {
  const { mapping } = options;
  return runValidation<StudentData, StudentImportRow>(table, {
    mapping,
    required: ['rollNumber', 'email', ['fullName', 'firstName']],
    schema: studentSchema(options.knownPrograms),
    input: (cell) => ({
      rollNumber: cell('rollNumber'),
      email: cell('email'),
      name: nameInput(cell),
      phone: cell('phone'),
      program: cell('program'),
      year: { year: cell('yearOfStudy'), semester: cell('semester') },
      gpa: cell('gpa'),
      attendancePct: cell('attendancePct'),
      mentorEmail: cell('mentorEmail'),
    }),
    columnFor: (key, cell) => {
      if (key === 'name') return nameColumn(mapping, cell);
      if (key === 'year')
        return !isEmpty(cell('yearOfStudy'))
          ? mapping.yearOfStudy
          : (mapping.semester ?? mapping.yearOfStudy);
      return mapping[key as StudentField];
    },
    duplicates: [
      { field: 'rollNumber', label: 'Roll number', key: rollKey },
      { field: 'email', label: 'Email', key: emailKey },
    ],
    judge: async (rows) => {
      const emails = rows.flatMap((r) => (r.mentorEmail ? [r.email, r.mentorEmail] : [r.email]));
      const existing = await fetchExisting(
        options.lookup,
        rows.map((r) => r.rollNumber),
        emails,
      );
      return rows.map((r) => judgeStudent(r, existing, options.departmentId));
    },
    build: (row, d, verdict) => ({
      row,
      action: verdict.action,
      existingUserId: verdict.existingUserId,
      rollNumber: d.rollNumber,
      email: d.email,
      firstName: d.name.firstName,
      lastName: d.name.lastName,
      ...defined({
        phone: d.phone,
        program: d.program,
        yearOfStudy: d.year,
        gpa: d.gpa,
        attendancePct: d.attendancePct,
        mentorEmail: d.mentorEmail,
        mentorUserId: verdict.mentorUserId,
      }),
    }),
  });
}

const mentorSchema = z.object({
  email: step((v: Cell) => parseEmail(v)),
  name: nameStep,
  phone: step(parsePhone),
  designation: step((v: Cell) => parseText(v, 'Designation', 100)),
  specialization: step((v: Cell) => parseText(v, 'Specialization', 255)),
  maxMentees: step(parseMaxMentees),
});
type MentorData = z.output<typeof mentorSchema>;

export interface MentorValidationOptions {
  mapping: ColumnMapping<MentorField>;
  lookup: RosterLookup;
  departmentId?: string;
}

/** Checks every row of a mentor roster (users + mentor_profiles). */
export async function validateMentorRoster(
  table: RosterTable,
  options: MentorValidationOptions,
): Promise<RosterValidation<MentorImportRow>> {
  const { mapping } = options;
  return runValidation<MentorData, MentorImportRow>(table, {
    mapping,
    required: ['email', ['fullName', 'firstName']],
    schema: mentorSchema,
    input: (cell) => ({
      email: cell('email'),
      name: nameInput(cell),
      phone: cell('phone'),
      designation: cell('designation'),
      specialization: cell('specialization'),
      maxMentees: cell('maxMentees'),
    }),
    columnFor: (key, cell) => (key === 'name' ? nameColumn(mapping, cell) : mapping[key as MentorField]),
    duplicates: [{ field: 'email', label: 'Email', key: emailKey }],
    judge: async (rows) => {
      const existing = await fetchExisting(
        options.lookup,
        [],
        rows.map((r) => r.email),
      );
      return rows.map((r) => judgeMentor(r, existing, options.departmentId));
    },
    build: (row, d, verdict) => ({
      row,
      action: verdict.action,
      existingUserId: verdict.existingUserId,
      email: d.email,
      firstName: d.name.firstName,
      lastName: d.name.lastName,
      ...defined({
        title: d.name.title,
        phone: d.phone,
        designation: d.designation,
        specialization: d.specialization,
        maxMentees: d.maxMentees,
      }),
    }),
  });
}

/** Drops undefined keys so "not given" is absent, not present-but-undefined, in the typed row. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

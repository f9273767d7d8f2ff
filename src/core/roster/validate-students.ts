import { z } from 'zod';
import { emailKey, rollKey } from './duplicates.ts';
import { fetchExisting, judgeStudent, type DbVerdict } from './existing.ts';
import {
  isEmpty,
  parseAttendance,
  parseEmail,
  parseGpa,
  parseOptionalEmail,
  parsePhone,
  parseProgram,
  parseRollNumber,
  parseYearOfStudy,
} from './fields.ts';
import { runValidation, type CellOf } from './validate-engine.ts';
import { checksKey, defined, nameColumn, nameInput, nameStep, step, type Cell } from './validate-steps.ts';
import type { ColumnMapping, StudentField } from './mapping.ts';
import type { RosterTable } from './roster.types.ts';
import type { RosterLookup, RosterValidation, StudentImportRow } from './validate.types.ts';

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

const studentInput = (cell: CellOf): Record<keyof StudentData, unknown> => ({
  rollNumber: cell('rollNumber'),
  email: cell('email'),
  name: nameInput(cell),
  phone: cell('phone'),
  program: cell('program'),
  year: { year: cell('yearOfStudy'), semester: cell('semester') },
  gpa: cell('gpa'),
  attendancePct: cell('attendancePct'),
  mentorEmail: cell('mentorEmail'),
});

function studentColumn(mapping: ColumnMapping<StudentField>, key: string, cell: CellOf): string | undefined {
  if (key === 'name') return nameColumn(mapping, cell);
  if (key === 'year') {
    return !isEmpty(cell('yearOfStudy')) ? mapping.yearOfStudy : (mapping.semester ?? mapping.yearOfStudy);
  }
  return mapping[key as StudentField];
}

const buildStudent = (row: number, d: StudentData, verdict: DbVerdict): StudentImportRow => ({
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
});

/** Checks every row of a student roster; valid rows come back typed for the commit step. */
export async function validateStudentRoster(
  table: RosterTable,
  options: StudentValidationOptions,
): Promise<RosterValidation<StudentImportRow>> {
  const { mapping, lookup, departmentId } = options;
  return runValidation<StudentData, StudentImportRow>(table, {
    mapping,
    required: ['rollNumber', 'email', ['fullName', 'firstName']],
    schema: studentSchema(options.knownPrograms),
    input: studentInput,
    columnFor: (key, cell) => studentColumn(mapping, key, cell),
    duplicates: [
      { field: 'rollNumber', label: 'Roll number', key: rollKey },
      { field: 'email', label: 'Email', key: emailKey },
    ],
    judge: async (rows) => {
      const emails = rows.flatMap((r) => (r.mentorEmail ? [r.email, r.mentorEmail] : [r.email]));
      const existing = await fetchExisting(
        lookup,
        rows.map((r) => r.rollNumber),
        emails,
      );
      return rows.map((r) => judgeStudent(r, existing, departmentId));
    },
    build: buildStudent,
    cacheKey: checksKey('students', mapping, options.knownPrograms),
  });
}

import { z } from 'zod';
import { emailKey } from './duplicates.ts';
import { fetchExisting, judgeMentor, type DbVerdict } from './existing.ts';
import { parseEmail, parseMaxMentees, parsePhone, parseText } from './fields.ts';
import { runValidation, type CellOf } from './validate-engine.ts';
import { checksKey, defined, nameColumn, nameInput, nameStep, step, type Cell } from './validate-steps.ts';
import type { ColumnMapping, MentorField } from './mapping.ts';
import type { RosterTable } from './roster.types.ts';
import type { MentorImportRow, RosterLookup, RosterValidation } from './validate.types.ts';

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
  /** The importing department: a mentor account of another department is refused. */
  departmentId?: string;
}

const mentorInput = (cell: CellOf): Record<keyof MentorData, unknown> => ({
  email: cell('email'),
  name: nameInput(cell),
  phone: cell('phone'),
  designation: cell('designation'),
  specialization: cell('specialization'),
  maxMentees: cell('maxMentees'),
});

const buildMentor = (row: number, d: MentorData, verdict: DbVerdict): MentorImportRow => ({
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
});

/** Checks every row of a mentor roster (users + user_profiles + mentor_profiles). */
export async function validateMentorRoster(
  table: RosterTable,
  options: MentorValidationOptions,
): Promise<RosterValidation<MentorImportRow>> {
  const { mapping, lookup, departmentId } = options;
  return runValidation<MentorData, MentorImportRow>(table, {
    mapping,
    required: ['email', ['fullName', 'firstName']],
    schema: mentorSchema,
    input: mentorInput,
    columnFor: (key, cell) => (key === 'name' ? nameColumn(mapping, cell) : mapping[key as MentorField]),
    duplicates: [{ field: 'email', label: 'Email', key: emailKey }],
    judge: async (rows) => {
      const existing = await fetchExisting(
        lookup,
        [],
        rows.map((r) => r.email),
      );
      return rows.map((r) => judgeMentor(r, existing, departmentId));
    },
    build: buildMentor,
    cacheKey: checksKey('mentors', mapping),
  });
}

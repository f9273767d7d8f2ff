import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { FIELD_LABELS, type ColumnMapping, type MentorField, type StudentField } from './mapping.ts';
import type { MentorImportRow, StudentImportRow } from './validate.types.ts';

// What a valid row does to the database: create an account, update the mapped fields that differ
// (before → after), or nothing. "Only mapped fields": a column the user did not map, or a cell left
// empty, never changes what is stored.

export type Scalar = string | number | null;
export type RowAction = 'create' | 'update' | 'unchanged';

/** A changeable column: a roster field, or the honorific a "Dr. …" name cell carries. */
export type ChangeField = StudentField | MentorField | 'title';

const LABELS: Record<ChangeField, string> = { ...FIELD_LABELS, title: 'Title' };

export interface FieldChange {
  field: ChangeField;
  label: string;
  before: Scalar;
  after: Scalar;
}

export interface PlannedRow<T> {
  data: T;
  action: RowAction;
  changes: FieldChange[];
  notes: string[];
}

interface StoredStudent {
  userId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  program: string | null;
  yearOfStudy: number | null;
  gpa: number | null;
  attendancePct: number | null;
}

interface StoredMentor {
  userId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  title: string | null;
  designation: string | null;
  specialization: string | null;
  maxMentees: number | null;
}

const BATCH = 500;

async function byIds<T extends { userId: string }>(
  ids: readonly string[],
  fetch: (batch: string[]) => Promise<T[]>,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH) {
    for (const r of await fetch(unique.slice(i, i + BATCH))) out.set(r.userId, r);
  }
  return out;
}

export function storedStudents(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, StoredStudent>> {
  return byIds(ids, (batch) =>
    db
      .selectFrom('users as u')
      .innerJoin('student_profiles as sp', 'sp.userId', 'u.id')
      .leftJoin('user_profiles as p', 'p.userId', 'u.id')
      .select(['u.id as userId', 'u.email', 'p.firstName', 'p.lastName', 'p.phone'])
      .select(['sp.program', 'sp.yearOfStudy', 'sp.gpa', 'sp.attendancePct'])
      .where('u.id', 'in', batch)
      .execute(),
  );
}

export function storedMentors(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, StoredMentor>> {
  return byIds(ids, (batch) =>
    db
      .selectFrom('users as u')
      .leftJoin('user_profiles as p', 'p.userId', 'u.id')
      .leftJoin('mentor_profiles as mp', 'mp.userId', 'u.id')
      .select(['u.id as userId', 'u.email', 'p.firstName', 'p.lastName', 'p.phone', 'p.title'])
      .select(['mp.designation', 'mp.specialization', 'mp.maxMentees'])
      .where('u.id', 'in', batch)
      .execute(),
  );
}

// Phones are compared digits-only: "98450 12345" stored by hand equals the imported "9845012345".
const comparable = (field: string, v: Scalar): Scalar =>
  field === 'phone' && typeof v === 'string' ? v.replace(/[\s().-]/g, '') : v;

type Candidate = [field: ChangeField, after: Scalar | undefined, before: Scalar];

function diff(candidates: Candidate[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, after, before] of candidates) {
    if (after === undefined || comparable(field, after) === comparable(field, before)) continue;
    out.push({ field, label: LABELS[field], before, after });
  }
  return out;
}

/**
 * The name columns count only when mapped; an empty last name (a one-word "Name" cell, an empty
 * "Last name" cell) is "not given", so a stored surname is never erased by an import.
 */
function nameCandidates(
  mapping: ColumnMapping<StudentField | MentorField>,
  row: { firstName: string; lastName: string },
  stored: { firstName: string | null; lastName: string | null },
): Candidate[] {
  const first = mapping.firstName || mapping.fullName ? row.firstName : undefined;
  const last = (mapping.lastName || mapping.fullName) && row.lastName !== '' ? row.lastName : undefined;
  return [
    ['firstName', first, stored.firstName],
    ['lastName', last, stored.lastName],
  ];
}

function planned<T>(data: T, changes: FieldChange[] | null): PlannedRow<T> {
  if (changes === null) return { data, action: 'create', changes: [], notes: [] };
  return { data, action: changes.length > 0 ? 'update' : 'unchanged', changes, notes: [] };
}

export async function planStudents(
  db: Kysely<Database>,
  mapping: ColumnMapping<StudentField>,
  rows: readonly StudentImportRow[],
): Promise<PlannedRow<StudentImportRow>[]> {
  const stored = await storedStudents(
    db,
    rows.flatMap((r) => (r.existingUserId ? [r.existingUserId] : [])),
  );
  return rows.map((r) => {
    const s = r.existingUserId ? stored.get(r.existingUserId) : undefined;
    if (!s) return planned(r, null);
    return planned(
      r,
      diff([
        ['email', r.email, s.email],
        ...nameCandidates(mapping, r, s),
        ['phone', r.phone, s.phone],
        ['program', r.program, s.program],
        ['yearOfStudy', r.yearOfStudy, s.yearOfStudy],
        ['gpa', r.gpa, s.gpa],
        ['attendancePct', r.attendancePct, s.attendancePct],
      ]),
    );
  });
}

export async function planMentors(
  db: Kysely<Database>,
  mapping: ColumnMapping<MentorField>,
  rows: readonly MentorImportRow[],
): Promise<PlannedRow<MentorImportRow>[]> {
  const stored = await storedMentors(
    db,
    rows.flatMap((r) => (r.existingUserId ? [r.existingUserId] : [])),
  );
  return rows.map((r) => {
    const s = r.existingUserId ? stored.get(r.existingUserId) : undefined;
    if (!s) return planned(r, null);
    return planned(
      r,
      diff([
        ['email', r.email, s.email],
        ...nameCandidates(mapping, r, s),
        ['title', r.title, s.title],
        ['phone', r.phone, s.phone],
        ['designation', r.designation, s.designation],
        ['specialization', r.specialization, s.specialization],
        ['maxMentees', r.maxMentees, s.maxMentees],
      ]),
    );
  });
}

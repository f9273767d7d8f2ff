import type { RoleName } from '../../shared/domain/enums.ts';

/** One problem in one cell, worded for the office clerk who will fix the sheet. */
export interface RowProblem {
  /** Row number as the user sees it in Excel. */
  row: number;
  /** The column's header as written in the file. */
  column: string;
  /** The cell as the user sees it ('' when empty). */
  value: string;
  message: string;
}

export interface ExistingStudent {
  userId: string;
  /** Upper-cased as stored. */
  rollNumber: string;
  email: string;
  departmentId: string | null;
}

export interface ExistingAccount {
  userId: string;
  /** Lower-cased as stored. */
  email: string;
  role: RoleName;
  departmentId: string | null;
  /** The student's roll number when role is STUDENT. */
  rollNumber: string | null;
}

/**
 * What validation needs from the database; the users service implements it. Called with at most
 * LOOKUP_BATCH keys at a time, already normalised (roll numbers upper-case, emails lower-case);
 * returns only the records that exist, in any order. Students are looked up across all
 * departments so a roll number or email taken elsewhere is caught before the unique key is hit.
 */
export interface RosterLookup {
  existingByRoll(rollNumbers: readonly string[]): Promise<ExistingStudent[]>;
  existingByEmail(emails: readonly string[]): Promise<ExistingAccount[]>;
}

export const LOOKUP_BATCH = 500;

/** For checking a file on its own (nothing exists yet): every valid row is a "create". */
export const NO_EXISTING_RECORDS: RosterLookup = {
  existingByRoll: async () => [],
  existingByEmail: async () => [],
};

export type ImportAction = 'create' | 'update';

interface ImportRowBase {
  row: number;
  action: ImportAction;
  /** The matched user when action is "update". */
  existingUserId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  // Optional fields are undefined when the column is not mapped or the cell is empty: the commit
  // step leaves the stored value alone on update and uses the column default on create.
  phone?: string;
}

export interface StudentImportRow extends ImportRowBase {
  rollNumber: string;
  program?: string;
  yearOfStudy?: number;
  gpa?: number;
  attendancePct?: number;
  /** Lower-cased; validated to be a mentor of the department when a lookup is given. */
  mentorEmail?: string;
  /** The mentor's user id, resolved through the lookup. */
  mentorUserId?: string;
}

export interface MentorImportRow extends ImportRowBase {
  /** "Dr.", "Prof." taken off the front of a full name, for user_profiles.title. */
  title?: string;
  designation?: string;
  specialization?: string;
  maxMentees?: number;
}

export interface RosterValidation<T> {
  /** Rows without any problem, typed for the commit step, in file order. */
  valid: T[];
  /** Sorted by row, then by column position in the file. */
  problems: RowProblem[];
  /** Row numbers with at least one problem, ascending. */
  rejectedRows: number[];
  /** Required fields with no column chosen; when not empty, no row was checked. */
  mappingProblems: string[];
  counts: { rows: number; valid: number; rejected: number; create: number; update: number };
}

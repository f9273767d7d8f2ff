import type { Kysely } from 'kysely';
import type { AvailabilityStatus } from '../../shared/domain/enums.ts';
import { bulkInsert } from '../db/bulk-insert.ts';
import type { Database } from '../db/schema.ts';

// Inserts and updates of user rows. Callers have already checked scope and management rights;
// every function sets updatedAt (the seed's @updatedAt has no database default).

export interface NewUser {
  id: string;
  email: string;
  roleId: number;
  institutionId: string | null;
  departmentId: string | null;
  passwordHash: string;
  status: 'ACTIVE' | 'INVITED';
  firstName: string;
  lastName: string;
  title: string | null;
  phone: string | null;
}

// Multi-row inserts in chunks (db/bulk-insert.ts): a roster import creates thousands of accounts in
// one transaction, and one statement per chunk is what keeps that within seconds.

/** Accounts with their user_profiles rows (users:create one at a time, roster imports in bulk). */
export async function insertUsers(
  db: Kysely<Database>,
  users: readonly NewUser[],
  now: string,
): Promise<void> {
  const stamp = { createdAt: now, updatedAt: now };
  await bulkInsert(
    db,
    'users',
    users.map((u) => ({
      id: u.id,
      email: u.email,
      roleId: u.roleId,
      institutionId: u.institutionId,
      departmentId: u.departmentId,
      passwordHash: u.passwordHash,
      status: u.status,
      lastLoginAt: null,
      ...stamp,
    })),
  );
  await bulkInsert(
    db,
    'user_profiles',
    users.map((u) => ({
      userId: u.id,
      firstName: u.firstName,
      lastName: u.lastName,
      phone: u.phone,
      title: u.title,
      avatarUrl: null,
      bio: null,
      ...stamp,
    })),
  );
}

export async function insertUser(db: Kysely<Database>, u: NewUser, now: string): Promise<void> {
  await insertUsers(db, [u], now);
}

export interface NewStudentProfile {
  rollNumber: string;
  program?: string | null;
  yearOfStudy?: number | null;
  gpa?: number | null;
  attendancePct?: number | null;
}

export async function insertStudentProfiles(
  db: Kysely<Database>,
  profiles: readonly (NewStudentProfile & { userId: string })[],
  now: string,
): Promise<void> {
  await bulkInsert(
    db,
    'student_profiles',
    profiles.map((p) => ({
      userId: p.userId,
      rollNumber: p.rollNumber,
      program: p.program ?? null,
      yearOfStudy: p.yearOfStudy ?? null,
      gpa: p.gpa ?? null,
      attendancePct: p.attendancePct ?? null,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

export async function insertStudentProfile(
  db: Kysely<Database>,
  userId: string,
  p: NewStudentProfile,
  now: string,
): Promise<void> {
  await insertStudentProfiles(db, [{ ...p, userId }], now);
}

export interface MentorProfileFields {
  designation?: string | null;
  specialization?: string | null;
  maxMentees?: number;
  capacityDefault?: number;
  availabilityStatus?: AvailabilityStatus;
}

/** The seed's column defaults for mentor_profiles (SCHEMA.md). */
export const MENTOR_DEFAULTS = {
  maxMentees: 15,
  capacityDefault: 10,
  availabilityStatus: 'AVAILABLE',
} as const;

/** Mentor profiles for new mentor accounts; unset fields take the column defaults. */
export async function insertMentorProfiles(
  db: Kysely<Database>,
  profiles: readonly (MentorProfileFields & { userId: string })[],
  now: string,
): Promise<void> {
  await bulkInsert(
    db,
    'mentor_profiles',
    profiles.map((p) => ({
      userId: p.userId,
      designation: p.designation ?? null,
      specialization: p.specialization ?? null,
      // Every row names the same columns (one multi-row statement): defaults are spelled out.
      maxMentees: p.maxMentees ?? MENTOR_DEFAULTS.maxMentees,
      capacityDefault: p.capacityDefault ?? MENTOR_DEFAULTS.capacityDefault,
      availabilityStatus: p.availabilityStatus ?? MENTOR_DEFAULTS.availabilityStatus,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

/** Creates the mentor profile if the user has none (a new mentor, or a role change to MENTOR). */
export async function ensureMentorProfile(
  db: Kysely<Database>,
  userId: string,
  p: MentorProfileFields,
  now: string,
): Promise<void> {
  const exists = await db
    .selectFrom('mentor_profiles')
    .select('userId')
    .where('userId', '=', userId)
    .executeTakeFirst();
  if (exists) return;
  await insertMentorProfiles(db, [{ ...p, userId }], now);
}

export interface UserAccountChanges {
  email?: string;
  roleId?: number;
  institutionId?: string | null;
  departmentId?: string | null;
  status?: 'ACTIVE' | 'DISABLED' | 'INVITED';
}

export async function updateUserAccount(
  db: Kysely<Database>,
  id: string,
  changes: UserAccountChanges,
  now: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export interface ProfileChanges {
  firstName?: string;
  lastName?: string;
  phone?: string | null;
  title?: string | null;
  bio?: string | null;
  avatarUrl?: string | null;
}

/**
 * The current values of these profile fields (null where the user has no profile row): the audit's
 * "before" of an own-profile edit, by primary key rather than through the user detail's seven joins
 * and scope test, which the edit of one's own row does not need.
 */
export async function profileValues(
  db: Kysely<Database>,
  userId: string,
  keys: readonly (keyof ProfileChanges)[],
): Promise<Record<string, unknown>> {
  if (keys.length === 0) return {};
  const row = await db
    .selectFrom('user_profiles')
    .select(keys)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Object.fromEntries(keys.map((k) => [k, row?.[k] ?? null]));
}

export async function updateProfile(
  db: Kysely<Database>,
  userId: string,
  changes: ProfileChanges,
  now: string,
): Promise<void> {
  await db
    .updateTable('user_profiles')
    .set({ ...changes, updatedAt: now })
    .where('userId', '=', userId)
    .execute();
}

/** Only the newest code works: issuing a new one removes the user's unused ones. */
export async function replaceResetCode(
  db: Kysely<Database>,
  row: { id: string; userId: string; tokenHash: string; expiresAt: string; createdAt: string },
): Promise<void> {
  await db
    .deleteFrom('password_resets')
    .where('userId', '=', row.userId)
    .where('usedAt', 'is', null)
    .execute();
  await db
    .insertInto('password_resets')
    .values({ ...row, usedAt: null })
    .execute();
}

import type { Kysely } from 'kysely';
import type { AvailabilityStatus } from '../../shared/domain/enums.ts';
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

export async function insertUser(db: Kysely<Database>, u: NewUser, now: string): Promise<void> {
  const stamp = { createdAt: now, updatedAt: now };
  await db
    .insertInto('users')
    .values({
      id: u.id,
      email: u.email,
      roleId: u.roleId,
      institutionId: u.institutionId,
      departmentId: u.departmentId,
      passwordHash: u.passwordHash,
      status: u.status,
      lastLoginAt: null,
      ...stamp,
    })
    .execute();
  await db
    .insertInto('user_profiles')
    .values({
      userId: u.id,
      firstName: u.firstName,
      lastName: u.lastName,
      phone: u.phone,
      title: u.title,
      avatarUrl: null,
      bio: null,
      ...stamp,
    })
    .execute();
}

export interface NewStudentProfile {
  rollNumber: string;
  program?: string | null;
  yearOfStudy?: number | null;
}

export async function insertStudentProfile(
  db: Kysely<Database>,
  userId: string,
  p: NewStudentProfile,
  now: string,
): Promise<void> {
  await db
    .insertInto('student_profiles')
    .values({
      userId,
      rollNumber: p.rollNumber,
      program: p.program ?? null,
      yearOfStudy: p.yearOfStudy ?? null,
      gpa: null,
      attendancePct: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
}

export interface MentorProfileFields {
  designation?: string | null;
  specialization?: string | null;
  maxMentees?: number;
  capacityDefault?: number;
  availabilityStatus?: AvailabilityStatus;
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
  await db
    .insertInto('mentor_profiles')
    .values({
      userId,
      designation: p.designation ?? null,
      specialization: p.specialization ?? null,
      ...(p.maxMentees !== undefined ? { maxMentees: p.maxMentees } : {}),
      createdAt: now,
      updatedAt: now,
    })
    .execute();
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

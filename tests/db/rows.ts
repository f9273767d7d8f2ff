import { expect } from 'vitest';
import type { Insertable } from 'kysely';
import type { Db } from '../../src/core/db/connect.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { uuidv7 } from '../../src/core/ids.ts';

// Minimal rows written straight through db.kysely with every required column (updatedAt has no
// DB default), so constraint and round-trip tests exercise the database and nothing else.

export const now = (): string => new Date().toISOString();

export async function roleId(db: Db, name: string): Promise<number> {
  const row = await db.kysely
    .selectFrom('roles')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function addInstitution(db: Db): Promise<string> {
  const id = uuidv7();
  await db.kysely
    .insertInto('institutions')
    .values({ id, name: 'Test Institute', code: `I-${id.slice(-8)}`, updatedAt: now() })
    .execute();
  return id;
}

export async function addDepartment(
  db: Db,
  institutionId: string,
  code = `D-${uuidv7().slice(-8)}`,
): Promise<string> {
  const id = uuidv7();
  await db.kysely
    .insertInto('departments')
    .values({ id, institutionId, name: 'Computer Science', code, updatedAt: now() })
    .execute();
  return id;
}

export async function addUser(db: Db, values: Partial<Insertable<Database['users']>> = {}): Promise<string> {
  const id = values.id ?? uuidv7();
  await db.kysely
    .insertInto('users')
    .values({
      id,
      roleId: values.roleId ?? (await roleId(db, 'STUDENT')),
      email: `${id}@example.edu`,
      passwordHash: 'scrypt$test',
      updatedAt: now(),
      ...values,
    })
    .execute();
  return id;
}

export async function addStudentProfile(
  db: Db,
  userId: string,
  values: Partial<Insertable<Database['student_profiles']>> = {},
): Promise<void> {
  await db.kysely
    .insertInto('student_profiles')
    .values({ userId, rollNumber: `R-${userId.slice(-12)}`, updatedAt: now(), ...values })
    .execute();
}

/** A mentor, a student, their department, an active assignment and one session. */
export async function addSession(
  db: Db,
): Promise<{ sessionId: string; mentorId: string; studentId: string }> {
  const departmentId = await addDepartment(db, await addInstitution(db));
  const mentorId = await addUser(db, { roleId: await roleId(db, 'MENTOR'), departmentId });
  const studentId = await addUser(db, { departmentId });
  const assignmentId = uuidv7();
  await db.kysely
    .insertInto('mentor_assignments')
    .values({ id: assignmentId, mentorId, studentId, departmentId, assignedById: mentorId, updatedAt: now() })
    .execute();
  const sessionId = uuidv7();
  await db.kysely
    .insertInto('session_records')
    .values({
      id: sessionId,
      assignmentId,
      sessionDate: '2026-03-04T10:30:00.000Z',
      mode: 'IN_PERSON',
      topic: 'Semester plan',
      createdById: mentorId,
      updatedAt: now(),
    })
    .execute();
  return { sessionId, mentorId, studentId };
}

export type Violation = 'unique' | 'check' | 'enum' | 'restrict' | 'range';

// The engine's own code for each kind of refusal, so a test fails if a row is refused for another
// reason (a missing column, a typo) than the constraint under test. SQLite: the extended result code.
// MariaDB: the errno, because mysql2 names errors after MySQL's numbering and MariaDB's 4025
// (CONSTRAINT ... failed) arrives as "ER_INNODB_AUTOEXTEND_SIZE_OUT_OF_RANGE".
const CODES: Record<Violation, { sqlite: string; mysql: number[] }> = {
  unique: { sqlite: 'SQLITE_CONSTRAINT_UNIQUE', mysql: [1062] },
  // MariaDB 4025 ER_CONSTRAINT_FAILED; MySQL 8 would say 3819 ER_CHECK_CONSTRAINT_VIOLATED.
  check: { sqlite: 'SQLITE_CONSTRAINT_CHECK', mysql: [4025, 3819] },
  enum: { sqlite: 'SQLITE_CONSTRAINT_CHECK', mysql: [1265] },
  // SQLite implements ON DELETE RESTRICT as a built-in trigger: the code is ..._TRIGGER, while the
  // message is the usual "FOREIGN KEY constraint failed".
  restrict: { sqlite: 'SQLITE_CONSTRAINT_TRIGGER', mysql: [1451] },
  range: { sqlite: 'SQLITE_CONSTRAINT_CHECK', mysql: [1264] },
};

/** Expects the write to be refused with `kind`; `mentions` must appear in the engine's message. */
export async function expectRefused(
  db: Db,
  write: Promise<unknown>,
  kind: Violation,
  mentions?: RegExp,
): Promise<void> {
  const err = await write.then(
    () => null,
    (e: unknown) => e as { code?: string; errno?: number; message?: string },
  );
  expect(err, `expected a ${kind} violation, but the write succeeded`).not.toBeNull();
  if (db.dialect === 'sqlite') expect(err?.code).toBe(CODES[kind].sqlite);
  else expect(CODES[kind].mysql, `errno ${err?.errno}: ${err?.message}`).toContain(err?.errno);
  if (mentions) expect(err?.message).toMatch(mentions);
}

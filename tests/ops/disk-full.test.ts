import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/app.ts';
import { connect } from '../../src/core/db/connect.ts';
import {
  CENTRAL_DISK_FULL_MESSAGE,
  dbErrorToAppError,
  LOCAL_DISK_FULL_MESSAGE,
} from '../../src/core/db/db-errors.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { makeDepartment, makeInstitution, makeUser } from '../fixtures/builders.ts';
import { tempDir } from './support/files.ts';

// A full disk while the app writes: SQLite's max_page_count caps the file at its current size, so
// the next write that needs a page fails with SQLITE_FULL exactly as on a full disk. The call comes
// back as a typed error with words an office user can act on, and wrote nothing.

const tmp = tempDir('disk-full');
afterAll(() => tmp.remove());

describe('a full disk during a write', () => {
  it('returns the disk-full message, writes nothing, and works again once there is room', async () => {
    const db = connect(`sqlite:${join(tmp.dir, 'full.sqlite')}`);
    await migrateToLatest(db);
    const inst = await makeInstitution(db.kysely);
    const dept = await makeDepartment(db.kysely, inst.id);
    const admin = await makeUser(db.kysely, 'SUPER_ADMIN');
    const core = createCore({ db, appVersion: 'test' });
    const session = core.openTrustedSession(admin.id);
    const users = async (): Promise<number> =>
      Number((await sql<{ n: number }>`select count(*) as n from users`.execute(db.kysely)).rows[0]!.n);
    const create = (i: number) =>
      core.dispatch(
        'users:create',
        {
          email: `mentor${i}@full.test`,
          firstName: 'Meera',
          lastName: `Iyer ${'x'.repeat(40)} ${i}`,
          role: 'MENTOR',
          institutionId: inst.id,
          departmentId: dept.id,
          mentor: { designation: 'Assistant Professor '.repeat(4).trim(), specialization: 'y'.repeat(200) },
        },
        session,
      );
    try {
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db.kysely);
      // One connection (Kysely's SQLite driver): the cap holds for every statement of the core.
      await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(db.kysely);
      let failure: Awaited<ReturnType<typeof create>> | null = null;
      let made = 0;
      for (let i = 0; i < 2000 && !failure; i++) {
        const before = await users();
        const r = await create(i);
        if (r.ok) made += 1;
        else {
          failure = r;
          // The failed call rolled back: not even the users row of its first statement is left.
          expect(await users()).toBe(before);
        }
      }
      expect(failure).not.toBeNull();
      expect(failure!.ok).toBe(false);
      if (!failure!.ok) {
        expect(failure!.error.code).toBe('INTERNAL');
        expect(failure!.error.message).toBe(LOCAL_DISK_FULL_MESSAGE);
        expect(failure!.error.message).toMatch(/disk is full/);
        expect(failure!.error.message).toMatch(/earlier records are safe/);
      }
      // The calls before it are all there; with room again the same call succeeds.
      expect(await users()).toBe(made + 1);
      await sql.raw(`pragma max_page_count = 1073741823`).execute(db.kysely);
      const again = await create(9999);
      expect(again.ok).toBe(true);
    } finally {
      await core.close();
    }
  }, 60_000);

  it('maps the central server’s disk-full errors to their own message', () => {
    expect(dbErrorToAppError({ code: 'ER_RECORD_FILE_FULL', errno: 1114 })?.message).toBe(
      CENTRAL_DISK_FULL_MESSAGE,
    );
    expect(dbErrorToAppError({ code: 'ER_DISK_FULL', errno: 1021 })?.message).toBe(CENTRAL_DISK_FULL_MESSAGE);
    expect(dbErrorToAppError({ code: 'SQLITE_FULL' })?.message).toBe(LOCAL_DISK_FULL_MESSAGE);
    expect(dbErrorToAppError({ code: 'SQLITE_ERROR' })).toBeNull();
  });
});

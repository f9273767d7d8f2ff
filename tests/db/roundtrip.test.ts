import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/core/ids.ts';
import { DIALECTS, freshDb, type TestDb } from '../helpers/db.ts';
import { addSession, addStudentProfile, addUser, now } from './rows.ts';

// Values written through db.kysely come back in exactly the shape schema.ts promises, on both
// dialects: DECIMAL as the same JS number, JSON text that parses to the same value, DATETIME(3)
// as the identical ISO-8601 UTC string, free text untouched.

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(DIALECTS)('value round trips [%s]', (dialect) => {
  let db: TestDb;

  beforeAll(async () => {
    db = await freshDb(dialect);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('DECIMAL gpa and attendancePct come back as the same numbers, and compare exactly', async () => {
    const pairs: [gpa: number, attendancePct: number][] = [
      [0.0, 0],
      [5.5, 74.99],
      [7.55, 75],
      [9.99, 100.0],
      [10.0, 33.33],
    ];
    const ids: string[] = [];
    for (const [gpa, attendancePct] of pairs) {
      const userId = await addUser(db);
      await addStudentProfile(db, userId, { gpa, attendancePct });
      ids.push(userId);
    }
    const rows = await db.kysely
      .selectFrom('student_profiles')
      .select(['userId', 'gpa', 'attendancePct'])
      .where('userId', 'in', ids)
      .orderBy('gpa')
      .execute();
    expect(rows.map((r) => [r.gpa, r.attendancePct])).toEqual(pairs);
    for (const r of rows) {
      expect(typeof r.gpa).toBe('number');
      expect(typeof r.attendancePct).toBe('number');
    }
    const exact = await db.kysely
      .selectFrom('student_profiles')
      .select('userId')
      .where('userId', 'in', ids)
      .where('gpa', '=', 7.55)
      .where('attendancePct', '=', 75)
      .execute();
    expect(exact.map((r) => r.userId)).toEqual([ids[2]]);
  });

  it('JSON columns parse back deep-equal: unicode, nested objects, empty arrays', async () => {
    const { sessionId, studentId } = await addSession(db);
    const items = [
      { text: 'Réviser l’algèbre — 数学 🚀', done: false, dueOn: '2026-03-01T00:00:00.000Z' },
      { text: 'Meet HOD', done: true, meta: { nested: { deep: [1, 2.5, null, { x: 'y' }] } } },
    ];
    for (const value of [items, []]) {
      await db.kysely
        .updateTable('session_records')
        .set({ actionItems: JSON.stringify(value), updatedAt: now() })
        .where('id', '=', sessionId)
        .execute();
      const row = await db.kysely
        .selectFrom('session_records')
        .select('actionItems')
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      expect(typeof row.actionItems).toBe('string');
      expect(JSON.parse(row.actionItems!)).toEqual(value);
    }

    const payload = { sessionId, when: '2026-03-04T10:30:00.000Z', tags: ['रिमाइंडर', 'reminder'], n: 0 };
    const notificationId = uuidv7();
    await db.kysely
      .insertInto('notifications')
      .values({
        id: notificationId,
        userId: studentId,
        type: 'SESSION_REMINDER',
        title: 'Session tomorrow',
        body: 'Room 204',
        payload: JSON.stringify(payload),
      })
      .execute();
    const n = await db.kysely
      .selectFrom('notifications')
      .select('payload')
      .where('id', '=', notificationId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(n.payload!)).toEqual(payload);

    const sourceRef = { kind: 'attendance', threshold: 75, observed: 62.5, sessions: [sessionId], flags: {} };
    const alertId = uuidv7();
    await db.kysely
      .insertInto('alerts')
      .values({
        id: alertId,
        studentId,
        severity: 'WARN',
        category: 'ATTENDANCE',
        message: 'Attendance below 75%',
        sourceRef: JSON.stringify(sourceRef),
      })
      .execute();
    const a = await db.kysely
      .selectFrom('alerts')
      .select('sourceRef')
      .where('id', '=', alertId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(a.sourceRef!)).toEqual(sourceRef);
  });

  it('DATETIME(3) values come back as the identical ISO string and compare and sort correctly', async () => {
    const values = [
      '1999-12-31T23:59:59.999Z',
      '2000-02-29T12:00:00.123Z',
      '2026-01-02T03:04:05.000Z',
      '2026-01-02T03:04:05.999Z',
      '2099-12-31T00:00:00.000Z',
    ];
    const ids: string[] = [];
    for (const v of [...values].reverse())
      ids.push(await addUser(db, { lastLoginAt: v, createdAt: v, updatedAt: v }));
    const rows = await db.kysely
      .selectFrom('users')
      .select(['id', 'lastLoginAt', 'createdAt', 'updatedAt'])
      .where('id', 'in', ids)
      .orderBy('lastLoginAt')
      .execute();
    expect(rows.map((r) => r.lastLoginAt)).toEqual(values);
    for (const r of rows) expect([r.createdAt, r.updatedAt]).toEqual([r.lastLoginAt, r.lastLoginAt]);

    const hit = await db.kysely
      .selectFrom('users')
      .select('lastLoginAt')
      .where('id', 'in', ids)
      .where('lastLoginAt', '=', '2026-01-02T03:04:05.999Z')
      .execute();
    expect(hit).toEqual([{ lastLoginAt: '2026-01-02T03:04:05.999Z' }]);
    const after = await db.kysely
      .selectFrom('users')
      .select('lastLoginAt')
      .where('id', 'in', ids)
      .where('lastLoginAt', '>', '2026-01-02T03:04:05.000Z')
      .orderBy('lastLoginAt')
      .execute();
    expect(after.map((r) => r.lastLoginAt)).toEqual(values.slice(3));
  });

  it('createdAt defaults to now as an ISO string with milliseconds', async () => {
    const before = Date.now();
    const id = await addUser(db);
    const row = await db.kysely
      .selectFrom('users')
      .select('createdAt')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.createdAt).toMatch(ISO_MS);
    // Same host for the test and MariaDB; the slack only absorbs scheduling.
    expect(Math.abs(Date.parse(row.createdAt) - before)).toBeLessThan(5_000);
  });

  it('leaves free text that only looks partly like a date untouched', async () => {
    const texts = [
      '2026-01-02T03:04:05.678Z and then the HOD joined',
      'Follow-up on 2026-01-02T03:04:05.678Z',
      '2026-01-02T03:04:05Z',
      '2026-01-02 03:04:05.678',
      '2026-01-02T03:04:05.678',
      '1999-12-31T23:59:59.999Z\n',
    ];
    for (const bio of texts) {
      const userId = await addUser(db);
      await db.kysely
        .insertInto('user_profiles')
        .values({ userId, firstName: 'Ravi', lastName: 'K', bio, title: bio.slice(0, 40), updatedAt: now() })
        .execute();
      const row = await db.kysely
        .selectFrom('user_profiles')
        .select(['bio', 'title'])
        .where('userId', '=', userId)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ bio, title: bio.slice(0, 40) });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipTitle, notify } from '../../src/core/notifications/notify.ts';
import { DIALECTS } from '../helpers/db.ts';
import { inTx } from './support/care.ts';
import { makeHarness, type Harness } from './support/harness.ts';

describe('clipTitle', () => {
  it('keeps titles up to 255 characters and shortens longer ones with an ellipsis', () => {
    expect(clipTitle('  Hello ')).toBe('Hello');
    expect(clipTitle('x'.repeat(255))).toHaveLength(255);
    const long = clipTitle('y'.repeat(300));
    expect(long).toHaveLength(255);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe.each(DIALECTS)('notify on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('writes one row per distinct user with the call instant and JSON payload, in the transaction', async () => {
    const w = h.world;
    const now = '2026-02-01T10:00:00.123Z';
    await inTx(h.db.kysely, dialect, now, (ctx) =>
      notify(ctx, {
        userIds: [w.mentor.id, w.deptAdmin.id, w.mentor.id, ''],
        type: 'ALERT',
        title: 'Attendance warning',
        body: 'Attendance 70 % is below 75 %.',
        payload: { alertId: 'a1', n: 2 },
      }),
    );
    const rows = await h.db.kysely
      .selectFrom('notifications')
      .selectAll()
      .where('createdAt', '=', now)
      .orderBy('userId')
      .execute();
    expect(rows.map((r) => r.userId).sort()).toEqual([w.mentor.id, w.deptAdmin.id].sort());
    for (const r of rows) {
      expect(r).toMatchObject({ type: 'ALERT', title: 'Attendance warning', readAt: null, createdAt: now });
      expect(JSON.parse(r.payload!)).toEqual({ alertId: 'a1', n: 2 });
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });

  it('writes nothing when the transaction rolls back, and nothing for an empty list', async () => {
    const before = await h.db.kysely
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      inTx(h.db.kysely, dialect, '2026-02-02T10:00:00.000Z', async (ctx) => {
        await notify(ctx, { userIds: [h.world.mentor.id], type: 'FEEDBACK', title: 't', body: 'b' });
        await notify(ctx, { userIds: [], type: 'FEEDBACK', title: 't', body: 'b' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const after = await h.db.kysely
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('stores null payload when none is given', async () => {
    const now = '2026-02-03T10:00:00.000Z';
    await inTx(h.db.kysely, dialect, now, (ctx) =>
      notify(ctx, { userIds: [h.world.student.id], type: 'ASSIGNMENT', title: 'New mentor', body: 'b' }),
    );
    const r = await h.db.kysely
      .selectFrom('notifications')
      .selectAll()
      .where('createdAt', '=', now)
      .executeTakeFirstOrThrow();
    expect(r.payload).toBeNull();
    expect(r.userId).toBe(h.world.student.id);
  });
});

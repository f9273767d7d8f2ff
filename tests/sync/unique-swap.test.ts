import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeClient, makeWorld, type World } from './harness.ts';

// A unique value (users.email) that moved between two cached rows on central: the pull meets the
// other cached row still holding it. The stale row makes way and is fetched again, so the cache
// ends equal to central instead of refusing the pull (apply.ts upsertDisplacing).

describe('a unique value swapped on central (MariaDB)', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });
  afterAll(async () => {
    await w.close();
  });

  it('two users swap e-mail addresses: the office laptop converges', async () => {
    const office = await makeClient(w, w.cast.deptAdmin);
    await office.sync();
    const a = w.cast.mentor;
    const b = w.cast.student;
    const k = w.central.kysely;
    const emails = async (db: typeof k) =>
      Object.fromEntries(
        (await db.selectFrom('users').select(['id', 'email']).where('id', 'in', [a.id, b.id]).execute()).map(
          (r) => [r.id, r.email],
        ),
      );
    const before = await emails(k);
    expect(await emails(office.db.kysely)).toEqual(before);
    await k.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ email: 'swap@tmp.invalid' }).where('id', '=', a.id).execute();
      await trx.updateTable('users').set({ email: before[a.id]! }).where('id', '=', b.id).execute();
      await trx.updateTable('users').set({ email: before[b.id]! }).where('id', '=', a.id).execute();
    });

    const report = await office.sync();
    expect(report).toMatchObject({ rejected: 0 });
    // The displaced row is fetched again by the next round at the latest.
    await office.sync();
    const after = await emails(office.db.kysely);
    expect(after).toEqual({ [a.id]: before[b.id], [b.id]: before[a.id] });
    expect(await emails(k)).toEqual(after);
  });
});

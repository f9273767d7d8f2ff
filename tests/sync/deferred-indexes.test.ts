import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InjectedFault, type Faults } from '../../src/core/sync/faults.ts';
import { clearState } from '../../src/core/sync/local-state.ts';
import { makeUser } from '../fixtures/builders.ts';
import { sqliteIndexes } from '../helpers/db.ts';
import { cacheRows, centralInScope, makeClient, makeWorld, type Client, type World } from './harness.ts';

// A first sync fills an empty table with its secondary indexes set aside and builds them after the
// table's last page (snapshot.ts bulkLoad, db/deferred-indexes.ts): the cache ends with exactly the
// indexes a migrated database has, also when the download stops half-way, and a cache that already
// holds the table keeps them throughout.

const BATCH = 10;

/** Records, after every snapshot page, whether `users` had all its indexes. */
function watchUsersIndexes(c: Client, full: string[], stopAt?: number): { seen: boolean[]; faults: Faults } {
  const seen: boolean[] = [];
  return {
    seen,
    faults: {
      async hit(point) {
        if (point !== 'snapshot:after-page') return;
        seen.push(JSON.stringify(await sqliteIndexes(c.db.kysely, 'users')) === JSON.stringify(full));
        if (stopAt !== undefined && seen.length === stopAt) throw new InjectedFault(point);
      },
    },
  };
}

describe('first sync builds secondary indexes after the rows (MariaDB + SQLite)', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
    for (let i = 0; i < 3 * BATCH; i++)
      await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id });
  });
  afterEach(async () => {
    await world.close();
  });

  it('sets a full table’s indexes aside during its pages and ends with every index of the schema', async () => {
    const c = await makeClient(world, world.cast.deptAdmin, { firstSync: false });
    const schema = await sqliteIndexes(c.db.kysely);
    const full = await sqliteIndexes(c.db.kysely, 'users');
    const watch = watchUsersIndexes(c, full);
    const labels = new Set<string>();
    await c.sync({ batchSize: BATCH, faults: watch.faults, onProgress: (p) => labels.add(p.label) });
    // The progress line names what an office calls the rows, and says when it indexes them.
    expect([...labels]).toEqual(expect.arrayContaining(['Downloading accounts', 'Indexing accounts']));
    expect([...labels].filter((l) => l.includes('_'))).toEqual([]);
    // One page of institutions, one of departments, then users' pages without its non-unique indexes.
    expect(watch.seen.slice(0, 5)).toEqual([true, true, false, false, false]);
    expect(await sqliteIndexes(c.db.kysely)).toEqual(schema);
    expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));
  });

  it('gives the indexes back when the download stops half-way, and the next sync completes', async () => {
    const c = await makeClient(world, world.cast.deptAdmin, { firstSync: false, file: true });
    const schema = await sqliteIndexes(c.db.kysely);
    const watch = watchUsersIndexes(c, await sqliteIndexes(c.db.kysely, 'users'), 4);
    await expect(c.sync({ batchSize: BATCH, faults: watch.faults })).rejects.toBeInstanceOf(InjectedFault);
    expect(watch.seen).toEqual([true, true, false, false]);
    expect(await sqliteIndexes(c.db.kysely)).toEqual(schema);
    await c.restart();
    await c.sync({ batchSize: BATCH });
    expect(await sqliteIndexes(c.db.kysely)).toEqual(schema);
    expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));
  });

  it('keeps the indexes of a table the cache already holds (a resync)', async () => {
    const c = await makeClient(world, world.cast.deptAdmin, { file: true });
    await clearState(c.db.kysely, 'cursor'); // the next sync is a snapshot over the held rows
    const full = await sqliteIndexes(c.db.kysely, 'users');
    const watch = watchUsersIndexes(c, full);
    await c.sync({ batchSize: BATCH, faults: watch.faults });
    expect(watch.seen.length).toBeGreaterThan(3);
    expect(watch.seen.every(Boolean)).toBe(true);
  });
});

import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheIds, makeClient, makeWorld, seed, type World } from './harness.ts';

// A snapshot writes its pages with WAL auto-checkpoints off (snapshot.ts); it must checkpoint once
// at its end, or the whole download is copied back inside the user's first write (after an office's
// first sync: a 631 MB WAL, 1.4 s with the app blocked).

describe('first sync and the WAL (MariaDB + file-backed SQLite)', () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('the downloaded rows are in the database file itself once the first sync returns', async () => {
    const assignment = await world.assign(world.cast.mentor.id, world.cast.student.id);
    await seed.session(world, assignment, world.cast.mentor.id, 'Checkpointed with the snapshot');
    const c = await makeClient(world, world.cast.deptAdmin, { file: true });
    const file = c.db.urlText.replace(/^sqlite:/, '');
    // The main file alone, without its WAL: what a checkpoint has copied back, nothing more.
    const alone = join(mkdtempSync(join(tmpdir(), 'smms-ckpt-')), 'main-only.sqlite');
    copyFileSync(file, alone);
    const live = await cacheIds(c.db);
    const db = new Database(alone, { readonly: true });
    try {
      const ids = (t: string, pk = 'id') =>
        (db.prepare(`select "${pk}" as id from "${t}" order by "${pk}"`).all() as { id: string }[]).map(
          (r) => r.id,
        );
      expect(live.session_records).toHaveLength(1);
      expect(ids('session_records')).toEqual(live.session_records);
      expect(ids('users')).toEqual(live.users);
      expect(ids('user_profiles', 'userId')).toEqual(live.user_profiles);
    } finally {
      db.close();
    }
  });
});

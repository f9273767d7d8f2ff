import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, type BackupProgress } from '../../src/core/ops/backup.ts';
import { withLongestStall } from '../helpers/stall.ts';
import { fingerprint, makeDemoFile, tempDir } from './support/files.ts';

// The daily backup runs inside the Electron main process: the copy and its check happen on a worker
// thread, so the main thread keeps serving windows (timer ticks on time) while a backup is made.

const tmp = tempDir('backup-worker');
const source = join(tmp.dir, 'demo.sqlite');
beforeAll(() => makeDemoFile(source), 120_000);
afterAll(() => tmp.remove());

describe('backup on a worker thread', () => {
  it('copies and checks off the calling thread, with progress, and the copy equals the original', async () => {
    const stages: BackupProgress['stage'][] = [];
    const { result: r, stallMs: worst } = await withLongestStall(() =>
      backupDatabase(source, join(tmp.dir, 'copy.sqlite'), (p) => stages.push(p.stage)),
    );
    expect(r.bytes).toBeGreaterThan(1_000_000);
    expect(stages[0]).toBe('copy');
    expect(stages.at(-1)).toBe('check');
    // The thread only posts and receives messages: far below one frame of a busy window.
    expect(worst).toBeLessThan(Math.max(150, r.ms / 4));
    expect(fingerprint(r.file)).toEqual(fingerprint(source));
  }, 120_000);
});

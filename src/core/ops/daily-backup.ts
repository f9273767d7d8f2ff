import { existsSync } from 'node:fs';
import { silentLogger, type Logger } from '../log.ts';
import {
  backupsDirOf,
  createBackup,
  dailyBackupDue,
  DEFAULT_KEEP,
  listBackups,
  pruneBackups,
} from './backup-store.ts';

/**
 * The daily backup (at start and from the shell's timer while the app stays open), then pruning.
 * Returns the backup made, or null when none was due. Failures are for the user to see, not fatal.
 */
export async function backupIfDue(
  dbFile: string,
  dataDir: string,
  at: Date,
  options: { keep?: number; log?: Logger } = {},
): Promise<{ made: string | null; warning: string | null }> {
  const log = options.log ?? silentLogger;
  const dir = backupsDirOf(dataDir);
  if (!existsSync(dbFile) || !dailyBackupDue(listBackups(dir), at)) return { made: null, warning: null };
  try {
    const made = await createBackup(dbFile, dir, 'daily', at);
    log.info('daily backup', { backup: made.name, bytes: made.bytes, ms: made.ms });
    const removed = pruneBackups(dir, options.keep ?? DEFAULT_KEEP);
    if (removed.length) log.info('old backups removed', { removed });
    return { made: made.name, warning: null };
  } catch (err) {
    log.warn('daily backup failed', { error: (err as Error).message });
    return { made: null, warning: `Today's automatic backup failed: ${(err as Error).message}` };
  }
}

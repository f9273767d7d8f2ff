import type { Logger } from '../core/log.ts';
import { backupIfDue } from '../core/ops/daily-backup.ts';

// Office PCs stay on for days: the daily backup is also checked every hour while the app runs.

const HOUR_MS = 60 * 60 * 1000;

export function scheduleDailyBackups(opts: {
  dbFile: string;
  dataDir: string;
  log: Logger;
  onWarning(message: string): void;
}): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void backupIfDue(opts.dbFile, opts.dataDir, new Date(), { log: opts.log })
      .then((r) => r.warning && opts.onWarning(r.warning))
      .finally(() => (running = false));
  }, HOUR_MS);
  return () => clearInterval(timer);
}

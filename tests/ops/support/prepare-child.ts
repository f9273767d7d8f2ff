import { join } from 'node:path';
import { OpsError } from '../../../src/core/ops/ops-errors.ts';
import { prepareLocalDatabase } from '../../../src/core/ops/startup.ts';

// Runs the start-up preparation in a child process, so a test can run it inside a mount namespace
// (a read-only data folder, a full disk) and read the outcome from stdout as JSON.
const dataDir = process.argv[2]!;
try {
  const r = await prepareLocalDatabase({ dataDir, dbFile: join(dataDir, 'smms.sqlite') });
  process.stdout.write(JSON.stringify({ ok: true, warnings: r.warnings, backupsMade: r.backupsMade }));
} catch (err) {
  const problem = err instanceof OpsError ? err.problem : 'UNEXPECTED';
  process.stdout.write(JSON.stringify({ ok: false, problem, message: (err as Error).message }));
}

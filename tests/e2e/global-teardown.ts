import { assertCleanLogs } from '../helpers/log-scan.ts';
import { e2ePasswords, RUN_LOG_DIR } from './run-logs.ts';

// Issue 10's proof: the logs every shell of this run wrote hold no password, hash, reset code, token
// or e-mail address. Throwing here fails `playwright test` (exit code 1) after the tests ran.

export default function globalTeardown(): void {
  const scan = assertCleanLogs(RUN_LOG_DIR, e2ePasswords());
  console.log(`Logs checked: ${scan.files.length} files, ${scan.lines} lines in ${RUN_LOG_DIR}, no secrets.`);
}

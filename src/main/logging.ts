import { join } from 'node:path';
import electronLog from 'electron-log/main';
import { openFileLogger } from '../core/ops/log-file.ts';
import type { RedactingLogger } from '../core/ops/log-sink.ts';

// The desktop app's log: <user data>/logs/main.log, JSON lines, rotated, redacted before writing
// (src/core/ops/log-redact.ts). The same logger goes to the core, so its error reports land here.

export interface AppLogging {
  logger: RedactingLogger;
  file: string;
}

export function startLogging(userDataDir: string): AppLogging {
  const file = join(userDataDir, 'logs', 'main.log');
  const logger = openFileLogger(electronLog, file);
  // Promise rejections nobody handled are bugs support needs to see; they are logged, not shown.
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));
  return { logger, file };
}

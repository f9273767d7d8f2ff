import type { Logger } from '../log.ts';
import { redactText, redactValue } from './log-redact.ts';

// The core Logger every shell hands to the core: each entry is redacted first, then written as one
// JSON line (structured: time, level, message, data) by whatever the shell writes with (electron-log's
// rotating file in the desktop app). The last warnings and errors are kept in memory for
// Help → Copy diagnostics.

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogEntry {
  t: string;
  level: LogLevel;
  msg: string;
  data?: unknown;
}

export interface RedactingLogger extends Logger {
  /** The most recent warnings and errors, oldest first (already redacted). */
  recentProblems(): LogEntry[];
}

export function createRedactingLogger(
  write: (level: LogLevel, line: string) => void,
  options: { keepProblems?: number; now?: () => Date } = {},
): RedactingLogger {
  const keep = options.keepProblems ?? 20;
  const now = options.now ?? ((): Date => new Date());
  const problems: LogEntry[] = [];
  const log =
    (level: LogLevel) =>
    (message: string, data?: Record<string, unknown>): void => {
      const entry: LogEntry = { t: now().toISOString(), level, msg: redactText(message) };
      if (data !== undefined) entry.data = redactValue(data);
      if (level !== 'info') {
        problems.push(entry);
        if (problems.length > keep) problems.shift();
      }
      try {
        write(level, JSON.stringify(entry));
      } catch {
        // A log that cannot be written (full disk) must never break the call that logged.
      }
    };
  return {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    recentProblems: () => [...problems],
  };
}

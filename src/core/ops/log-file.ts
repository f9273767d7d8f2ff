import { existsSync, renameSync } from 'node:fs';
import type { NodeLogger } from 'electron-log';
import { createRedactingLogger, type RedactingLogger } from './log-sink.ts';
import { removeQuietly } from './sqlite-file.ts';

// electron-log's file transport, set up the same way in the desktop app (electron-log/main), the
// browser shell and the tests (electron-log/node): one JSON line per entry in <folder>/main.log,
// rotated at `maxBytes` into main.1.log … main.<keep>.log (electron-log itself keeps only one old file).

export interface LogFileOptions {
  maxBytes?: number;
  keep?: number;
}

/** main.log → main.1.log → main.2.log …; the oldest falls off. */
export function rotateLogFiles(current: string, keep: number): void {
  const numbered = (n: number): string => current.replace(/\.log$/, `.${n}.log`);
  removeQuietly(numbered(keep));
  for (let n = keep - 1; n >= 1; n--) {
    if (existsSync(numbered(n))) renameSync(numbered(n), numbered(n + 1));
  }
  renameSync(current, numbered(1));
}

export function configureLogFile(log: NodeLogger, file: string, options: LogFileOptions = {}): void {
  const keep = options.keep ?? 5;
  const transport = log.transports.file;
  transport.resolvePathFn = () => file;
  transport.maxSize = options.maxBytes ?? 2 * 1024 * 1024;
  transport.format = '{text}';
  transport.level = 'info';
  transport.archiveLogFn = (old) => rotateLogFiles(old.path, keep);
  // Lines are already redacted JSON; electron-log must not add its own inspection of objects.
  log.transports.console.level = false;
}

/**
 * The one way a shell builds its log: the core's redacting logger writing through `sink`'s rotating
 * file. The desktop passes electron-log/main's default logger; Node shells pass an
 * electron-log/node instance of their own (`create({ logId })`), so two logs never share a file.
 */
export function openFileLogger(
  sink: NodeLogger,
  file: string,
  options: LogFileOptions = {},
): RedactingLogger {
  configureLogFile(sink, file, options);
  return createRedactingLogger((level, line) => sink[level](line));
}

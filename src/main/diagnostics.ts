import { release } from 'node:os';
import { dirname } from 'node:path';
import { app, clipboard, dialog, shell } from 'electron';
import { collectDiagnostics, formatDiagnostics } from '../core/ops/diagnostics.ts';
import type { LogEntry } from '../core/ops/log-sink.ts';
import { DATA_DIR_SOURCE_WORDS, type DataDirChoice } from './data-dir-choice.ts';

// Help → Copy diagnostics and Help → Open logs folder.

export interface DiagnosticsContext {
  data: DataDirChoice;
  dbFile: string;
  logFile: string;
  recentProblems(): LogEntry[];
}

export function diagnosticsText(ctx: DiagnosticsContext): string {
  return formatDiagnostics(
    collectDiagnostics({
      appVersion: app.getVersion(),
      versions: {
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node,
      },
      platform: `${process.platform} ${release()} ${process.arch}`,
      dataDir: ctx.data.dir,
      dataDirSource: DATA_DIR_SOURCE_WORDS[ctx.data.source],
      dbFile: ctx.dbFile,
      logFile: ctx.logFile,
      recentProblems: ctx.recentProblems(),
      now: new Date(),
    }),
  );
}

export function copyDiagnostics(ctx: DiagnosticsContext): void {
  clipboard.writeText(diagnosticsText(ctx));
  void dialog.showMessageBox({
    type: 'info',
    message: 'Diagnostics copied',
    detail:
      'Paste them into an email or chat to your support contact. They hold versions, folders, sizes and ' +
      'recent error messages, no passwords and no student records.',
  });
}

export function openLogsFolder(ctx: DiagnosticsContext): void {
  void shell.openPath(dirname(ctx.logFile));
}

import { release } from 'node:os';
import { app, dialog, shell } from 'electron';
import type { Core } from '../core/app.ts';
import { openConnectableCore } from '../core/sync/connectable-core.ts';
import { electronConnectionStores } from './connection-stores.ts';
import { backupsDirOf } from '../core/ops/backup-store.ts';
import { OpsError } from '../core/ops/ops-errors.ts';
import { restoreDatabase } from '../core/ops/restore.ts';
import { databaseBytes } from '../core/ops/sqlite-file.ts';
import { prepareLocalDatabase, type StartupProgress } from '../core/ops/startup.ts';
import type { RedactingLogger } from '../core/ops/log-sink.ts';
import { ProgressWindow } from './backup-progress.ts';

// The desktop start: prepare the database (src/core/ops/startup.ts) with a progress window when there
// is real work, then build the core. Every refusal becomes a dialog that says what happened, that
// nothing was lost, and offers the way out: restore the latest backup for a damaged file, the data
// folder, or diagnostics for support. Nothing here ever deletes a file.

export interface StartupContext {
  dataDir: string;
  dbFile: string;
  log: RedactingLogger;
  /** Help → Copy diagnostics, offered when the start fails. */
  copyDiagnostics(): void;
}

const ALWAYS_SHOWN: ReadonlySet<StartupProgress['stage']> = new Set(['restore', 'backup', 'migrate']);
/** Checking and the daily backup take seconds only on a big file; a small one would just flash a window. */
const BIG_DATABASE = 50 * 1024 * 1024;

function worthShowing(stage: StartupProgress['stage'], dbFile: string): boolean {
  if (ALWAYS_SHOWN.has(stage)) return true;
  return (stage === 'check' || stage === 'daily') && databaseBytes(dbFile) > BIG_DATABASE;
}

/** The core, or null when the user chose to quit (the caller exits). */
export async function openDatabase(ctx: StartupContext): Promise<Core | null> {
  for (;;) {
    const progress = new ProgressWindow();
    try {
      const r = await prepareLocalDatabase({
        dataDir: ctx.dataDir,
        dbFile: ctx.dbFile,
        log: ctx.log,
        onProgress: (p) => (worthShowing(p.stage, ctx.dbFile) ? progress.show(p) : undefined),
      });
      // Standalone until an admin connects it on the Sync page; a synced install resumes syncing.
      const { core } = await openConnectableCore({
        stores: electronConnectionStores(),
        dbUrl: r.dbUrl,
        appVersion: app.getVersion(),
        platform: `${process.platform} ${release()}`,
        log: ctx.log,
      });
      progress.close();
      for (const w of r.warnings)
        void dialog.showMessageBox({ type: 'warning', message: 'Backup problem', detail: w });
      if (r.restored) {
        void dialog.showMessageBox({
          type: 'info',
          message: 'The backup was restored',
          detail: `The state before the restore is kept in the backups folder as ${r.restored.kept ?? '(nothing to keep)'}.`,
        });
      }
      return core;
    } catch (err) {
      progress.close();
      ctx.log.error('start failed', { error: err });
      if (!(await offerWayOut(ctx, err))) return null;
    }
  }
}

async function choose(title: string, detail: string, buttons: string[]): Promise<string> {
  const { response } = await dialog.showMessageBox({
    type: 'error',
    title: 'SMMS Desktop',
    message: title,
    detail,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  });
  return buttons[response] ?? 'Quit';
}

/** Shows the problem and carries out the user's choice; true = try starting again. */
async function offerWayOut(ctx: StartupContext, err: unknown): Promise<boolean> {
  const message = err instanceof Error ? err.message : String(err);
  const problem = err instanceof OpsError ? err.problem : null;
  const latest = err instanceof OpsError ? (err.details.latestBackup as string | null | undefined) : null;
  const buttons = [
    ...(problem === 'CORRUPT' && latest ? ['Restore the latest backup'] : []),
    'Open the data folder',
    'Copy diagnostics',
    'Quit',
  ];
  const title =
    problem === 'CORRUPT'
      ? 'The database is damaged'
      : problem === 'TOO_NEW'
        ? 'This database needs a newer SMMS Desktop'
        : problem === 'MIGRATION_ROLLED_BACK'
          ? 'The update could not be applied'
          : 'SMMS Desktop cannot open its database';
  const picked = await choose(title, `${message}\n\nData folder: ${ctx.dataDir}`, buttons);
  if (picked === 'Open the data folder') await shell.openPath(ctx.dataDir);
  if (picked === 'Copy diagnostics') ctx.copyDiagnostics();
  if (picked === 'Restore the latest backup' && latest) return restoreLatest(ctx, latest);
  return picked !== 'Quit';
}

async function restoreLatest(ctx: StartupContext, latest: string): Promise<boolean> {
  try {
    const r = await restoreDatabase({
      dbFile: ctx.dbFile,
      from: latest,
      backupsDir: backupsDirOf(ctx.dataDir),
      at: new Date(),
    });
    ctx.log.warn('damaged database replaced by backup', { backup: latest, keptAs: r.kept });
    return true;
  } catch (err) {
    dialog.showErrorBox('The backup could not be restored', (err as Error).message);
    return true;
  }
}

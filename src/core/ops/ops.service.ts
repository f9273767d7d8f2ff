import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { sql } from 'kysely';
import type { opsContract } from '../../shared/contract/ops.contract.ts';
import type { AuthedContext } from '../context.ts';
import { AppError } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { backupsDirOf, createBackup, DEFAULT_KEEP, listBackups, parseBackupName } from './backup-store.ts';
import { OpsError } from './ops-errors.ts';
import { readPendingRestore, stageRestore } from './pending-restore.ts';
import { verifyBackupFile } from './restore.ts';
import { databaseBytes } from './sqlite-file.ts';

// Settings → Backups over the database this core has open. The data folder is the database file's
// folder, asked from SQLite itself, so every shell (desktop, browser shell, CLI) agrees on it.

async function databaseFile(ctx: AuthedContext): Promise<string> {
  if (ctx.dialect !== 'sqlite') {
    throw new AppError(
      'CONFLICT',
      'The central MySQL database is backed up on its server (mariadb-dump); see the operations guide.',
    );
  }
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(ctx.db);
  const file = rows[0]?.file ?? '';
  if (!file)
    throw new AppError('CONFLICT', 'This database lives in memory only; there is nothing to back up.');
  return file;
}

function asAppError(err: unknown): unknown {
  if (!(err instanceof OpsError)) return err;
  return new AppError(err.problem === 'NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT', err.message);
}

export const opsHandlers: HandlersFor<typeof opsContract> = {
  'ops:backups': async (ctx) => {
    const file = await databaseFile(ctx);
    const dataDir = dirname(file);
    const pending = readPendingRestore(dataDir);
    return {
      dataDir,
      backupsDir: backupsDirOf(dataDir),
      keep: DEFAULT_KEEP,
      databaseBytes: databaseBytes(file),
      backups: listBackups(backupsDirOf(dataDir)).map(({ name, createdAt, reason, bytes }) => ({
        name,
        createdAt,
        reason,
        bytes,
      })),
      pendingRestore: pending
        ? {
            name: basename(pending.file),
            createdAt: parseBackupName(basename(pending.file))?.createdAt ?? null,
            requestedAt: pending.requestedAt,
          }
        : null,
    };
  },

  'ops:backup-create': async (ctx) => {
    const file = await databaseFile(ctx);
    try {
      const made = await createBackup(file, backupsDirOf(dirname(file)), 'manual', new Date(ctx.now));
      ctx.log.info('manual backup', {
        backup: made.name,
        bytes: made.bytes,
        ms: made.ms,
        by: ctx.actor.userId,
      });
      const parsed = parseBackupName(made.name)!;
      return { backup: { name: made.name, bytes: made.bytes, ...parsed }, ms: made.ms };
    } catch (err) {
      throw asAppError(err);
    }
  },

  'ops:restore': async (ctx, input) => {
    const file = await databaseFile(ctx);
    const dataDir = dirname(file);
    const backup = join(backupsDirOf(dataDir), input.name);
    if (!parseBackupName(input.name) || !existsSync(backup)) {
      throw new AppError('NOT_FOUND', `The backup ${input.name} is not in this computer's backups folder.`);
    }
    try {
      const info = verifyBackupFile(backup);
      stageRestore(dataDir, { file: backup, requestedAt: ctx.now, requestedBy: ctx.actor.userId });
      ctx.log.warn('restore scheduled', { backup: input.name, by: ctx.actor.userId });
      return { scheduled: true as const, name: input.name, schema: info.schema };
    } catch (err) {
      throw asAppError(err);
    }
  },
};

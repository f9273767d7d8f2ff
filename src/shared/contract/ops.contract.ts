import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';

// Settings → Backups: the backups of this computer's database (made automatically every day and
// before every update, or by hand), and restoring one. A restore cannot swap the file the app has
// open, so it is scheduled: the app restarts, keeps the current state as a backup, then restores.
// None of these calls is a data write: they are never queued for central, and the restore is audited
// after it happened (the restored database would not hold an audit row written before it).

export const BACKUP_REASON_NAMES = [
  'daily',
  'pre-migration',
  'pre-restore',
  'manual',
  'corrupt',
  'failed-upgrade',
] as const;

export const backupEntry = z.object({
  name: z.string(),
  createdAt: z.string(),
  reason: z.enum(BACKUP_REASON_NAMES),
  bytes: z.number().int(),
});
export type BackupEntryDto = z.infer<typeof backupEntry>;

const backupName = z
  .string()
  .trim()
  .regex(/^smms-[0-9]{8}-[0-9]{9}Z-[a-z-]+(-[0-9]+)?\.sqlite$/, 'Choose a backup from the list.');

export const opsContract = {
  'ops:backups': defineCall({
    summary: 'The backups of this computer’s database, newest first, with where they are kept.',
    input: z.strictObject({}),
    output: z.object({
      dataDir: z.string(),
      backupsDir: z.string(),
      /** How many automatic backups are kept. */
      keep: z.number().int(),
      databaseBytes: z.number().int(),
      backups: z.array(backupEntry),
      /** A restore asked for and not carried out yet (it happens at the next start). */
      pendingRestore: z
        .object({ name: z.string(), createdAt: z.string().nullable(), requestedAt: z.string() })
        .nullable(),
    }),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'ops:backup-create': defineCall({
    summary: 'Back up this computer’s database now (safe while everyone keeps working).',
    input: z.strictObject({}),
    output: z.object({ backup: backupEntry, ms: z.number().int() }),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'ops:restore': defineCall({
    summary:
      'Restore a backup: checked now, carried out when the app restarts, after keeping the current state as a backup.',
    input: z.strictObject({ name: backupName }),
    output: z.object({ scheduled: z.literal(true), name: z.string(), schema: z.string() }),
    // It rolls back every department's work on this computer, so not a department's decision.
    roles: ['SUPER_ADMIN', 'INSTITUTION_ADMIN'],
    write: false,
  }),
};

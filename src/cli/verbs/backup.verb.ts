import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabase } from '../../core/ops/backup.ts';
import { backupFileName } from '../../core/ops/backup-store.ts';
import { inspectDatabaseFile } from '../../core/ops/integrity.ts';
import { OpsError } from '../../core/ops/ops-errors.ts';
import { formatBytes } from '../../core/ops/sizes.ts';
import { CliError, type Verb } from '../verb.ts';
import { localDbPathArg } from './restore.verb.ts';

// `smms backup`: the same online backup the app makes every day, to a file of the user's choosing.

export const backupVerb: Verb = {
  name: 'backup',
  summary: 'Back up a local SQLite database to a file (safe while SMMS is running)',
  usage: 'smms backup --db sqlite:<file> --out <file or folder>',
  description: [
    'Copies the database with SQLite’s online backup API, so it is safe while SMMS Desktop has the',
    'database open: the copy is one consistent moment, checked before it gets its name. An existing',
    'file is never overwritten; when --out is a folder, the backup is named smms-<time>-manual.sqlite.',
    'The central MySQL/MariaDB database is backed up with mariadb-dump instead (docs/operations.md).',
  ].join('\n'),
  options: {
    db: {
      type: 'string',
      value: '<url>',
      help: 'sqlite:<file> or a plain path (or set SMMS_DB).',
    },
    out: { type: 'string', value: '<path>', help: 'The backup file to create, or a folder to put it in.' },
  },
  examples: [
    'smms backup --db sqlite:"%APPDATA%/SMMS Desktop/smms.sqlite" --out D:/backups',
    'smms backup --db ~/.config/SMMS\\ Desktop/smms.sqlite --out /media/usb/smms-2026-03-01.sqlite',
  ],
  async run(values, io) {
    const source = localDbPathArg(values.db, 'backup');
    if (typeof values.out !== 'string' || !values.out) {
      throw new CliError('smms backup: --out <file or folder> is required. See smms backup --help.');
    }
    const out =
      existsSync(values.out) && statSync(values.out).isDirectory()
        ? join(values.out, backupFileName(new Date(), 'manual'))
        : values.out;
    try {
      const r = await backupDatabase(source, out);
      const info = inspectDatabaseFile(r.file);
      io.out(
        `Backed up ${source} to ${r.file} (${formatBytes(r.bytes)}, ${(r.ms / 1000).toFixed(1)} s); ` +
          `schema ${info.schema || 'none'}, integrity ok.`,
      );
      return 0;
    } catch (err) {
      if (err instanceof OpsError) throw new CliError(`smms backup: ${err.message}`);
      throw err;
    }
  },
};

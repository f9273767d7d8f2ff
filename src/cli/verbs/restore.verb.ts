import { dirname, join } from 'node:path';
import { LATEST_SCHEMA } from '../../core/db/migrate.ts';
import { OpsError } from '../../core/ops/ops-errors.ts';
import { restoreDatabase } from '../../core/ops/restore.ts';
import { sqlitePathOf } from '../../core/ops/sqlite-file.ts';
import { CliError, type ParsedValues, type Verb } from '../verb.ts';

// `smms restore`: the app's restore from the command line (for a machine whose app will not start).

/** The local database file named by --db (or SMMS_DB); MySQL URLs are refused with the way to go. */
export function localDbPathArg(value: ParsedValues[string], verb: string): string {
  const raw = typeof value === 'string' ? value : process.env.SMMS_DB;
  if (!raw) throw new CliError(`smms ${verb}: --db sqlite:<file> is required (or set SMMS_DB).`);
  const path = sqlitePathOf(raw);
  if (path === null) {
    throw new CliError(
      `smms ${verb}: works on a local SQLite database file. Back up or restore the central MySQL/MariaDB ` +
        `database with mariadb-dump / mysql (see docs/operations.md).`,
    );
  }
  return path;
}

export const restoreVerb: Verb = {
  name: 'restore',
  summary: 'Replace a local SQLite database with a backup (the current state is kept as a backup first)',
  usage: 'smms restore --db sqlite:<file> --from <backup file>',
  description: [
    'Checks the backup first (readable, passes integrity_check, an SMMS database, not made by a newer',
    'SMMS), then keeps the current database as backups/smms-<time>-pre-restore.sqlite next to it (a',
    'damaged database is moved there instead, never deleted), and swaps the backup in. Close SMMS',
    'Desktop first: a database that is open elsewhere is refused and left as it was. A backup from an',
    'older version is updated by the app (with a backup first) the next time it opens.',
  ].join('\n'),
  options: {
    db: { type: 'string', value: '<url>', help: 'The database to replace: sqlite:<file> or a plain path.' },
    from: { type: 'string', value: '<file>', help: 'The backup file to restore.' },
  },
  examples: ['smms restore --db sqlite:smms.sqlite --from backups/smms-20260301-020000000Z-daily.sqlite'],
  async run(values, io) {
    const dbFile = localDbPathArg(values.db, 'restore');
    if (typeof values.from !== 'string' || !values.from) {
      throw new CliError('smms restore: --from <backup file> is required. See smms restore --help.');
    }
    try {
      const r = await restoreDatabase({
        dbFile,
        from: values.from,
        backupsDir: join(dirname(dbFile), 'backups'),
        at: new Date(),
      });
      io.out(`Restored ${dbFile} from ${r.restoredFrom} (schema ${r.schema}).`);
      if (r.kept) io.out(`The state it replaced is kept as ${join(dirname(dbFile), 'backups', r.kept)}.`);
      if (r.schema < LATEST_SCHEMA) {
        io.out(`SMMS updates it to schema ${LATEST_SCHEMA} when it next opens it (after a backup).`);
      }
      return 0;
    } catch (err) {
      if (err instanceof OpsError) throw new CliError(`smms restore: ${err.message}`);
      throw err;
    }
  },
};

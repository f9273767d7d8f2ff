import { sql } from 'kysely';
import { connect, type Db } from '../core/db/connect.ts';
import { ensureMysqlDatabase } from '../core/db/migrate.ts';
import { parseDbUrl, redactUrl, type DbUrl } from '../core/db/url.ts';
import { friendlyMessage } from './errors.ts';
import { CliError, type OptionSpec } from './verb.ts';

export const DB_OPTION: OptionSpec = {
  type: 'string',
  value: '<url>',
  help: 'sqlite:<file> or mysql://user:password@host:3306/database (or set SMMS_DB).',
};

export interface OpenedDb {
  db: Db;
  /** The URL with its password masked, for anything printed. */
  label: string;
  /** MySQL only: whether this run created the database. */
  created: boolean;
}

/** The --db value, else $SMMS_DB (keeps a password out of shell history). */
export function dbUrlArg(value: string | boolean | undefined, verb: string): string {
  const raw = typeof value === 'string' ? value : process.env.SMMS_DB;
  if (!raw)
    throw new CliError(`smms ${verb}: --db <url> is required (or set SMMS_DB). See smms ${verb} --help.`);
  return raw;
}

/**
 * Opens the database for a verb and runs `work`; creates a missing MySQL database when asked.
 * Errors come back as CliError with a message a user can act on, the URL's password never in it.
 */
export async function withDatabase<T>(
  raw: string,
  options: { createMysqlDatabase: boolean },
  work: (opened: OpenedDb) => Promise<T>,
): Promise<T> {
  const url = parseDbUrl(raw);
  let db: Db | undefined;
  try {
    const created =
      url.kind === 'mysql' && options.createMysqlDatabase ? await ensureMysqlDatabase(url) : false;
    db = connect(url, { poolSize: 4 });
    // Connections are lazy: ask once now so an unreachable server fails here, clearly.
    await sql`select 1`.execute(db.kysely);
    return await work({ db, label: redactUrl(raw), created });
  } catch (err) {
    throw asCliError(err, url);
  } finally {
    // A failed connection may fail to close too; the first error is the one worth reporting.
    await db?.close().catch(() => undefined);
  }
}

function asCliError(err: unknown, url: DbUrl): unknown {
  const password = url.kind === 'mysql' ? url.password : '';
  const scrub = (text: string): string => (password ? text.replaceAll(password, '***') : text);
  const message = friendlyMessage(err, url);
  if (message !== null) return new CliError(scrub(message));
  if (err instanceof Error) err.message = scrub(err.message);
  return err;
}

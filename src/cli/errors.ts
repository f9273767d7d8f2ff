import { DbUrlError, type DbUrl } from '../core/db/url.ts';
import { MigrationFailedError, SchemaTooNewError } from '../core/db/migrate.ts';
import { DemoRefusedError } from '../core/demo/generate.ts';
import { CliError } from './verb.ts';

interface CodedError {
  code?: unknown;
  errors?: unknown;
  message?: unknown;
  sqlMessage?: unknown;
}

function codeOf(err: unknown): string {
  const e = err as CodedError;
  if (typeof e?.code === 'string') return e.code;
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  if (Array.isArray(e?.errors)) return codeOf(e.errors[0]);
  return '';
}

const where = (url?: DbUrl): string => (url?.kind === 'mysql' ? `${url.host}:${url.port}` : 'the server');

/** Connection and server problems a user can fix, in words; null when the error is not one of them. */
function mysqlProblem(code: string, url?: DbUrl): string | null {
  const user = url?.kind === 'mysql' ? url.user : '';
  const db = url?.kind === 'mysql' ? url.database : '';
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot reach the MySQL server at ${where(url)} — is it running?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot find the MySQL server host ${url?.kind === 'mysql' ? `"${url.host}"` : ''} — check the host name in the URL.`;
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'PROTOCOL_CONNECTION_LOST':
      return `The connection to the MySQL server at ${where(url)} timed out or was dropped — check the host, port and firewall.`;
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_NOT_SUPPORTED_AUTH_MODE':
      return `The MySQL server at ${where(url)} refused user "${user}": wrong user name or password.`;
    case 'ER_DBACCESS_DENIED_ERROR':
      return `MySQL user "${user}" may not use or create database "${db}". Ask the database administrator for rights, or use an admin account for smms migrate.`;
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
      return `MySQL user "${user}" lacks the rights this needs (creating tables needs an admin account with DDL rights).`;
    case 'ER_BAD_DB_ERROR':
      return `Database "${db}" does not exist on ${where(url)}. Run smms migrate first.`;
    default:
      return null;
  }
}

function sqliteProblem(err: unknown, url?: DbUrl): string | null {
  const path = url?.kind === 'sqlite' ? `"${url.path}"` : 'the SQLite file';
  const code = codeOf(err);
  const message = String((err as CodedError)?.message ?? '');
  if (code === 'SQLITE_CANTOPEN' || /directory does not exist/.test(message)) {
    return `Cannot open ${path} — does its folder exist, and may you write there?`;
  }
  if (code === 'SQLITE_NOTADB') return `${path} is not an SQLite database.`;
  if (code === 'SQLITE_READONLY') return `${path} is read-only.`;
  if (code === 'SQLITE_BUSY') return `${path} is locked by another program (is SMMS running on it?).`;
  return null;
}

/**
 * The message for an error the user can act on (bad URL, server down, wrong password, refused
 * demo, failed migration), or null for a genuine bug. Never includes a stack trace.
 */
export function friendlyMessage(err: unknown, url?: DbUrl): string | null {
  if (
    err instanceof CliError ||
    err instanceof DbUrlError ||
    err instanceof DemoRefusedError ||
    err instanceof SchemaTooNewError ||
    err instanceof MigrationFailedError
  ) {
    return err.message;
  }
  return mysqlProblem(codeOf(err), url) ?? sqliteProblem(err, url);
}

// Database URLs accepted everywhere (CLI, settings, tests):
//   sqlite:<path>            embedded file (relative paths resolve against the working directory)
//   sqlite::memory:          throwaway in-memory database (tests)
//   mysql://user:pass@host:port/db[?ssl=true]   central MySQL / MariaDB (mariadb:// also accepted)

export type DbUrl =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'mysql';
      host: string;
      port: number;
      user: string;
      password: string;
      database: string;
      ssl: boolean;
    };

export class DbUrlError extends Error {
  override name = 'DbUrlError';
}

const EXAMPLES = 'Use sqlite:<file> or mysql://user:password@host:3306/database.';

export function parseDbUrl(raw: string): DbUrl {
  const text = raw.trim();
  if (text.startsWith('sqlite:')) {
    const path = text.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new DbUrlError(`The SQLite URL "${raw}" names no file. ${EXAMPLES}`);
    return { kind: 'sqlite', path };
  }
  if (/^(mysql|mariadb):\/\//.test(text)) {
    let u: URL;
    try {
      u = new URL(text.replace(/^mariadb:/, 'mysql:'));
    } catch {
      throw new DbUrlError(`"${redactUrl(raw)}" is not a valid MySQL URL. ${EXAMPLES}`);
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!database) throw new DbUrlError(`The MySQL URL "${redactUrl(raw)}" names no database. ${EXAMPLES}`);
    if (!/^[A-Za-z0-9_$-]{1,64}$/.test(database)) {
      throw new DbUrlError(`"${database}" is not a usable database name (letters, digits, _ and - only).`);
    }
    const port = u.port ? Number(u.port) : 3306;
    return {
      kind: 'mysql',
      host: u.hostname || '127.0.0.1',
      port,
      user: decodeURIComponent(u.username || 'root'),
      password: decodeURIComponent(u.password),
      database,
      ssl: ['1', 'true', 'required'].includes(u.searchParams.get('ssl') ?? ''),
    };
  }
  throw new DbUrlError(`"${redactUrl(raw)}" is not a database URL. ${EXAMPLES}`);
}

/** The URL with any password replaced, safe for logs and error messages. */
export function redactUrl(raw: string): string {
  return raw.replace(/^(\w+:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

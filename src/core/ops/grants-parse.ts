// Reads SHOW GRANTS output (MySQL 8 and MariaDB) into the privileges an account has on each table of
// one database, so `smms doctor` can compare them with what the app needs. Column-level grants and
// role grants are ignored: the app needs table-level rights.

export interface Grant {
  privileges: string[];
  /** '*' or a database name pattern (may contain % and _ wildcards, \_ for a literal _). */
  db: string;
  /** '*' or a table name. */
  table: string;
}

const LINE = /^GRANT (.+?) ON (\*|`(?:[^`]|``)+`)\.(\*|`(?:[^`]|``)+`) TO /;
const unquote = (s: string): string => (s === '*' ? '*' : s.slice(1, -1).replace(/``/g, '`'));
const ALL = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'ALTER',
  'DROP',
  'INDEX',
  'TRIGGER',
  'REFERENCES',
];

export function parseGrants(lines: readonly string[]): Grant[] {
  const grants: Grant[] = [];
  for (const line of lines) {
    const m = LINE.exec(line);
    if (!m || m[1]!.includes('(')) continue;
    const privileges = m[1]!.split(',').map((p) => p.trim().toUpperCase());
    grants.push({
      privileges: privileges.flatMap((p) =>
        p === 'ALL PRIVILEGES' || p === 'ALL' ? [...ALL, 'SUPER'] : [p],
      ),
      db: unquote(m[2]!),
      table: unquote(m[3]!),
    });
  }
  return grants;
}

function dbMatches(pattern: string, db: string): boolean {
  if (pattern === '*') return true;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += escapeRe(pattern[++i]!);
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`).test(db);
}

const escapeRe = (c: string): string => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Privileges {
  /** Whether the account has `privilege` on `table` ('*': on the whole database). */
  has(table: string, privilege: string): boolean;
}

export function effectivePrivileges(grants: readonly Grant[], database: string): Privileges {
  const relevant = grants.filter((g) => dbMatches(g.db, database));
  return {
    has(table, privilege) {
      // SUPER is global only; everything else counts at database or table level.
      return relevant.some(
        (g) =>
          g.privileges.includes(privilege) &&
          (g.table === '*' || (table !== '*' && g.table === table)) &&
          (privilege !== 'SUPER' || g.db === '*'),
      );
    },
  };
}

import type { MysqlPool, MysqlPoolConnection } from 'kysely';
import type { Pool, PoolConnection } from 'mysql2';

// Dates cross our boundary as ISO-8601 UTC strings with milliseconds. MySQL's DATETIME(3) refuses the
// "T…Z" form in strict mode, so parameters of exactly that shape are rewritten to MySQL's literal
// form on their way to the driver (the session runs in UTC, see connect.ts). The pattern is anchored
// and exact, so free text only matches if it is itself a complete timestamp.
const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}\.\d{3})Z$/;

export function isoToMysqlDateTime(value: string): string {
  const m = ISO_UTC.exec(value);
  return m ? `${m[1]} ${m[2]}` : value;
}

/** '2026-01-02 03:04:05.678' (or without fraction) → '2026-01-02T03:04:05.678Z'. */
export function mysqlDateTimeToIso(text: string): string {
  // Every DATETIME(3) value has exactly this shape: two slices instead of four splits (it runs for
  // every timestamp of every row read; a mentor's first sync converts ~10,000, ~0.6 µs each before).
  if (text.length === 23 && text.charCodeAt(10) === 32 && text.charCodeAt(19) === 46)
    return `${text.slice(0, 10)}T${text.slice(11)}Z`;
  const [date, time = '00:00:00'] = text.split(' ');
  const [hms, frac = ''] = time.split('.');
  return `${date}T${hms}.${(frac + '000').slice(0, 3)}Z`;
}

function convert(value: unknown): unknown {
  return typeof value === 'string' && ISO_UTC.test(value) ? isoToMysqlDateTime(value) : value;
}

/** A statement's parameters with every ISO timestamp in MySQL's form (the array itself when none is). */
export function mysqlDateParams(parameters: readonly unknown[]): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < parameters.length; i++) {
    const v = parameters[i];
    const c = convert(v);
    if (c !== v) (out ??= parameters.slice())[i] = c;
  }
  return out ?? (parameters as unknown[]);
}

/**
 * The pool as Kysely's MysqlDialect sees it, with every statement's parameters converted on their way
 * to mysql2. Done here rather than by a Kysely plugin rewriting each query's operation tree: the
 * rewrite copied every node of every statement, a quarter of Kysely's CPU in a sync round and most of
 * it for the long IN lists of the pull. Each pooled connection keeps one wrapper, since Kysely
 * recognises a connection it has set up (onCreateConnection) by that object.
 */
export function withMysqlDateParams(pool: Pool): MysqlPool {
  const wrapped = new WeakMap<PoolConnection, MysqlPoolConnection>();
  const wrap = (conn: PoolConnection): MysqlPoolConnection => {
    let w = wrapped.get(conn);
    if (!w) {
      w = {
        query: ((text: string, parameters: unknown[], callback?: (e: unknown, r: unknown) => void) =>
          callback
            ? conn.query(text, mysqlDateParams(parameters), callback)
            : conn.query(text, mysqlDateParams(parameters))) as MysqlPoolConnection['query'],
        release: () => conn.release(),
      };
      wrapped.set(conn, w);
    }
    return w;
  };
  return {
    getConnection: (callback) =>
      pool.getConnection((err, conn) => callback(err, err ? (conn as never) : wrap(conn))),
    end: (callback) => pool.end(callback),
  };
}

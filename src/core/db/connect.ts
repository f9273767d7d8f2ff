import SqliteDatabase from 'better-sqlite3';
import { createPool, type PoolConnection, type TypeCastField, type TypeCastNext } from 'mysql2';
import {
  CompiledQuery,
  Kysely,
  MysqlDialect,
  SqliteDialect,
  type KyselyPlugin,
  type LogConfig,
  type SqliteDatabase as SqliteDialectDatabase,
} from 'kysely';
import type { Database } from './schema.ts';
import { parseDbUrl, type DbUrl } from './url.ts';
import { mysqlDateTimeToIso, withMysqlDateParams } from './mysql-datetime.ts';
import { streamMysqlQueries, type QueryBatch } from './mysql-stream.ts';

export type Dialect = 'sqlite' | 'mysql';

/** A connected database: the Kysely handle plus what the rest of core needs to know about it. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  url: DbUrl;
  close(): Promise<void>;
  /**
   * SQLite only: a prepared statement on the same connection (and statement cache) Kysely uses, for
   * the one hot path that writes hundreds of thousands of rows (sync's snapshot and pull apply), where
   * an awaited Kysely call per row costs more than the row. Runs inside Kysely's open transaction.
   */
  sqliteStatement?: (text: string) => SqliteDatabase.Statement;
  /**
   * MySQL only: large SELECTs streamed in batches, back to back over one connection (sync's
   * snapshot; see mysql-stream.ts).
   */
  streamQueries?: (queries: readonly CompiledQuery[], batchSize: number) => AsyncGenerator<QueryBatch>;
}

export interface ConnectOptions {
  /** mysql2 pool size (central). */
  poolSize?: number;
  plugins?: KyselyPlugin[];
  /** Kysely's query log (the benchmarks capture a call's statements with it). */
  log?: LogConfig;
}

export function connect(url: string | DbUrl, options: ConnectOptions = {}): Db {
  const parsed = typeof url === 'string' ? parseDbUrl(url) : url;
  return parsed.kind === 'sqlite' ? connectSqlite(parsed, options) : connectMysql(parsed, options);
}

const STATEMENT_CACHE_SIZE = 500;

/** Bytes a local WAL file is cut back to once a checkpoint has emptied it. */
export const WAL_SIZE_LIMIT = 64 * 1024 * 1024;

const NOTHING_TO_ROLL_BACK = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  all: () => [],
  iterate: () => [][Symbol.iterator](),
} as unknown as ReturnType<SqliteDialectDatabase['prepare']>;

/**
 * Kysely prepares every query afresh; preparing costs more than running for the small indexed
 * queries the services make, so identical SQL text reuses its prepared statement (LRU). Safe because
 * Kysely's SQLite driver runs one query at a time on its single connection.
 */
function withStatementCache(db: SqliteDatabase.Database): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(text: string) {
      // SQLite ends a transaction by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM):
      // Kysely's ROLLBACK would then fail with "no transaction is active" and hide the real error (a
      // full disk reported as an unknown failure). With nothing to roll back, it does nothing.
      if (text === 'rollback' && !db.inTransaction) return NOTHING_TO_ROLL_BACK;
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = db.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt as unknown as ReturnType<SqliteDialectDatabase['prepare']>;
    },
  };
}

function connectSqlite(url: Extract<DbUrl, { kind: 'sqlite' }>, options: ConnectOptions): Db {
  const file = url.path === ':memory:' ? ':memory:' : url.path;
  // Under Electron the shell points at an Electron-ABI build of better-sqlite3 (node_modules stays
  // compiled for Node so tests and the CLI keep working); see scripts/electron-native.mjs.
  const binding = process.env.SMMS_SQLITE_BINDING;
  const sqlite = new SqliteDatabase(file, binding ? { nativeBinding: binding } : {});
  // WAL lets the UI read while sync writes; busy_timeout rides out the short write locks;
  // foreign keys are off by default in SQLite and the seed's FK rules depend on them.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // A WAL file keeps the size of its largest write until something truncates it: after an office's
  // first sync, 631 MB of disk held by a log already copied back (sync's snapshot checkpoints once
  // at its end). With a limit, the log is cut back to it when it restarts after a checkpoint.
  sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
  const cached = withStatementCache(sqlite);
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cached }),
    plugins: options.plugins ?? [],
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    kysely,
    dialect: 'sqlite',
    url,
    close: () => kysely.destroy(),
    sqliteStatement: (text) => cached.prepare(text) as unknown as SqliteDatabase.Statement,
  };
}

/**
 * mysql2 hands back DATETIME as Date and JSON as parsed values (MySQL's JSON type, and MariaDB's
 * LONGTEXT flagged json in the extended metadata); convert both to the shapes schema.ts promises
 * (ISO strings, JSON text), so repositories never see a dialect difference.
 */
function typeCast(field: TypeCastField, next: TypeCastNext): unknown {
  if (field.type === 'DATETIME' || field.type === 'TIMESTAMP') {
    const text = field.string();
    return text === null ? null : mysqlDateTimeToIso(text);
  }
  if (field.type === 'JSON' || field.extendedFormat === 'json') return field.string('utf8');
  return next();
}

/**
 * Run once on every new central connection. UTC and strict mode (below). REPEATABLE READ, MySQL's
 * default, is set per session rather than trusted from the server's global setting: the sync pull's
 * consistent snapshot needs it, and setting it here instead of before every pull saves each sync
 * round a statement (`set transaction ...` only applies to the next transaction).
 */
const MYSQL_SESSION_INIT = [
  "SET time_zone = '+00:00', sql_mode = 'STRICT_ALL_TABLES,ONLY_FULL_GROUP_BY,NO_ZERO_DATE," +
    "NO_ZERO_IN_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'",
  'SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ',
];

interface MysqlCommand {
  onResult?: unknown;
  listenerCount(event: string): number;
  emit(event: string, err: unknown): boolean;
}

/**
 * mysql2 tells a command without a callback (a streamed query: the sync snapshot's) nothing when its
 * connection dies: the error goes to the connection only, so the stream would wait forever and a
 * snapshot cut by a network drop would hang its sync round. The connection's current command is
 * mysql2's private `_command`; no public handle reaches it.
 */
function passLostConnectionToStreams(conn: PoolConnection): void {
  conn.on('error', (err: unknown) => {
    const command = (conn as unknown as { _command?: MysqlCommand | null })._command;
    if (command && !command.onResult && command.listenerCount('error') > 0) command.emit('error', err);
  });
}

function connectMysql(url: Extract<DbUrl, { kind: 'mysql' }>, options: ConnectOptions): Db {
  const pool = createPool({
    host: url.host,
    port: url.port,
    user: url.user,
    password: url.password,
    database: url.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    jsonStrings: true,
    typeCast,
    connectionLimit: options.poolSize ?? 10,
    connectTimeout: 5000,
    ...(url.ssl ? { ssl: { rejectUnauthorized: true } } : {}),
  });
  pool.on('connection', passLostConnectionToStreams);
  const kysely = new Kysely<Database>({
    dialect: new MysqlDialect({
      pool: withMysqlDateParams(pool),
      // Every session in UTC (CURRENT_TIMESTAMP(3) defaults) and strict, so bad values fail loudly.
      onCreateConnection: async (conn) => {
        for (const statement of MYSQL_SESSION_INIT) await conn.executeQuery(CompiledQuery.raw(statement));
      },
    }),
    plugins: options.plugins ?? [],
    ...(options.log ? { log: options.log } : {}),
  });
  // Connections the streamer takes straight from the pool get the same session settings as Kysely's.
  const initialised = new WeakSet<PoolConnection>();
  const run = (conn: PoolConnection, statement: string): Promise<void> =>
    new Promise((resolve, reject) => conn.query(statement, (err) => (err ? reject(err) : resolve())));
  const prepare = async (conn: PoolConnection): Promise<void> => {
    if (initialised.has(conn)) return;
    for (const statement of MYSQL_SESSION_INIT) await run(conn, statement);
    initialised.add(conn);
  };
  return {
    kysely,
    dialect: 'mysql',
    url,
    close: () => kysely.destroy(),
    streamQueries: (queries, batchSize) => streamMysqlQueries(pool, prepare, queries, batchSize),
  };
}

import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '../../src/core/db/connect.ts';
import { ensureMysqlDatabase, migrateToLatest } from '../../src/core/db/migrate.ts';
import { parseDbUrl } from '../../src/core/db/url.ts';
import { generateDemo, type ScaleName } from '../../src/core/demo/generate.ts';
import { adminConnection, databaseUrl, dropDatabase, listDatabases } from './mysql-admin.ts';

// Demo datasets, generated once and cached: SQLite files in a temp directory and MariaDB databases
// named smms_bench_<scale>_<key>. The key hashes the generator's sources with the scale, seed and
// date, so a changed generator regenerates instead of benchmarking stale rows. A new migration does
// not: the cached databases are migrated forward on use, as an installed app's are on upgrade (the
// large MariaDB dataset takes the better part of an hour to generate; an added index takes seconds).
// Benchmarks never write to a cached dataset: they get a copy (SQLite) or a clone (MariaDB,
// smms_bench_run_<pid>_<tag>, dropped at the end of the run).

const ROOT = join(import.meta.dirname, '..', '..');

export interface DatasetInfo {
  scale: ScaleName;
  seed: number;
  asOf: string;
  counts: Record<string, number>;
  rows: number;
  generatedMs: number;
  generatedAt: string;
  /** False when this run generated it. */
  cached: boolean;
}

export interface SqliteDataset extends DatasetInfo {
  file: string;
}

export interface MysqlDataset extends DatasetInfo {
  database: string;
  url: string;
}

function sourceHash(): string {
  const h = createHash('sha256');
  const dirs = [join(ROOT, 'src/core/demo')];
  for (const dir of dirs) {
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
      .sort()) {
      h.update(f).update(readFileSync(join(dir, f)));
    }
  }
  return h.digest('hex').slice(0, 10);
}

export class Datasets {
  readonly dir: string;
  private readonly key: string;
  private readonly clones: string[] = [];

  constructor(
    private readonly server: string,
    private readonly seed: number,
    private readonly asOf: string,
    private readonly log: (m: string) => void,
  ) {
    this.dir = process.env.SMMS_BENCH_CACHE ?? join(tmpdir(), 'smms-bench-cache');
    mkdirSync(this.dir, { recursive: true });
    this.key = createHash('sha256').update(`${sourceHash()}/${seed}/${asOf}`).digest('hex').slice(0, 8);
  }

  private manifestPath(scale: ScaleName, kind: 'sqlite' | 'mysql'): string {
    return join(this.dir, `${scale}-${this.key}.${kind}.json`);
  }

  private readManifest<T>(scale: ScaleName, kind: 'sqlite' | 'mysql'): T | null {
    const p = this.manifestPath(scale, kind);
    return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as T) : null;
  }

  /** The cached SQLite file of `scale` (generated on first use). Open it only through `sqliteCopy`. */
  async sqlite(scale: ScaleName): Promise<SqliteDataset> {
    const file = join(this.dir, `${scale}-${this.key}.sqlite`);
    const known = this.readManifest<SqliteDataset>(scale, 'sqlite');
    if (known && existsSync(file)) {
      await migrateForward(`sqlite:${file}`);
      return { ...known, file, cached: true };
    }
    const tmp = `${file}.partial`;
    rmSync(tmp, { force: true });
    this.log(`dataset: generating ${scale} demo into SQLite (seed ${this.seed}, as of ${this.asOf}) ...`);
    const db = connect(`sqlite:${tmp}`);
    const t0 = performance.now();
    let counts: Record<string, number>;
    try {
      await migrateToLatest(db);
      counts = (await generateDemo(db, { scale, seed: this.seed, asOf: this.asOf })).counts;
    } finally {
      await db.close();
    }
    const info: SqliteDataset = this.info(scale, counts, performance.now() - t0, { file });
    renameSync(tmp, file);
    writeFileSync(this.manifestPath(scale, 'sqlite'), `${JSON.stringify(info, null, 2)}\n`);
    this.log(
      `dataset: ${scale} SQLite ready, ${info.rows} rows in ${(info.generatedMs / 1000).toFixed(1)} s`,
    );
    return { ...info, cached: false };
  }

  /** A private copy of the cached SQLite dataset, for a benchmark that opens or writes it. */
  async sqliteCopy(scale: ScaleName, into: string): Promise<string> {
    const ds = await this.sqlite(scale);
    copyFileSync(ds.file, into);
    return into;
  }

  /** The cached MariaDB dataset of `scale`: read it, never write it (use `mysqlClone`). */
  async mysql(scale: ScaleName): Promise<MysqlDataset> {
    // Another run may be generating it right now (large takes the better part of an hour): wait.
    const lock = join(this.dir, `${scale}-${this.key}.mysql.lock`);
    for (let waited = 0; existsSync(lock); waited++) {
      const pid = Number(readFileSync(lock, 'utf8'));
      if (!alive(pid) || pid === process.pid) break;
      if (waited % 60 === 0)
        this.log(`dataset: waiting for process ${pid} generating ${scale} into MariaDB ...`);
      await new Promise((r) => setTimeout(r, 5000));
    }
    writeFileSync(lock, String(process.pid));
    try {
      return await this.mysqlLocked(scale);
    } finally {
      rmSync(lock, { force: true });
    }
  }

  private async mysqlLocked(scale: ScaleName): Promise<MysqlDataset> {
    const known = this.readManifest<MysqlDataset>(scale, 'mysql');
    const database = known?.database ?? `smms_bench_${scale}_${this.key}`;
    const conn = await adminConnection(this.server);
    try {
      if (known && (await listDatabases(conn, database)).includes(database)) {
        const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM \`${database}\`.users`);
        if (Number((rows as { n: number }[])[0]!.n) === known.counts.users) {
          await migrateForward(known.url);
          return { ...known, cached: true };
        }
      }
      // Other datasets of this scale are stale (generator changed): free the space.
      for (const old of await listDatabases(conn, `smms_bench_${scale}_`)) await dropDatabase(conn, old);
    } finally {
      await conn.end();
    }
    rmSync(this.manifestPath(scale, 'mysql'), { force: true });
    const url = databaseUrl(this.server, database);
    this.log(
      `dataset: generating ${scale} demo into MariaDB ${database} (slow: change-capture triggers) ...`,
    );
    const parsed = parseDbUrl(url);
    if (parsed.kind !== 'mysql') throw new Error('not mysql');
    await ensureMysqlDatabase(parsed);
    const db = connect(url);
    const t0 = performance.now();
    let counts: Record<string, number>;
    try {
      await migrateToLatest(db);
      counts = (await generateDemo(db, { scale, seed: this.seed, asOf: this.asOf })).counts;
    } finally {
      await db.close();
    }
    const info: MysqlDataset = this.info(scale, counts, performance.now() - t0, { database, url });
    writeFileSync(this.manifestPath(scale, 'mysql'), `${JSON.stringify(info, null, 2)}\n`);
    this.log(
      `dataset: ${scale} MariaDB ready, ${info.rows} rows in ${(info.generatedMs / 1000).toFixed(1)} s`,
    );
    return { ...info, cached: false };
  }

  private info<T extends object>(
    scale: ScaleName,
    counts: Record<string, number>,
    ms: number,
    extra: T,
  ): DatasetInfo & T {
    return {
      scale,
      seed: this.seed,
      asOf: this.asOf,
      counts,
      rows: Object.values(counts).reduce((a, b) => a + b, 0),
      generatedMs: Math.round(ms),
      generatedAt: new Date().toISOString(),
      cached: false,
      ...extra,
    };
  }

  /**
   * A writable clone of the cached MariaDB dataset: migrated fresh (same tables, keys and foreign
   * keys), then filled table by table inside the server with the capture triggers set aside, so
   * the copy does not pay (or record) a change per row; the triggers are restored before use.
   */
  async mysqlClone(scale: ScaleName, tag: string): Promise<MysqlDataset> {
    const source = await this.mysql(scale);
    const database = `smms_bench_run_${process.pid}_${tag}`;
    const url = databaseUrl(this.server, database);
    const conn = await adminConnection(this.server);
    await dropDatabase(conn, database);
    await conn.end();
    this.clones.push(database);
    const parsed = parseDbUrl(url);
    if (parsed.kind !== 'mysql') throw new Error('not mysql');
    await ensureMysqlDatabase(parsed);
    const db = connect(url);
    await migrateToLatest(db);
    await db.close();
    const t0 = performance.now();
    await copyTables(this.server, source.database, database);
    this.log(
      `dataset: cloned ${source.database} → ${database} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return { ...source, database, url };
  }

  private readonly work = new Map<ScaleName, Promise<MysqlDataset>>();

  /** One writable clone of `scale` shared by this run's sync benchmarks (created on first use). */
  central(scale: ScaleName): Promise<MysqlDataset> {
    let p = this.work.get(scale);
    // The runner prepares the clone once and names it to every benchmark process it starts.
    const shared = process.env[`SMMS_BENCH_CENTRAL_${scale.toUpperCase()}`];
    if (!p && shared)
      p = this.mysql(scale).then((ds) => ({
        ...ds,
        database: shared,
        url: databaseUrl(this.server, shared),
      }));
    if (!p) {
      p = this.mysqlClone(scale, scale);
      this.work.set(scale, p);
    }
    return p;
  }

  async dropClones(): Promise<void> {
    this.work.clear();
    const conn = await adminConnection(this.server);
    try {
      for (const name of this.clones.splice(0)) await dropDatabase(conn, name);
    } finally {
      await conn.end();
    }
  }

  /** Clones left by runs that died (their process is gone). */
  async dropStaleClones(): Promise<void> {
    const conn = await adminConnection(this.server);
    try {
      for (const name of await listDatabases(conn, 'smms_bench_run_')) {
        const pid = Number(/^smms_bench_run_(\d+)_/.exec(name)?.[1]);
        if (pid && pid !== process.pid && !alive(pid)) await dropDatabase(conn, name);
      }
    } finally {
      await conn.end();
    }
  }
}

/** Brings a cached dataset's schema to the latest migration (nothing to do when it is current). */
async function migrateForward(url: string): Promise<void> {
  const db = connect(url);
  try {
    await migrateToLatest(db);
  } finally {
    await db.close();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const MIGRATION_TABLES = new Set(['smms_migrations', 'smms_migrations_lock']);

async function copyTables(server: string, from: string, to: string): Promise<void> {
  const conn = await adminConnection(server, to);
  try {
    const [trg] = await conn.query(
      `SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER`,
      [to],
    );
    const ddl: string[] = [];
    for (const { name } of trg as { name: string }[]) {
      const [rows] = await conn.query(`SHOW CREATE TRIGGER \`${name}\``);
      ddl.push((rows as Record<string, string>[])[0]!['SQL Original Statement']!);
      await conn.query(`DROP TRIGGER \`${name}\``);
    }
    const [tables] = await conn.query(
      `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`,
      [from],
    );
    await conn.query('SET foreign_key_checks = 0, unique_checks = 0');
    for (const { name } of tables as { name: string }[]) {
      if (MIGRATION_TABLES.has(name)) continue;
      await conn.query(`DELETE FROM \`${to}\`.\`${name}\``);
      await conn.query(`INSERT INTO \`${to}\`.\`${name}\` SELECT * FROM \`${from}\`.\`${name}\``);
    }
    await conn.query('SET foreign_key_checks = 1, unique_checks = 1');
    for (const statement of ddl) await conn.query(statement);
  } finally {
    await conn.end();
  }
}

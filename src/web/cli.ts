import { readFileSync } from 'node:fs';
import electronLog from 'electron-log/node';
import { dirname, join, resolve } from 'node:path';
import type { Core } from '../core/app.ts';
import { openConnectableCore } from '../core/sync/connectable-core.ts';
import { webConnectionStores } from './connection-stores.ts';
import { parseDbUrl, redactUrl } from '../core/db/url.ts';
import { openCore } from '../core/open-core.ts';
import type { Logger } from '../core/log.ts';
import { openFileLogger } from '../core/ops/log-file.ts';
import { OpsError } from '../core/ops/ops-errors.ts';
import { packageRoot, packageVersion } from '../core/package-root.ts';
import { prepareLocalDatabase } from '../core/ops/startup.ts';
import { startWebShell } from './server.ts';

// `npm run start:web -- [--db <url>] [--port <n>] [--static <dir>]` and the `smms web` verb.

const USAGE = 'usage: smms web [--db <url>] [--port <n>] [--static <dir>]';

export interface WebArgs {
  dbUrl: string;
  port: number;
  staticDir: string;
}

/** The local database everything uses by default: $SMMS_DATA_DIR or ./.smms-data, smms.sqlite. */
export function defaultDbUrl(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const dir = env.SMMS_DATA_DIR ? resolve(env.SMMS_DATA_DIR) : join(cwd, '.smms-data');
  return `sqlite:${join(dir, 'smms.sqlite')}`;
}

export function parseWebArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): WebArgs | string {
  const args: WebArgs = {
    dbUrl: defaultDbUrl(env),
    port: 0,
    staticDir: join(packageRoot(), 'out/renderer'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) return `${flag} needs a value. ${USAGE}`;
    if (flag === '--db') args.dbUrl = value;
    else if (flag === '--static') args.staticDir = resolve(value);
    else if (flag === '--port' && /^\d{1,5}$/.test(value) && Number(value) < 65536) args.port = Number(value);
    else return `Unknown or invalid option ${flag} ${value}. ${USAGE}`;
  }
  return args;
}

/**
 * The same start as the desktop shell (src/main/backup-startup.ts): for a local SQLite file the data
 * folder is checked, a restore asked for in the app is carried out, integrity_check runs, a backup is
 * taken before any migration (and put back if one fails), and the daily backup is made; then the core
 * is built (the outbox-capturing one for a synced laptop database). A central URL only migrates.
 */
export async function openShellCore(
  dbUrl: string,
  say: (line: string) => void = () => {},
  log?: Logger,
): Promise<{ core: Core; warnings: string[] }> {
  const url = parseDbUrl(dbUrl);
  const opts = { appVersion: packageVersion(), platform: process.platform, log };
  if (url.kind !== 'sqlite' || url.path === ':memory:') {
    return { core: (await openCore({ ...opts, dbUrl })).core, warnings: [] };
  }
  const dbFile = resolve(url.path);
  let last = '';
  const r = await prepareLocalDatabase({
    dataDir: dirname(dbFile),
    dbFile,
    log,
    onProgress: (p) => {
      if (p.stage === 'ready' || p.label === last) return;
      last = p.label;
      say(p.label);
    },
  });
  if (r.restored)
    say(`The backup was restored; the state before it is kept as ${r.restored.kept ?? '(nothing)'}.`);
  // A local database can be connected to central from the Sync page while the shell runs.
  const { core } = await openConnectableCore({
    ...opts,
    dbUrl: r.dbUrl,
    stores: webConnectionStores(dbUrl),
  });
  return { core, warnings: r.warnings };
}

/**
 * The shell's log, like the desktop's (src/main/logging.ts): redacted JSON lines, rotated, in
 * <data folder>/logs/web.log (the SQLite file's folder; for a central URL $SMMS_DATA_DIR or
 * ./.smms-data).
 */
function webLogger(dbUrl: string): { log: Logger; file: string } {
  const localFile = (u: string): string | null => {
    const p = parseDbUrl(u);
    return p.kind === 'sqlite' && p.path !== ':memory:' ? resolve(p.path) : null;
  };
  const dataDir = dirname(localFile(dbUrl) ?? localFile(defaultDbUrl())!);
  const file = join(dataDir, 'logs', 'web.log');
  return { log: openFileLogger(electronLog.create({ logId: 'smms-web' }), file), file };
}

/** Runs until SIGINT/SIGTERM; resolves with the process exit code. */
export async function runWebShell(argv: string[]): Promise<number> {
  const args = parseWebArgs(argv);
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  try {
    readFileSync(join(args.staticDir, 'index.html'));
  } catch {
    console.error(`No built renderer in ${args.staticDir}. Run "npm run build" first.`);
    return 1;
  }
  const { log, file: logFile } = webLogger(args.dbUrl);
  let core: Core;
  try {
    const opened = await openShellCore(args.dbUrl, (line) => console.log(line), log);
    core = opened.core;
    for (const w of opened.warnings) console.warn(w);
  } catch (err) {
    // OpsError messages say what happened and what to do (restore a backup, free space, ...).
    console.error(
      err instanceof OpsError ? err.message : `The database could not be opened: ${(err as Error).message}`,
    );
    return 1;
  }
  const shell = await startWebShell({ core, port: args.port, staticDir: args.staticDir, log });
  log.info('browser shell started', { db: redactUrl(args.dbUrl), port: new URL(shell.url).port });
  console.log(`SMMS browser shell on ${redactUrl(args.dbUrl)}`);
  console.log(`Log: ${logFile}`);
  console.log(`Open ${shell.url}`);
  console.log('Anyone with this link can use the app as you; do not share it. Ctrl+C stops.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await shell.close();
  await core.close();
  return 0;
}

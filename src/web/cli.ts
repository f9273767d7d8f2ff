import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { openConnectableCore } from '../core/sync/connectable-core.ts';
import { webConnectionStores } from './connection-stores.ts';
import { parseDbUrl, redactUrl } from '../core/db/url.ts';
import { startWebShell } from './server.ts';

// `npm run start:web -- [--db <url>] [--port <n>] [--static <dir>]` and the `smms web` verb.

const REPO_ROOT = resolve(import.meta.dirname, '../..');
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
    staticDir: join(REPO_ROOT, 'out/renderer'),
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

function appVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs until SIGINT/SIGTERM; resolves with the process exit code. */
export async function runWebShell(argv: string[]): Promise<number> {
  const args = parseWebArgs(argv);
  if (typeof args === 'string') {
    console.error(args);
    return 2;
  }
  const url = parseDbUrl(args.dbUrl);
  if (url.kind === 'sqlite' && url.path !== ':memory:')
    mkdirSync(dirname(resolve(url.path)), { recursive: true });
  try {
    readFileSync(join(args.staticDir, 'index.html'));
  } catch {
    console.error(`No built renderer in ${args.staticDir}. Run "npm run build" first.`);
    return 1;
  }
  const { core } = await openConnectableCore({
    dbUrl: args.dbUrl,
    appVersion: appVersion(),
    stores: webConnectionStores(args.dbUrl),
  });
  const shell = await startWebShell({ core, port: args.port, staticDir: args.staticDir });
  console.log(`SMMS browser shell on ${redactUrl(args.dbUrl)}`);
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

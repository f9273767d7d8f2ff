import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { RUN_LOG_DIR, testLogger } from './run-logs.ts';

// The real desktop app, where the Electron binary is installed: it starts on a fresh data folder,
// shows the first-run setup in a sandboxed window with the preload's bridge only, and writes its log
// (which the run's global teardown then greps for secrets with the browser shells' logs).
// Where the binary is not installed (CI and this build machine install with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1), the test is skipped and says so: the screens are covered by the
// browser-shell specs, the window's security settings by src/main/window-security.test.ts.

const ROOT = join(import.meta.dirname, '../..');
const ELECTRON_DIR = join(ROOT, 'node_modules/electron');

/** The Electron executable, without `require('electron')` (which downloads a missing binary). */
function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!override && !existsSync(pathFile)) return null;
  const exe = override
    ? join(override, readFileSync(pathFile, 'utf8').trim() || 'electron')
    : join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

test('desktop app: starts on a fresh data folder and shows first-run setup', async () => {
  const executablePath = electronBinary();
  if (!executablePath) {
    const why =
      'Skipped: no Electron binary in node_modules/electron (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
      'Install normally (npm ci) to run the desktop smoke test.';
    testLogger(test.info()).info('electron smoke test skipped: no Electron binary installed');
    process.stderr.write(`electron-smoke: ${why}\n`);
    test.skip(true, why);
    return;
  }
  test.setTimeout(240_000);
  // better-sqlite3 for Electron's ABI, as `npm start` builds it (cached in out/native/).
  execFileSync(process.execPath, [join(ROOT, 'scripts/electron-native.mjs')], { stdio: 'inherit' });
  // A private profile (settings, window state, logs) and data folder: never the developer's own.
  const home = mkdtempSync(join(tmpdir(), 'smms-electron-'));
  const userData = join(home, 'user-data');
  const app = await electron.launch({
    executablePath,
    args: [
      join(ROOT, 'out/main/index.js'),
      `--user-data-dir=${userData}`,
      ...(process.env.CI ? ['--no-sandbox'] : []),
    ],
    env: { ...process.env, SMMS_DATA_DIR: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Set up SMMS Desktop' })).toBeVisible({
      timeout: 60_000,
    });
    // The renderer sees the bridge, never Node.
    const globals = await window.evaluate(() => ({
      bridge: typeof (window as unknown as { smms?: { call?: unknown } }).smms?.call,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(globals).toEqual({ bridge: 'function', require: 'undefined', process: 'undefined' });
    await window.screenshot({ path: join(ROOT, 'tests/e2e/screenshots/electron-first-run.png') });
  } finally {
    await app.close();
    // The desktop log joins this run's logs, so the teardown's secret scan covers it too.
    const logs = readdirSync(home, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.log'));
    for (const f of logs)
      copyFileSync(join(home, f), join(RUN_LOG_DIR, `electron-smoke--${f.replace(/\//g, '_')}`));
    rmSync(home, { recursive: true, force: true });
  }
});

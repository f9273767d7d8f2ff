import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_DIR_ENV, RUN_LOG_DIR } from './run-logs.ts';

// The specs serve out/renderer; `npm run test:e2e` builds it first. Refuse to test a stale or
// missing build rather than report on yesterday's UI. Then empty the run's log folder, so the
// teardown's grep sees this run's logs only, even when Playwright keeps test-results.

function newestSource(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestSource(path)
      : { file: path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

export default function globalSetup(): void {
  const root = join(import.meta.dirname, '../..');
  const index = join(root, 'out/renderer/index.html');
  const chromium = process.env.SMMS_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`No Chromium at ${chromium}: apt-get install -y chromium`);
  if (!existsSync(index)) throw new Error('No built renderer: run "npm run build" (or npm run test:e2e).');
  const builtAt = statSync(index).mtimeMs;
  for (const dir of ['src/renderer', 'src/shared']) {
    const newest = newestSource(join(root, dir));
    if (newest.mtimeMs > builtAt) {
      throw new Error(`out/renderer is older than ${newest.file}: run "npm run build" first.`);
    }
  }
  rmSync(RUN_LOG_DIR, { recursive: true, force: true });
  mkdirSync(RUN_LOG_DIR, { recursive: true });
  // Workers start after global setup and inherit the runner's environment.
  process.env[LOG_DIR_ENV] = RUN_LOG_DIR;
}

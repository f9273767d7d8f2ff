import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

// The specs serve out/renderer; `npm run test:e2e` builds it first. Refuse to test a stale or
// missing build rather than report on yesterday's UI.
export default function globalSetup(): void {
  const root = join(import.meta.dirname, '../..');
  const index = join(root, 'out/renderer/index.html');
  const chromium = process.env.SMMS_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) throw new Error(`No Chromium at ${chromium}: apt-get install -y chromium`);
  if (!existsSync(index)) throw new Error('No built renderer: run "npm run build" (or npm run test:e2e).');
  const builtAt = statSync(index).mtimeMs;
  const source = join(root, 'src/renderer/main.tsx');
  if (statSync(source).mtimeMs > builtAt) {
    throw new Error('out/renderer is older than src/renderer/main.tsx: run "npm run build" first.');
  }
}

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a worker_threads script lives: `<name>.mjs` next to the calling module in the sources (plain
 * JavaScript, so no TypeScript loader is needed under vitest or tsx); in the bundled Electron main
 * `<name>.js`, an entry of its own in electron.vite.config.ts, beside or above the chunk running.
 */
export function workerFile(moduleUrl: string, name: string): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [join(here, `${name}.mjs`), join(here, `${name}.js`), join(here, '..', `${name}.js`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`The ${name} script is missing next to ${here}.`);
  return found;
}

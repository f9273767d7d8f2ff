import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_DIR, cliBundleStaleness } from '../../scripts/cli-bundle.mjs';
import { tempDir } from '../ops/support/files.ts';

// bin/smms.mjs runs the bundled CLI only while it is fresh (scripts/cli-bundle.mjs); a wrong answer
// here means users and the spawning tests run yesterday's code. The global setup built out/cli.

describe('the bundled CLI', () => {
  const tmp = tempDir('cli-bundle');
  afterAll(() => tmp.remove());
  let n = 0;
  const manifestDir = (manifest: { builtAt: number; inputs: string[] }): string => {
    const dir = join(tmp.dir, `build-${n++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'inputs.json'), JSON.stringify(manifest));
    return dir;
  };

  it('is fresh after the build and lists every file it was made of', () => {
    expect(cliBundleStaleness()).toBeNull();
    const { inputs } = JSON.parse(readFileSync(join(CLI_DIR, 'inputs.json'), 'utf8')) as { inputs: string[] };
    const verbs = readdirSync('src/cli/verbs')
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => `src/cli/verbs/${f}`);
    expect(inputs).toEqual(
      expect.arrayContaining([
        ...verbs,
        'src/cli/main.ts',
        'src/core/reports/pdf-worker.mjs',
        'src/core/reports/pdf-render.mjs',
        'src/core/ops/backup-worker.mjs',
        'migrations/index.ts',
        'scripts/cli-bundle.mjs',
      ]),
    );
    // Packages are loaded from node_modules at run time, never copied in.
    expect(inputs.filter((f) => f.startsWith('node_modules/') || f.startsWith('/'))).toEqual([]);
  });

  it('is stale once any input is newer than the build, or gone, or when there is no build', () => {
    const file = 'src/core/db/migrate.ts';
    const mtimeMs = statSync(file).mtimeMs;
    expect(cliBundleStaleness(manifestDir({ builtAt: mtimeMs, inputs: [file] }))).toBeNull();
    expect(cliBundleStaleness(manifestDir({ builtAt: mtimeMs - 1, inputs: [file] }))).toBe(
      `${file} changed after the CLI build`,
    );
    expect(cliBundleStaleness(manifestDir({ builtAt: Date.now(), inputs: ['src/cli/gone.ts'] }))).toBe(
      'src/cli/gone.ts is gone since the CLI build',
    );
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty);
    expect(cliBundleStaleness(empty)).toMatch(/^there is no CLI build in /);
  });
});

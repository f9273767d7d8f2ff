#!/usr/bin/env node
// The `smms` CLI bundled into plain ES modules (out/cli/smms.mjs), so a run starts in a fraction of a
// second instead of paying tsx's TypeScript transpiling (~3 s) every time. `node scripts/cli-bundle.mjs`
// builds it (part of `npm run build`); vitest's global setup builds it when it is stale.
//
// bin/smms.mjs runs the bundle only while it is fresh: out/cli/inputs.json lists every project file
// that went into it, and one of them being newer than the build (or gone) sends bin back to the
// sources under tsx. An edited checkout therefore never runs, or tests, yesterday's code.
//
// Dependencies stay external (native better-sqlite3, mysql2, pdfmake, ...: resolved from node_modules
// at run time, as in the Electron main bundle). The worker threads are entries of their own, as in
// electron.vite.config.ts, named `<name>.mjs` so src/core/worker-file.ts finds them beside the bundle;
// the fonts and package.json are found by walking up from it (src/core/reports/fonts.ts,
// src/core/package-root.ts).
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = realpathSync(resolve(import.meta.dirname, '..'));
export const CLI_DIR = join(ROOT, 'out', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'smms.mjs');
const MANIFEST = 'inputs.json';
const SELF = fileURLToPath(import.meta.url);

/** Why the bundle in `dir` must not be run (no build, or a named input newer than it); null when fresh. */
export function cliBundleStaleness(dir = CLI_DIR) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  } catch {
    return `there is no CLI build in ${relative(ROOT, dir)}`;
  }
  for (const file of manifest.inputs) {
    let mtimeMs;
    try {
      mtimeMs = statSync(join(ROOT, file)).mtimeMs;
    } catch {
      return `${file} is gone since the CLI build`;
    }
    if (mtimeMs > manifest.builtAt) return `${file} changed after the CLI build`;
  }
  return null;
}

/** Writes inputs.json: the build's start time and every project file in its module graph. */
function inputsManifest(builtAt) {
  return {
    name: 'smms-cli-inputs',
    generateBundle() {
      const inputs = new Set([relative(ROOT, SELF)]);
      for (const id of this.getModuleIds()) {
        if (isAbsolute(id) && id.startsWith(ROOT + sep) && existsSync(id)) inputs.add(relative(ROOT, id));
      }
      // A list missing the sources (module ids under another spelling of ROOT) would pass any stale
      // bundle as fresh: refuse it.
      if (!inputs.has(join('src', 'cli', 'main.ts')))
        this.error(`cannot list the CLI's sources under ${ROOT}`);
      const source = JSON.stringify({ builtAt, inputs: [...inputs].sort() }, null, 1);
      this.emitFile({ type: 'asset', fileName: MANIFEST, source });
    },
  };
}

/**
 * Builds the CLI into `outDir` (default out/cli). It is built beside the target and swapped in, so
 * a CLI started meanwhile sees the old complete build or the new one, never half of one.
 */
export async function buildCliBundle({ outDir = CLI_DIR, logLevel = 'warn' } = {}) {
  const { build } = await import('vite');
  const staging = `${outDir}.building-${process.pid}`;
  const builtAt = Date.now();
  await build({
    configFile: false,
    envDir: false,
    root: ROOT,
    logLevel,
    publicDir: false,
    plugins: [inputsManifest(builtAt)],
    build: {
      ssr: true,
      target: 'node20',
      outDir: staging,
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: {
          smms: join(ROOT, 'src/cli/main.ts'),
          'pdf-worker': join(ROOT, 'src/core/reports/pdf-worker.mjs'),
          'backup-worker': join(ROOT, 'src/core/ops/backup-worker.mjs'),
        },
        // Bare specifiers are node built-ins or packages: loaded from node_modules at run time.
        external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
        output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
      },
    },
  });
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(staging, outDir);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const started = Date.now();
  await buildCliBundle();
  console.log(
    `cli-bundle: built ${relative(ROOT, CLI_ENTRY)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

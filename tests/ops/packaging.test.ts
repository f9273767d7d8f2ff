import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'acorn';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliBundle } from '../../scripts/cli-bundle.mjs';
import { tempDir } from './support/files.ts';
import { REPO } from './support/namespace.ts';

// The installer configuration, read and schema-checked by electron-builder's own loader (no Electron
// download needed), and the built main bundle: it may only reach packaged things (node built-ins,
// electron, runtime dependencies, its own out/ siblings), never the source tree or this machine. The
// bundled `smms` CLI (not packaged, run from a checkout) keeps to the same rules.

const require = createRequire(import.meta.url);
type Config = Record<string, unknown> & {
  /** electron-builder's loader turns the list into file sets. */
  files: { filter: string[] }[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  win: { target: { target: string }[]; icon: string };
  nsis: Record<string, unknown>;
  linux: { target: string[]; icon: string; maintainer?: string };
  mac: { target: { target: string }[]; icon: string };
};

async function loadConfig(): Promise<Config> {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string, file: string | null, extra: null): Promise<Config>;
    validateConfiguration(config: Config, logger: unknown): Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(REPO, join(REPO, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString()).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  let config: Config;
  beforeAll(async () => {
    config = await loadConfig();
  });

  it('passes electron-builder’s schema and names the app', () => {
    expect(config.appId).toBe('in.edu.smms.desktop');
    expect(config.productName).toBe('SMMS Desktop');
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**/*.node');
    // Installers are handed out by the department; nothing is ever uploaded.
    expect(config.publish).toBeNull();
  });

  it('builds a per-user NSIS installer with a choice of folder, AppImage and .deb, and a dmg', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
    });
    expect(config.nsis.deleteAppDataOnUninstall).toBe(false);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.linux.maintainer).toBeTruthy();
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
  });

  it('packs only the built app; sources, tests, benchmarks and docs stay out; fonts and samples ride along', () => {
    const patterns = config.files.flatMap((f) => f.filter);
    expect(patterns.filter((f) => !f.startsWith('!'))).toEqual(['out/**', 'package.json']);
    // Last matching pattern decides, as in electron-builder.
    const packed = (path: string): boolean =>
      patterns.reduce(
        (inside, p) =>
          p.startsWith('!') ? (minimatch(path, p.slice(1)) ? false : inside) : minimatch(path, p) || inside,
        false,
      );
    for (const path of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'package.json',
    ]) {
      expect(packed(path), path).toBe(true);
    }
    for (const path of [
      'src/main/index.ts',
      'tests/ops/packaging.test.ts',
      'bench/reports.bench.ts',
      'docs/operations.md',
      'migrations/0001_seed_schema.ts',
      'out/native/electron-45.5.0-linux-x64/better_sqlite3.node',
      'out/main/index.js.map',
      'out/cli/smms.mjs',
      'README.md',
    ]) {
      expect(packed(path), path).toBe(false);
    }
    expect(config.extraResources).toEqual([
      { from: 'resources/fonts', to: 'fonts' },
      { from: 'resources/samples', to: 'samples' },
    ]);
    for (const r of config.extraResources) expect(readdirSync(join(REPO, r.from)).length).toBeGreaterThan(0);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('./out/main/index.js');
  });

  it('has the icons every target needs', () => {
    expect(pngSize(join(REPO, 'resources/icons/icon.png'))).toEqual([512, 512]);
    expect(pngSize(join(REPO, 'resources/icons/icon-256.png'))).toEqual([256, 256]);
    for (const size of [16, 32, 48, 128, 256, 512]) {
      expect(pngSize(join(REPO, config.linux.icon, `${size}x${size}.png`))).toEqual([size, size]);
    }
    const ico = readFileSync(join(REPO, config.win.icon));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(readFileSync(join(REPO, config.mac.icon)).subarray(0, 4).toString()).toBe('icns');
  });
});

describe('the built main bundle', () => {
  const tmp = tempDir('bundle');
  const out = join(tmp.dir, 'out');
  afterAll(() => tmp.remove());
  beforeAll(async () => {
    // A private build, so the shared out/ of other test runs is left alone.
    await new Promise<void>((done, fail) =>
      execFile(
        process.execPath,
        [
          join(REPO, 'node_modules/electron-vite/bin/electron-vite.js'),
          'build',
          '--outDir',
          out,
          '--logLevel',
          'error',
        ],
        { cwd: REPO, maxBuffer: 16 * 1024 * 1024 },
        (err, _stdout, stderr) => (err ? fail(new Error(stderr || String(err))) : done()),
      ),
    );
  }, 300_000);

  it('imports only node built-ins, electron, runtime dependencies and its own siblings', () => {
    const files = readdirSync(join(out, 'main')).filter((f) => f.endsWith('.js'));
    expect(files).toContain('index.js');
    // The worker threads (report rendering, backups) are entries of their own, found at run time.
    expect(files).toEqual(expect.arrayContaining(['pdf-worker.js', 'backup-worker.js']));
    const specifiers: string[] = [];
    const strings: string[] = [];
    for (const f of files) collect(readFileSync(join(out, 'main', f), 'utf8'), specifiers, strings);
    expect(specifiers.length).toBeGreaterThan(5);
    expect(outsideImports(specifiers, join(out, 'main'), ['electron'])).toEqual([]);
    expect(pathLeaks(strings)).toEqual([]);
    expect(strings).toContain('../preload/index.cjs');
    // The siblings the main process loads by path exist in the build.
    expect(existsSync(join(out, 'preload', 'index.cjs'))).toBe(true);
    expect(existsSync(join(out, 'renderer', 'index.html'))).toBe(true);
  });
});

describe('the bundled CLI', () => {
  const tmp = tempDir('cli-bundle');
  const out = join(tmp.dir, 'cli');
  afterAll(() => tmp.remove());
  beforeAll(async () => {
    // A private build, so the shared out/cli that bin/smms.mjs runs is left alone.
    await buildCliBundle({ outDir: out, logLevel: 'error' });
  }, 300_000);

  it('imports only node built-ins, runtime dependencies and its own siblings, and no source path', () => {
    // `npm ci --omit=dev` must be enough to run it, and it must not lean on where it was built.
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
    // The worker threads are entries named as src/core/worker-file.ts looks for them.
    expect(files).toEqual(expect.arrayContaining(['smms.mjs', 'pdf-worker.mjs', 'backup-worker.mjs']));
    const outside: string[] = [];
    const strings: string[] = [];
    for (const f of files) {
      const specifiers: string[] = [];
      collect(readFileSync(join(out, f), 'utf8'), specifiers, strings);
      outside.push(...outsideImports(specifiers, dirname(join(out, f))).map((s) => `${f}: ${s}`));
    }
    expect(outside).toEqual([]);
    expect(pathLeaks(strings)).toEqual([]);
  });
});

/**
 * The specifiers a bundle in `dir` imports from outside what is packaged: not a node built-in, one of
 * `allowed`, a runtime dependency (package.json "dependencies") or a file of the build itself.
 */
function outsideImports(specifiers: string[], dir: string, allowed: string[] = []): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const runtime = new Set([...Object.keys(pkg.dependencies), ...allowed]);
  return specifiers.filter((s) => {
    if (s.startsWith('node:') || builtinModules.includes(s)) return false;
    if (s.startsWith('.')) return !existsSync(resolve(dir, s));
    const name = s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!;
    return !runtime.has(name);
  });
}

/** String literals naming a path into the source tree or this build machine (comments are not code). */
function pathLeaks(strings: string[]): string[] {
  return strings.filter(
    (s) =>
      s.includes(REPO) ||
      /(^|[/\\])(src|tests|bench|docs)[/\\][\w-]/.test(s) ||
      /^\/(work|home|root|tmp)\//.test(s),
  );
}

/** Import specifiers (static, dynamic, require) and every string literal of a module, via acorn. */
function collect(code: string, specifiers: string[], strings: string[]): void {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as {
      type?: string;
      source?: { value?: unknown };
      callee?: { name?: string };
      arguments?: { value?: unknown }[];
      value?: unknown;
      quasis?: { value: { cooked: string } }[];
    };
    if (
      (n.type === 'ImportDeclaration' ||
        n.type === 'ExportNamedDeclaration' ||
        n.type === 'ExportAllDeclaration' ||
        n.type === 'ImportExpression') &&
      typeof n.source?.value === 'string'
    ) {
      specifiers.push(n.source.value);
    }
    if (
      n.type === 'CallExpression' &&
      n.callee?.name === 'require' &&
      typeof n.arguments?.[0]?.value === 'string'
    ) {
      specifiers.push(n.arguments[0].value);
    }
    if (n.type === 'Literal' && typeof n.value === 'string') strings.push(n.value);
    if (n.type === 'TemplateLiteral') for (const q of n.quasis ?? []) strings.push(q.value.cooked);
    for (const [key, value] of Object.entries(n)) if (key !== 'type') visit(value);
  };
  visit(ast);
}

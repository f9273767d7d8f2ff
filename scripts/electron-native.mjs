#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into out/native/electron-<version>-<platform>-<arch>/,
// leaving node_modules compiled for Node (vitest, the CLI and the browser shell keep working).
// The Electron main process finds the file (src/main/native-binding.ts) and hands it to the core
// through SMMS_SQLITE_BINDING → better-sqlite3's `nativeBinding` option.
//
// First try a prebuilt binary (prebuild-install, what better-sqlite3's own install does), then
// compile with node-gyp against Electron's headers. Both need the network once; the result is
// cached, so later runs are instant. `--force` rebuilds.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const { platform, arch } = process;
const target = join(
  root,
  'out',
  'native',
  `electron-${electronVersion}-${platform}-${arch}`,
  'better_sqlite3.node',
);

if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`electron-native: ${target} is up to date`);
  process.exit(0);
}

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = join(root, 'out', 'native', 'build', 'better-sqlite3');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
  cpSync(join(source, entry), join(work, entry), { recursive: true });
}

function run(label, script, args) {
  console.log(`electron-native: ${label}`);
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: work,
    stdio: 'inherit',
    env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion },
  });
  return r.status === 0 && existsSync(join(work, 'build', 'Release', 'better_sqlite3.node'));
}

const built =
  run(
    `downloading a prebuilt better-sqlite3 for Electron ${electronVersion}`,
    require.resolve('prebuild-install/bin.js'),
    ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`],
  ) ||
  run(
    `compiling better-sqlite3 against Electron ${electronVersion} headers`,
    require.resolve('node-gyp/bin/node-gyp.js'),
    [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
  );

if (!built) {
  console.error(
    'electron-native: could not get better-sqlite3 for Electron (no prebuilt binary, and compiling failed: it needs the network once for the headers and a C++ toolchain).\n' +
      'Install build-essential / Xcode CLT / VS Build Tools, check the network or proxy, then run again.',
  );
  process.exit(1);
}
mkdirSync(dirname(target), { recursive: true });
cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
console.log(`electron-native: wrote ${target}`);

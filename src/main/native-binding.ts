import { existsSync } from 'node:fs';
import { join } from 'node:path';

// node_modules/better-sqlite3 stays compiled for Node (vitest, the CLI, the browser shell);
// scripts/electron-native.mjs builds a second copy for Electron's ABI into out/native/. The
// main process points the core at it through SMMS_SQLITE_BINDING, which connect() passes to
// better-sqlite3's `nativeBinding` option. A packaged app has none of this: electron-builder
// rebuilds its own node_modules for Electron, so the variable stays unset there.

export const BINDING_ENV = 'SMMS_SQLITE_BINDING';

export function electronBindingPath(
  appPath: string,
  electronVersion: string,
  platform: string,
  arch: string,
): string {
  return join(
    appPath,
    'out',
    'native',
    `electron-${electronVersion}-${platform}-${arch}`,
    'better_sqlite3.node',
  );
}

/** The Electron build of better-sqlite3 when one exists for this Electron, else null. */
export function findElectronBinding(
  appPath: string,
  electronVersion: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string | null {
  const path = electronBindingPath(appPath, electronVersion, platform, arch);
  return existsSync(path) ? path : null;
}

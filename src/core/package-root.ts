import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'smms-desktop';

interface PackageJson {
  name?: string;
  version: string;
}

function readPackage(dir: string): PackageJson | null {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return null;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
  return pkg.name === PACKAGE_NAME ? pkg : null;
}

/**
 * The folder holding SMMS's package.json, found by walking up from this module instead of a fixed
 * '../..': the same code runs from the sources (src/core/, under tsx or vitest) and from the built
 * CLI bundle (out/cli/smms.mjs), which sit at different depths below it.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (readPackage(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`No ${PACKAGE_NAME} package.json above ${fileURLToPath(import.meta.url)}.`);
    dir = parent;
  }
}

/** The installed SMMS version (package.json), for the CLI and the browser shell. */
export function packageVersion(): string {
  return readPackage(packageRoot())!.version;
}

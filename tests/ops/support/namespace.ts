import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Real file-system failures without root: a user + mount namespace (util-linux `unshare -r -m`)
// may mount a tiny tmpfs (a full disk) or remount a bind mount read-only, for one child process.

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export function namespacesAvailable(): boolean {
  return spawnSync('unshare', ['-r', '-m', 'true']).status === 0;
}

export interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `sh -c script` with $1.. = args inside a fresh user + mount namespace, in the repo root. */
export function inNamespace(script: string, args: string[]): Promise<ChildRun> {
  return new Promise((resolve) => {
    execFile(
      'unshare',
      ['-r', '-m', 'sh', '-c', script, 'sh', ...args],
      { cwd: REPO, env: { ...process.env, SMMS_DEBUG: '' }, maxBuffer: 8 * 1024 * 1024 },
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Shell snippet: make $1 a read-only view of itself. */
export const READ_ONLY_MOUNT = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1"';
/** Shell snippet: a tmpfs of $2 KiB on $1. */
export const TINY_TMPFS = 'mount -t tmpfs -o size="$2"k tmpfs "$1"';
export const NODE = process.execPath;

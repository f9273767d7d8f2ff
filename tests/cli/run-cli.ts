import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/smms.mjs ...args` as a user would, in the repository root. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/smms.mjs', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, SMMS_DEBUG: '', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** The "table rows" lines of `smms demo` output → { table: count }. */
export function printedCounts(stdout: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    const m = /^ {2}([a-z_]+) +([\d,]+)$/.exec(line);
    if (m && m[1] !== 'total') counts[m[1]!] = Number(m[2]!.replaceAll(',', ''));
  }
  return counts;
}

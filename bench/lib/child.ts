import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

// Some figures belong to a fresh process (cold start, peak RSS). A bench file runs itself as the child:
// `node --import tsx <file> --child <case> <json>`; the child prints one JSON line last.

export function isEntry(metaUrl: string): boolean {
  const main = process.argv[1];
  return main !== undefined && pathToFileURL(resolve(main)).href === metaUrl;
}

/** The child case and its argument when this process was started by `inChild`, else null. */
export function childCase(): { name: string; arg: unknown } | null {
  const i = process.argv.indexOf('--child');
  if (i < 0) return null;
  return { name: process.argv[i + 1]!, arg: JSON.parse(process.argv[i + 2] ?? 'null') as unknown };
}

export function inChild<T>(file: string, name: string, arg: unknown, timeoutMs = 20 * 60_000): Promise<T> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file, '--child', name, JSON.stringify(arg)],
      { encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMs },
      (err, stdout, stderr) => {
        if (err) {
          fail(new Error(`child ${name} failed: ${err.message}\n${stderr.slice(-2000)}`));
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          done(JSON.parse(last) as T);
        } catch {
          fail(
            new Error(
              `child ${name} printed no JSON result:\n${stdout.slice(-1000)}\n${stderr.slice(-1000)}`,
            ),
          );
        }
      },
    );
  });
}

/** Child side: run the case and print its result as the last line. */
export async function serveChild(cases: Record<string, (arg: unknown) => Promise<unknown>>): Promise<void> {
  const c = childCase();
  if (!c) throw new Error('not a child process');
  const fn = cases[c.name];
  if (!fn) throw new Error(`unknown child case ${c.name}`);
  const result = await fn(c.arg);
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

/** Runs a standalone script under tsx in a fresh node process; its last stdout line is JSON. */
export function runScript<T>(file: string, args: readonly string[], timeoutMs = 20 * 60_000): Promise<T> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', file, ...args],
      { encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMs },
      (err, stdout, stderr) => {
        if (err) {
          fail(new Error(`${file} failed: ${err.message}\n${stderr.slice(-2000)}`));
          return;
        }
        try {
          done(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T);
        } catch {
          fail(new Error(`${file} printed no JSON result:\n${stdout.slice(-1000)}\n${stderr.slice(-1000)}`));
        }
      },
    );
  });
}

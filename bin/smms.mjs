#!/usr/bin/env node
// `smms` CLI entry. Runs the bundled CLI (out/cli/smms.mjs, from `npm run build`) when no source it
// was built from has changed since: it starts in a fraction of a second. Otherwise it runs the
// TypeScript sources through tsx (~3 s to start), so a fresh clone needs no build step and an
// edited checkout never runs stale code. scripts/cli-bundle.mjs builds and checks the bundle.
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, cliBundleStaleness } from '../scripts/cli-bundle.mjs';

let cli;
if (cliBundleStaleness() === null) {
  cli = await import(pathToFileURL(CLI_ENTRY).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));

import { buildCliBundle, cliBundleStaleness } from '../../scripts/cli-bundle.mjs';

// The tests that spawn `smms` (run-cli.ts → bin/smms.mjs) start the bundled CLI in well under a
// second instead of ~3 s of tsx transpiling, but bin/smms.mjs runs the bundle only when no source
// changed since it was built. Build it here, once per run, whenever it is stale, so those tests run
// today's code on the fast path locally and in CI alike.
export default async function setup(): Promise<void> {
  const stale = cliBundleStaleness();
  if (stale === null) return;
  const started = Date.now();
  await buildCliBundle();
  // bin/smms.mjs would quietly fall back to tsx: say so rather than lose the fast path unnoticed.
  const still = cliBundleStaleness();
  if (still !== null) throw new Error(`The smms CLI bundle is stale right after building it: ${still}.`);
  console.log(`smms CLI bundle rebuilt (${stale}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

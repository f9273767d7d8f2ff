// Types for scripts/cli-bundle.mjs (plain JavaScript: bin/smms.mjs runs it without a TypeScript loader).

export declare const ROOT: string;
/** out/cli: the bundled CLI, its worker entries and inputs.json. */
export declare const CLI_DIR: string;
export declare const CLI_ENTRY: string;
/** Why the bundle in `dir` must not be run (no build, or a named input newer than it); null when fresh. */
export declare function cliBundleStaleness(dir?: string): string | null;
/** Builds the CLI into `outDir` (default out/cli), swapping the finished build in. */
export declare function buildCliBundle(options?: {
  outDir?: string;
  logLevel?: 'info' | 'warn' | 'error' | 'silent';
}): Promise<void>;

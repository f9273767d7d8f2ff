import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { ROSTER_MAX_FILE_BYTES } from '../../shared/contract/roster.contract.ts';
import { AppError } from '../errors.ts';
import { readRosterBuffer } from './read-file.ts';
import { RosterReadError, formatBytes, type RosterTable } from './roster.types.ts';

// The file half of a roster call: base64 → bytes (size refused before decoding), bytes → table.
// The UI previews a file and then commits the very same bytes, so the parsed table of the last
// few files is kept for a short while, keyed by the SHA-256 of the bytes and the sheet: a commit
// then costs no second parse. Tables are never mutated after reading, so sharing them is safe.

const CACHE_ENTRIES = 2;
const CACHE_MS = 10 * 60_000;

interface Cached {
  table: Promise<RosterTable>;
  expiresAt: number;
}

const cache = new Map<string, Cached>();

const fileProblem = (message: string): AppError =>
  new AppError('VALIDATION', message, [{ path: 'file', message }]);

/** Decoded size of base64 text, computed without decoding it. */
function decodedLength(base64: string): number {
  const clean = base64.replace(/[\r\n\s]/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.floor((clean.length * 3) / 4) - padding;
}

export function decodeRosterFile(base64: string, maxBytes = ROSTER_MAX_FILE_BYTES): Buffer {
  const size = decodedLength(base64);
  if (size > maxBytes) {
    throw fileProblem(
      `This file is ${formatBytes(size)}; the largest file you can import is ${formatBytes(maxBytes)}. Remove other sheets or split the roster into smaller files.`,
    );
  }
  if (size === 0) throw fileProblem('This file is empty.');
  return Buffer.from(base64, 'base64');
}

function prune(now: number): void {
  for (const [key, entry] of cache) if (entry.expiresAt <= now) cache.delete(key);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
}

async function read(bytes: Buffer, fileName: string, sheet: string | undefined): Promise<RosterTable> {
  try {
    return await readRosterBuffer(bytes, fileName, { sheetName: sheet });
  } catch (err) {
    if (err instanceof RosterReadError) throw fileProblem(err.message);
    throw err;
  }
}

/** The table of a roster file (clear VALIDATION errors for files we refuse). */
export async function readRosterInput(
  file: { name: string; base64: string },
  sheet?: string,
): Promise<RosterTable> {
  const bytes = decodeRosterFile(file.base64);
  // The extension takes part: it decides the delimiter of a .tsv file.
  const digest = createHash('sha256').update(bytes).digest('hex');
  const key = `${digest}|${extname(file.name).toLowerCase()}|${sheet?.toLowerCase() ?? ''}`;
  const now = Date.now();
  prune(now);
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.table;
  }
  const table = read(bytes, file.name, sheet);
  cache.set(key, { table, expiresAt: now + CACHE_MS });
  prune(now);
  // A refused file is not remembered: the next attempt reads (and refuses) it again.
  table.catch(() => cache.delete(key));
  return table;
}

/** Forgets every parsed table (benchmarks time a cold preview; tests start clean). */
export function clearRosterFileCache(): void {
  cache.clear();
}

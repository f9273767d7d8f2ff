import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Dialect } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { careDb } from '../settings/settings.tables.ts';

// Attachment bytes (docs/attachments.md): content-addressed in attachment_blobs, cut in 1 MiB
// chunks (MariaDB's default max_allowed_packet is 16 MiB; one chunk per statement stays far
// below it). attachments.storagePath = 'blob:sha256:<hex>'. The bytes live in the database on
// both sides, so whatever reaches central (the upload call's replay carries them) is there for
// every synced client, and a backup of the database is a backup of the files.

export const CHUNK_BYTES = 1024 * 1024;
const PREFIX = 'blob:sha256:';

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
export const blobPath = (sha: string): string => `${PREFIX}${sha}`;

export function shaOfPath(storagePath: string): string | null {
  if (!storagePath.startsWith(PREFIX)) return null;
  const sha = storagePath.slice(PREFIX.length);
  return /^[0-9a-f]{64}$/.test(sha) ? sha : null;
}

const partsFor = (size: number): number => Math.max(1, Math.ceil(size / CHUNK_BYTES));

/** Stores the bytes once (same content, same rows); returns the sha256. */
export async function putBlob(
  db: Kysely<Database>,
  dialect: Dialect,
  bytes: Uint8Array,
  now: string,
): Promise<string> {
  const sha = sha256Hex(bytes);
  const cdb = careDb(db);
  const have = await cdb.selectFrom('attachment_blobs').select('part').where('sha256', '=', sha).execute();
  if (have.length === partsFor(bytes.byteLength)) return sha;
  // A partial set cannot come from this code (chunks are written in one transaction); rewrite it.
  if (have.length > 0) await cdb.deleteFrom('attachment_blobs').where('sha256', '=', sha).execute();
  for (let part = 0; part < partsFor(bytes.byteLength); part++) {
    const chunk = bytes.subarray(part * CHUNK_BYTES, (part + 1) * CHUNK_BYTES);
    const q = cdb
      .insertInto('attachment_blobs')
      .values({ id: `${sha}:${part}`, sha256: sha, part, bytes: chunk, createdAt: now });
    // The same file uploaded at the same moment by someone else: their rows are ours, byte for byte.
    await (dialect === 'sqlite' ? q.onConflict((oc) => oc.doNothing()) : q.ignore()).execute();
  }
  return sha;
}

/** The blob's bytes, checked against its hash and size; null when they are not in this database. */
export async function getBlob(db: Kysely<Database>, sha: string, size: number): Promise<Buffer | null> {
  const rows = await careDb(db)
    .selectFrom('attachment_blobs')
    .select(['part', 'bytes'])
    .where('sha256', '=', sha)
    .orderBy('part')
    .execute();
  if (rows.length !== partsFor(size) || rows.some((r, i) => r.part !== i)) return null;
  const out = Buffer.concat(rows.map((r) => Buffer.from(r.bytes)));
  if (out.byteLength !== size || sha256Hex(out) !== sha) return null;
  return out;
}

/** Removes the blob when no attachment row names it any more. */
export async function dropBlobIfUnused(db: Kysely<Database>, sha: string): Promise<void> {
  const used = await db
    .selectFrom('attachments')
    .select('id')
    .where('storagePath', '=', blobPath(sha))
    .executeTakeFirst();
  if (!used) await careDb(db).deleteFrom('attachment_blobs').where('sha256', '=', sha).execute();
}

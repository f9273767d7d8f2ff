import { randomFillSync } from 'node:crypto';

// Entropy is drawn from the system's CSPRNG in blocks and handed out 16 bytes at a time, as
// crypto.randomUUID does internally: one randomBytes(16) per id cost more than the rest of the id
// (a 10,000-row roster import makes ~30,000 ids: users, alerts, notifications). Each byte of a
// block goes to exactly one id, so the ids are as unpredictable as before.
const POOL_BYTES = 16 * 512;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;
// The id is assembled here (synchronously, so one buffer serves every call) rather than in the pool,
// whose bytes must not be reused.
const scratch = Buffer.alloc(16);

function random16(): Buffer {
  if (offset + 16 > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  pool.copy(scratch, 0, offset, offset + 16);
  offset += 16;
  return scratch;
}

/**
 * UUIDv7: time-ordered, so ids generated on a laptop offline sort by creation and index well
 * (B-tree inserts stay at the right edge). RFC 9562 layout: 48-bit ms timestamp, version 7,
 * 12 random bits, variant 10, 62 random bits.
 */
export function uuidv7(nowMs: number = Date.now()): string {
  const b = random16();
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type IdGenerator = () => string;
export const defaultIds: IdGenerator = () => uuidv7();

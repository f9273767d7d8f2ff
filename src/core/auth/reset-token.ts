import { createHash, randomBytes } from 'node:crypto';

// One-time reset codes are printed or read out by the office, so they use Crockford base32
// (no I, L, O, U) in groups of four: 16 characters = 80 random bits. That much entropy makes a
// plain SHA-256 enough for storage (no KDF needed); only the hash is kept in password_resets.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function generateResetToken(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** What the user typed → canonical form: case, spaces, dashes and look-alike letters forgiven. */
export function normalizeResetToken(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

export function hashResetToken(typed: string): string {
  return createHash('sha256').update(normalizeResetToken(typed)).digest('hex');
}

export const RESET_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

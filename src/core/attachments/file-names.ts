// File names as users send them are untrusted: they may carry a path ("../../etc/passwd",
// "C:\\Windows\\x"), control or bidi characters (an "exe.pdf" spoofed by U+202E), or a name Windows
// reserves (CON, NUL, COM1 ...), which would break saving the file on the office PCs.

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const WINDOWS_FORBIDDEN = /[<>:"/\\|?*]/g;
const MAX = 255;

export function splitExt(name: string): { base: string; ext: string } {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return { base: name, ext: '' };
  return { base: name.slice(0, dot), ext: name.slice(dot + 1).toLowerCase() };
}

/**
 * A safe display and save name: the last path segment only, invisible and forbidden characters
 * removed, no leading dots, no trailing dots or spaces (Windows drops them), reserved device
 * names prefixed with "_", at most 255 characters with the extension kept. Never empty.
 */
export function sanitizeFileName(raw: string): string {
  const last = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  let name = last
    .replace(INVISIBLE, '')
    .replace(WINDOWS_FORBIDDEN, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  const stem = name.split('.')[0] ?? '';
  if (RESERVED.test(stem)) name = `_${name}`;
  if (name === '') name = 'attachment';
  if (name.length > MAX) {
    const { base, ext } = splitExt(name);
    name = ext && ext.length < 20 ? `${base.slice(0, MAX - ext.length - 1)}.${ext}` : name.slice(0, MAX);
  }
  return name;
}

/**
 * The stored name ends with the extension of the type the content really is: "scan.jpg" holding
 * a PNG becomes "scan.png", so the file opens in the right program. `accepted` lists extensions
 * that already describe the type (jpg and jpeg).
 */
export function withExtension(name: string, ext: string, accepted: readonly string[] = [ext]): string {
  const parts = splitExt(name);
  if (accepted.includes(parts.ext)) return name;
  const base = parts.ext && !accepted.includes(parts.ext) ? parts.base : name;
  const trimmed = base.slice(0, MAX - ext.length - 1);
  return `${trimmed}.${ext}`;
}

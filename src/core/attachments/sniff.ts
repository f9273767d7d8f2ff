import type { FileTypeResult } from 'file-type';

// What an upload really is, from its bytes (issue 4 item 7: "enforced by content sniffing, not
// just the extension"). Binary formats by their signature (file-type); legacy Word/Excel files are
// Compound File Binary containers, told apart by the stream they carry; txt/csv by a text check.

export interface Sniffed {
  ext: string;
  mime: string;
  /** Extensions a user's file name may already end with for this type. */
  accepted: readonly string[];
}

const BINARY: Record<string, Sniffed> = {
  pdf: { ext: 'pdf', mime: 'application/pdf', accepted: ['pdf'] },
  png: { ext: 'png', mime: 'image/png', accepted: ['png'] },
  jpg: { ext: 'jpg', mime: 'image/jpeg', accepted: ['jpg', 'jpeg'] },
  gif: { ext: 'gif', mime: 'image/gif', accepted: ['gif'] },
  webp: { ext: 'webp', mime: 'image/webp', accepted: ['webp'] },
  docx: {
    ext: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    accepted: ['docx'],
  },
  xlsx: {
    ext: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    accepted: ['xlsx'],
  },
  pptx: {
    ext: 'pptx',
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    accepted: ['pptx'],
  },
};
const DOC: Sniffed = { ext: 'doc', mime: 'application/msword', accepted: ['doc'] };
const XLS: Sniffed = { ext: 'xls', mime: 'application/vnd.ms-excel', accepted: ['xls'] };
const TXT: Sniffed = { ext: 'txt', mime: 'text/plain', accepted: ['txt'] };
const CSV: Sniffed = { ext: 'csv', mime: 'text/csv', accepted: ['csv'] };

export const ALLOWED_TYPES_TEXT =
  'PDF, PNG, JPEG, GIF, WebP, Word (doc, docx), Excel (xls, xlsx), PowerPoint (pptx), text or CSV';

const utf16le = (s: string): Buffer => Buffer.from(s, 'utf16le');

/** A CFB container's directory names its streams in UTF-16LE: Word has "WordDocument", Excel "Workbook"/"Book". */
function cfbKind(bytes: Uint8Array): Sniffed | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.includes(utf16le('WordDocument'))) return DOC;
  if (buf.includes(utf16le('Workbook')) || buf.includes(utf16le('Book\u0000'))) return XLS;
  return null;
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** No control byte other than tab, LF, FF, CR: a legacy 8-bit text (Excel's "CSV" in Windows-1252). */
function isEightBitText(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) return false;
  }
  return true;
}

/**
 * Plain text: UTF-8 or UTF-16 with a byte-order mark, or a legacy 8-bit encoding, with no control
 * characters other than tab, line feed, form feed and carriage return. Binary formats always
 * contain such bytes (NULs above all), so they fail here.
 */
export function isPlainText(bytes: Uint8Array): boolean {
  const bom16 = (a: number, b: number): boolean => bytes[0] === a && bytes[1] === b;
  const encoding = bom16(0xff, 0xfe) ? 'utf-16le' : bom16(0xfe, 0xff) ? 'utf-16be' : 'utf-8';
  try {
    return !CONTROL.test(new TextDecoder(encoding, { fatal: true }).decode(bytes));
  } catch {
    return encoding === 'utf-8' && isEightBitText(bytes);
  }
}

// file-type is loaded by the first upload, not with the core (every app start and `smms` run).
const fileTypeOf = async (bytes: Uint8Array): Promise<FileTypeResult | undefined> =>
  (await import('file-type')).fileTypeFromBuffer(bytes);

/**
 * The allowed type the bytes are, or null. `declaredExt` only decides between txt and csv (the
 * same bytes can be either); it never makes a binary file acceptable.
 */
export async function sniff(bytes: Uint8Array, declaredExt: string): Promise<Sniffed | null> {
  const found = await fileTypeOf(bytes);
  if (found) {
    if (found.ext === 'cfb') return cfbKind(bytes);
    return BINARY[found.ext] ?? null;
  }
  if (!isPlainText(bytes)) return null;
  return declaredExt === 'csv' ? CSV : TXT;
}

/** What the signature says, for a clear refusal ("it looks like a Windows program"). */
export async function describeRefused(bytes: Uint8Array): Promise<string> {
  const found = await fileTypeOf(bytes);
  if (!found) return 'an unknown binary file';
  if (found.ext === 'exe' || found.ext === 'elf' || found.ext === 'mach') return 'a program';
  return `a ${found.ext.toUpperCase()} file`;
}

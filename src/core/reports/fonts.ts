import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TFontDictionary } from 'pdfmake/interfaces';

// The report typeface ships with the app (resources/fonts, SIL OFL 1.1, licence beside the files):
// Noto Sans covers Latin with every diacritic Indian names are written with in Latin script
// (ā ī ū ṛ ṅ ñ ṭ ḍ ṇ ś ṣ ...), plus ₹ and typographic punctuation.
// pdfmake does no complex-script shaping (no conjuncts, no reordering of vowel signs), so names in
// native Devanagari, Tamil, Telugu, ... script are NOT supported in printed reports: they would
// print as wrongly joined glyphs even with a font that has them. Names are stored and printed in
// Latin script.

export const REPORT_FONT = 'NotoSans';
const FILES = {
  normal: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italics: 'NotoSans-Italic.ttf',
  bolditalics: 'NotoSans-BoldItalic.ttf',
} as const;

const hasFonts = (dir: string): boolean => existsSync(join(dir, FILES.normal));

/**
 * Where the fonts are: $SMMS_FONTS_DIR; the packaged app's resources folder (Electron sets
 * process.resourcesPath); otherwise resources/fonts in the nearest folder above this module (the
 * source tree, or the built `out/` next to it).
 */
export function findFontsDir(): string {
  const fromEnv = process.env.SMMS_FONTS_DIR;
  if (fromEnv && hasFonts(fromEnv)) return resolve(fromEnv);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && hasFonts(join(packaged, 'fonts'))) return join(packaged, 'fonts');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (hasFonts(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('The report fonts (resources/fonts/NotoSans-*.ttf) are missing from this installation.');
}

export function reportFonts(dir: string): TFontDictionary {
  return {
    [REPORT_FONT]: {
      normal: join(dir, FILES.normal),
      bold: join(dir, FILES.bold),
      italics: join(dir, FILES.italics),
      bolditalics: join(dir, FILES.bolditalics),
    },
  };
}

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Poppler (pdfinfo, pdftotext, pdftoppm) reads what pdfmake wrote, as a reader's PDF viewer would.

const scratch = mkdtempSync(join(tmpdir(), 'smms-reports-'));
let n = 0;

export const OUTPUT_DIR = join(import.meta.dirname, '..', 'output');

/** Writes the bytes to a scratch file and returns its path. */
export function pdfFile(bytes: Buffer): string {
  const path = join(scratch, `r${n++}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

export function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** The text in reading order, lines kept (`-layout`), whitespace runs collapsed per line. */
export function pdfText(path: string, first?: number, last?: number): string {
  const range = [...(first ? ['-f', String(first)] : []), ...(last ? ['-l', String(last)] : [])];
  return execFileSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n');
}

export interface WordBox {
  page: number;
  word: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  pageWidth: number;
  pageHeight: number;
}

/** Every word with its box (pdftotext -bbox), to prove no text falls outside the page. */
export function wordBoxes(path: string): WordBox[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out: WordBox[] = [];
  let page = 0;
  let pageWidth = 0;
  let pageHeight = 0;
  for (const line of html.split('\n')) {
    const p = /<page width="([\d.]+)" height="([\d.]+)"/.exec(line);
    if (p) {
      page += 1;
      pageWidth = Number(p[1]);
      pageHeight = Number(p[2]);
      continue;
    }
    const w = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(
      line,
    );
    if (w) {
      out.push({
        page,
        word: w[5]!,
        xMin: Number(w[1]),
        yMin: Number(w[2]),
        xMax: Number(w[3]),
        yMax: Number(w[4]),
        pageWidth,
        pageHeight,
      });
    }
  }
  return out;
}

/** Words closer than `margin` points to an edge of their page (or past it). */
export function wordsOutside(path: string, margin = 18): WordBox[] {
  return wordBoxes(path).filter(
    (w) =>
      w.xMin < margin || w.yMin < margin || w.xMax > w.pageWidth - margin || w.yMax > w.pageHeight - margin,
  );
}

/** Page 1 as a PNG in tests/reports/output (git-ignored), for a person to look at. */
export function savePage1Png(path: string, name: string): string {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const base = join(OUTPUT_DIR, name);
  execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', path, base]);
  return `${base}.png`;
}

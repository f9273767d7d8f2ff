import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

// PDFs the app saves in a spec: caught as a download, the first page rendered to PNG next to the
// screenshots (to look at), and the text extracted with poppler's pdftotext to check.

const SHOTS = join(import.meta.dirname, 'screenshots');
const PDFS = mkdtempSync(join(tmpdir(), 'smms-e2e-pdf-'));

export interface SavedPdf {
  /** All the text, whitespace collapsed to single spaces. */
  text: string;
  /** The text of each page in order (pdftotext ends every page with a form feed), collapsed too. */
  pages: string[];
}

export async function savedPdf(page: Page, click: () => Promise<void>, name: string): Promise<SavedPdf> {
  const download = page.waitForEvent('download');
  await click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const path = join(PDFS, `${name}.pdf`);
  await file.saveAs(path);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    path,
    join(SHOTS, name),
  ]);
  const raw = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();
  return { text: flat(raw), pages: raw.split('\f').slice(0, -1).map(flat) };
}

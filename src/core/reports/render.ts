import { sep } from 'node:path';
import * as pdfmakeNs from 'pdfmake';
import type { DynamicContent, TDocumentDefinitions } from 'pdfmake/interfaces';
import { findFontsDir, reportFonts } from './fonts.ts';

// Rendering, kept apart from the pure builders. pdfmake 0.3's Node API is a configured singleton
// (`require('pdfmake')` is an instance): setFonts / setUrlAccessPolicy / setLocalAccessPolicy,
// then createPdf(doc).getBuffer(). The old 0.2 `new PdfPrinter(fonts).createPdfKitDocument()`
// entry point is gone from the public API.

type PdfMake = typeof pdfmakeNs;
// The package is CommonJS (`module.exports = new pdfmake()`): under Node's ESM loader the
// instance is the default export; bundlers may hand over the instance itself.
const pdfmake: PdfMake = (pdfmakeNs as unknown as { default?: PdfMake }).default ?? pdfmakeNs;

let configuredFor: string | null = null;

function configure(): void {
  const dir = findFontsDir();
  if (configuredFor === dir) return;
  pdfmake.setFonts(reportFonts(dir));
  // Reports embed nothing from outside: no URL fetches, and local reads only of our own fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(dir + sep));
  configuredFor = dir;
}

export interface RenderedPdf {
  buffer: Buffer;
  pages: number;
}

export interface RenderOptions {
  /** Called while pages are drawn, with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
}

/** Renders a document definition to PDF bytes and counts its pages. */
export async function renderPdf(
  doc: TDocumentDefinitions,
  options: RenderOptions = {},
): Promise<RenderedPdf> {
  configure();
  let pages = 0;
  const footer = doc.footer;
  // pdfmake knows the page count only while it lays out headers and footers: read it there.
  const counting: DynamicContent = (current, count, size) => {
    pages = count;
    return typeof footer === 'function' ? footer(current, count, size) : footer;
  };
  // createPdf copies the progress callback into its options synchronously, so setting it just
  // before the call and clearing it right after keeps concurrent renders from sharing one.
  pdfmake.setProgressCallback(options.onProgress ?? (() => {}));
  const created = pdfmake.createPdf({ ...doc, footer: counting });
  pdfmake.setProgressCallback(() => {});
  const buffer = await created.getBuffer();
  return { buffer, pages };
}

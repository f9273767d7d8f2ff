// Document definition → PDF bytes, in plain JavaScript so the same file runs in the render worker
// (pdf-worker.mjs) under vitest, tsx and the bundled Electron main alike, with no TypeScript loader.
// Everything it receives is data (structured-clone safe): the report's frame (running header and a
// footer template with page tokens) and named table layouts replace the functions pdfmake takes.
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { applyPdfSpeedups } from './pdf-speedups.mjs';

// pdfmake takes a quarter of a second to load, so the first render loads it, not the import of this
// file: the core imports it (for the page tokens) on every app start and `smms` run.
let pdfmakeLoading = null;
function loadPdfmake() {
  // The package is CommonJS (`module.exports = new pdfmake()`): under Node's ESM loader the instance
  // is the default export; bundlers may hand over the instance itself.
  pdfmakeLoading ??= import('pdfmake').then((ns) => ns.default ?? ns);
  return pdfmakeLoading;
}

/** Tokens in the footer template, replaced per page. */
export const PAGE_TOKEN = '{{page}}';
export const PAGES_TOKEN = '{{pages}}';

/** The named table layouts reports use (`layout: 'smmsTable'`), drawn in the theme's colours. */
export function reportLayouts(c) {
  const ruled = (i, node) => {
    const rows = node.table.body.length;
    const head = node.table.headerRows ?? 0;
    return i === rows || i === head || i === Math.max(0, head - 1);
  };
  const panel = {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    fillColor: () => c.panel,
    paddingLeft: () => 6,
    paddingRight: () => 6,
    paddingTop: () => 3,
    paddingBottom: () => 3,
  };
  return {
    // Navy rules above and below the column headings and at the end, hairlines between rows;
    // header rows above the headings (a title row) get no rule.
    smmsTable: {
      hLineWidth: (i, node) => {
        if (i < (node.table.headerRows ?? 0) - 1) return 0;
        return ruled(i, node) ? 0.8 : 0.3;
      },
      vLineWidth: () => 0,
      hLineColor: (i, node) => (ruled(i, node) ? c.navy : c.hair),
      fillColor: (row, node) => {
        const head = node.table.headerRows ?? 0;
        if (row < head) return c.headFill;
        return (row - head) % 2 === 1 ? c.zebra : null;
      },
      paddingLeft: () => 4,
      paddingRight: () => 4,
      paddingTop: () => 2.5,
      paddingBottom: () => 2.5,
    },
    smmsPanel: panel,
    // Headline tiles: panels separated by white gaps.
    smmsTiles: {
      ...panel,
      vLineWidth: (i, node) => (i === 0 || i === node.table.widths?.length ? 0 : 5),
      vLineColor: () => '#FFFFFF',
      paddingTop: () => 5,
      paddingBottom: () => 5,
    },
    // Lists laid out as a table (top concerns): no rules, no left padding.
    smmsBare: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingTop: () => 2,
      paddingBottom: () => 2,
      paddingLeft: () => 0,
    },
  };
}

function replaceTokens(node, page, pages) {
  if (typeof node === 'string') return node.replaceAll(PAGE_TOKEN, page).replaceAll(PAGES_TOKEN, pages);
  if (Array.isArray(node)) return node.map((n) => replaceTokens(n, page, pages));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) out[k] = replaceTokens(v, page, pages);
    return out;
  }
  return node;
}

// Parsed fonts, kept for the life of this thread. pdfkit parses a font file again for every
// document, and fontkit decodes the font's substitution and positioning tables (GSUB/GPOS) lazily
// on each parsed copy: a quarter of a dossier's CPU time went into decoding the same tables again
// (bench report-timing: dossier ~150 → ~110 ms CPU). So each font pdfmake opens for a document
// (pdfkit's EmbeddedFont: the document's glyph subset and widths over a fontkit font) is switched
// onto the fontkit font this thread parsed first from the same file, with a fresh subset of it: each
// PDF still embeds exactly the glyphs it uses (the PDFs are byte-identical but for creation time
// and id). A parsed fontkit font keeps no per-document state, and a document is laid out and written
// synchronously, so documents drawn one after the other (or interleaved, in tests) share it safely.
// pdfmake still opens the font by its path, which is also how SVG text (the seal, chart labels)
// finds it already open in the document. The hook is on pdfmake's own PDFDocument (the class its
// Printer instantiates), because neither pdfmake nor pdfkit takes a parsed font.
const parsedFonts = new Map(); // font file → fontkit font
let fontsShared = false;

function shareParsedFonts() {
  if (fontsShared) return;
  const require = createRequire(import.meta.url);
  const PDFDocument = createRequire(require.resolve('pdfmake'))('./PDFDocument').default;
  const provideFont = PDFDocument.prototype.provideFont;
  PDFDocument.prototype.provideFont = function (family, bold, italics) {
    const type = this.getFontType(bold, italics);
    const opening = !this.fontCache[family]?.[type];
    const embedded = provideFont.call(this, family, bold, italics);
    if (opening) {
      const file = String(this.getFontFile(family, bold, italics));
      const parsed = parsedFonts.get(file);
      if (!parsed) parsedFonts.set(file, embedded.font);
      else {
        embedded.font = parsed;
        embedded.subset = parsed.createSubset();
      }
    }
    return embedded;
  };
  fontsShared = true;
}

let configuredFor = null;

function configure(pdfmake, fonts) {
  if (configuredFor === fonts.dir) return;
  shareParsedFonts();
  applyPdfSpeedups(createRequire(import.meta.url).resolve('pdfmake'));
  pdfmake.setFonts(fonts.dictionary);
  // Reports embed nothing from outside: no URL fetches, and local reads only of our own fonts.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => path.startsWith(fonts.dir + sep));
  configuredFor = fonts.dir;
}

/**
 * Loads pdfmake (a quarter of a second) ahead of the first job, so that a thread started while the
 * report's data is still being read is ready when its job arrives.
 */
export async function prepareRender(fonts) {
  configure(await loadPdfmake(), fonts);
}

/**
 * Renders one job: `{ doc, frame: { runningHeader, footer }, fonts: { dir, dictionary }, colors }`.
 * Resolves with `{ buffer, pages }`; `onProgress(fraction)` is called while pages are drawn.
 */
export async function renderJob(job, onProgress) {
  const pdfmake = await loadPdfmake();
  configure(pdfmake, job.fonts);
  pdfmake.setTableLayouts(reportLayouts(job.colors));
  let pages = 0;
  const { frame } = job;
  const definition = {
    ...job.doc,
    // pdfmake lays content out in place, so every page gets fresh copies of the templates.
    header: (current) =>
      current === 1 || !frame.runningHeader ? null : structuredClone(frame.runningHeader),
    // pdfmake knows the page count only while it lays out headers and footers: read it there.
    footer: (current, count) => {
      pages = count;
      return frame.footer ? replaceTokens(frame.footer, String(current), String(count)) : null;
    },
  };
  // createPdf copies the progress callback into its options synchronously, so setting it just
  // before the call and clearing it right after keeps concurrent renders from sharing one.
  pdfmake.setProgressCallback(onProgress ?? (() => {}));
  const created = pdfmake.createPdf(definition);
  pdfmake.setProgressCallback(() => {});
  const buffer = await created.getBuffer();
  return { buffer, pages };
}

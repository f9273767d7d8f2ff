// Renders the job on stdin (JSON, see pdf-render.mjs) and writes the PDF to stdout as base64. Run
// with SMMS_PDF_SPEEDUPS=off, it draws with pdfmake and pdfkit's own code (pdf-speedups.test.ts).
import { text } from 'node:stream/consumers';
import { renderJob } from '../../../src/core/reports/pdf-render.mjs';

const { buffer } = await renderJob(JSON.parse(await text(process.stdin)));
process.stdout.write(Buffer.from(buffer).toString('base64'));

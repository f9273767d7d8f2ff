import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces';
import { reportDocument, type ReportHeader } from '../../src/core/reports/frame.ts';
import { closeRenderWorker, renderPdf, renderThreadsStarted } from '../../src/core/reports/render.ts';
import { dataTable, type Column } from '../../src/core/reports/theme.ts';
import { withLongestStall } from '../helpers/stall.ts';

// Rendering happens in a worker thread: a long report leaves the calling thread's event loop free
// (what keeps the Electron main process and its windows responsive), reports drawing progress, and
// can be cancelled. No database: this is the definition → PDF step alone.

const header: ReportHeader = {
  institution: { name: 'Sahyadri College of Engineering', code: 'SCE', address: null },
  department: 'Computer Science and Engineering',
  title: 'Worker Test',
  period: null,
  generatedBy: 'Dr. Lakshmi Narayanan',
  generatedAt: '2026-03-20T04:30:00.000Z',
  confidential: true,
};

type Row = { n: number; name: string };
const cols: Column<Row>[] = [
  { header: '#', width: 30, align: 'right', cell: (r) => String(r.n) },
  { header: 'Student', width: '*', cell: (r) => r.name },
  { header: 'Notes', width: 200, cell: (r) => `Row ${r.n}: attended, action items reviewed` },
];
const bigDoc = (rows: number) => {
  const data = Array.from({ length: rows }, (_, i) => ({ n: i + 1, name: `Śrīnivās Rāmānujan ${i + 1}` }));
  return reportDocument(header, [dataTable(cols, data) as Content]);
};

const longestStall = async (work: () => Promise<unknown>): Promise<number> =>
  (await withLongestStall(work)).stallMs;

afterAll(() => closeRenderWorker());

describe('report rendering in a worker', () => {
  it('keeps the calling thread responsive while a long report is drawn, with progress and page numbers', async () => {
    const doc = bigDoc(1500);
    await renderPdf(bigDoc(10)); // warm the worker (fonts, pdfmake)
    const fractions: number[] = [];
    let pdf: Awaited<ReturnType<typeof renderPdf>> | undefined;
    const inWorker = await longestStall(async () => {
      pdf = await renderPdf(doc, { onProgress: (f) => fractions.push(f) });
    });
    const inThread = await longestStall(() => renderPdf(bigDoc(1500), { inThread: true }));
    // The same work on this thread stalls it for the whole drawing; in the worker only briefly
    // (structured-clone of the definition and the tick of the event loop).
    expect(inThread).toBeGreaterThan(500);
    expect(inWorker).toBeLessThan(Math.min(250, inThread / 3));
    expect(pdf!.pages).toBeGreaterThan(20);
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions.at(-1)).toBeGreaterThan(0.95);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: pdf!.buffer,
      maxBuffer: 1 << 26,
    }).toString();
    expect(text).toContain('Śrīnivās Rāmānujan 1500');
    expect(text).toContain(`Page ${pdf!.pages} of ${pdf!.pages}`);
    expect(text).not.toContain('{{page');
  }, 60_000);

  it('cancels a render being drawn, and the next render still works', async () => {
    const controller = new AbortController();
    let aborted = false;
    const first = renderPdf(bigDoc(1500), {
      signal: controller.signal,
      onProgress: () => {
        if (!aborted) {
          aborted = true;
          controller.abort();
        }
      },
    });
    const queued = renderPdf(bigDoc(5));
    await expect(first).rejects.toThrow(/cancelled/);
    const next = await queued;
    expect(next.pages).toBe(1);
    expect(next.buffer.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('a cancel stops the drawing without ending the thread (Node aborts the process when a thread ends mid-zlib)', async () => {
    await renderPdf(bigDoc(5)); // the warm thread
    const threads = renderThreadsStarted();
    for (let i = 0; i < 8; i++) {
      const controller = new AbortController();
      let steps = 0;
      const cancelled = renderPdf(bigDoc(600), {
        signal: controller.signal,
        onProgress: () => {
          steps += 1;
          if (steps === 1 + (i % 4)) controller.abort();
        },
      });
      await expect(cancelled).rejects.toThrow(/cancelled/);
    }
    const after = await renderPdf(bigDoc(5));
    expect(after.pages).toBe(1);
    expect(renderThreadsStarted()).toBe(threads);
  }, 60_000);

  it('a render cancelled before it starts never reaches the worker', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(renderPdf(bigDoc(5), { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});

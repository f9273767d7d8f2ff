import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Content } from 'pdfmake/interfaces';
import { reportDocument, type ReportHeader } from '../../src/core/reports/frame.ts';
import { closeRenderWorker, renderPdf } from '../../src/core/reports/render.ts';
import { dataTable, type Column } from '../../src/core/reports/theme.ts';

// A render thread parses each font file once and every document it draws lays out with that parsed
// font (pdf-render.mjs). What a PDF embeds must still depend on that document alone: its own glyph
// subset, whatever was drawn before it on the same thread.

const header: ReportHeader = {
  institution: { name: 'Sahyadri College of Engineering', code: 'SCE', address: null },
  department: 'Computer Science and Engineering',
  title: 'Font Test',
  period: null,
  generatedBy: 'Dr. Lakshmi Narayanan',
  generatedAt: '2026-03-20T04:30:00.000Z',
  confidential: true,
};

type Row = { name: string };
const cols: Column<Row>[] = [{ header: 'Student', width: '*', cell: (r) => r.name }];
const doc = (names: string[]) =>
  reportDocument(header, [
    dataTable(
      cols,
      names.map((name) => ({ name })),
    ) as Content,
  ]);

// The creation time and the document id are the only bytes that differ between two renders.
const stable = (pdf: Buffer): string =>
  pdf
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '(D:)')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/g, '/ID []');

const fonts = (pdf: Buffer): string[] =>
  execFileSync('pdffonts', ['-'], { input: pdf })
    .toString()
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));

afterAll(() => closeRenderWorker());

describe('parsed fonts shared by the documents of a render thread', () => {
  it('embeds per document only the glyphs that document uses, whatever was drawn before', async () => {
    const small = doc(['Asha Rao']);
    // Many glyphs the small document lacks (diacritics, digits, capitals), drawn in between.
    const big = doc(Array.from({ length: 300 }, (_, i) => `Śrīnivās Ṛṣabh Ñāṇaḍḍ Ūrmilā ${i} QXZJ`));
    // svg-to-pdfkit only warns (and draws in whatever font is current) when it cannot open a font.
    const warn = vi.spyOn(console, 'warn');
    for (const inThread of [true, false]) {
      const first = await renderPdf(structuredClone(small), { inThread });
      const between = await renderPdf(structuredClone(big), { inThread });
      const again = await renderPdf(structuredClone(small), { inThread });
      expect(stable(again.buffer)).toBe(stable(first.buffer));
      expect(fonts(again.buffer)).toEqual(expect.arrayContaining(['NotoSans-Bold', 'NotoSans-Regular']));
      const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: between.buffer }).toString();
      expect(text).toContain('Śrīnivās Ṛṣabh Ñāṇaḍḍ Ūrmilā 299 QXZJ');
      // The seal's letters are SVG text, which opens its font by the file's path, not through pdfmake.
      expect(execFileSync('pdftotext', ['-', '-'], { input: again.buffer }).toString()).toContain('SCE');
    }
    expect(warn.mock.calls.filter((c) => /font/i.test(String(c[0])))).toEqual([]);
    warn.mockRestore();
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { canEmbedPdf, dayOf, defaultPeriod, reportInfo } from './report-kinds.ts';

const docWith = (policy: string | null): Document =>
  ({
    querySelector: () => (policy === null ? null : { content: policy }),
  }) as unknown as Document;

describe('reports page helpers', () => {
  it('defaults to the department summary', () => {
    expect(reportInfo(null).call).toBe('reports:department');
    expect(reportInfo('student').params.student).toBe('required');
  });

  it('uses calendar days, not instants', () => {
    expect(dayOf(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(defaultPeriod(new Date(2026, 0, 20))).toEqual(['2025-12-01', '2026-01-20']);
  });

  it('embeds a PDF only where the policy allows blob: frames', () => {
    expect(canEmbedPdf(docWith("default-src 'none'; frame-src 'none'"))).toBe(false);
    expect(canEmbedPdf(docWith("default-src 'none'"))).toBe(false);
    expect(canEmbedPdf(docWith("default-src 'none'; frame-src 'self' blob:"))).toBe(true);
    expect(canEmbedPdf(docWith(null))).toBe(true);
  });
});

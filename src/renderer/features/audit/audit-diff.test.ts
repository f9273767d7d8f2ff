import { describe, expect, it } from 'vitest';
import { auditChanges, changeSummary } from './audit-diff.ts';

describe('audit changes', () => {
  it('lists only the fields that differ, with both sides', () => {
    expect(auditChanges({ gpa: 6.1, program: 'B.Tech' }, { gpa: 7.25, program: 'B.Tech' })).toEqual([
      { field: 'gpa', before: '6.1', after: '7.25' },
    ]);
  });

  it('shows a create as fields with an empty before, and null as a dash', () => {
    expect(auditChanges(null, { email: 'a@b.in', phone: null })).toEqual([
      { field: 'email', before: '', after: 'a@b.in' },
      { field: 'phone', before: '', after: '—' },
    ]);
  });

  it('handles plain values and nested objects', () => {
    expect(auditChanges('x', 'y')).toEqual([{ field: 'value', before: 'x', after: 'y' }]);
    expect(auditChanges({ t: { a: 1, b: 2 } }, { t: { a: 3, b: 2 } })).toEqual([
      { field: 't.a', before: '1', after: '3' },
    ]);
    expect(auditChanges(null, { tags: ['x', 'y'] })).toEqual([
      { field: 'tags', before: '', after: '["x","y"]' },
    ]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it('summarises many fields briefly', () => {
    const after = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 };
    expect(changeSummary({}, after)).toBe('a, b, c, d +2');
    expect(changeSummary({ a: 1 }, { a: 1 })).toBe('');
  });
});

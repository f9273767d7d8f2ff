// What an audit row changed, as rows the office can read: one line per field whose value differs
// between `before` and `after` (either side may be missing: a create has no before).

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const show = (v: unknown): string => {
  if (v === undefined) return '';
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    return before === null && after === null
      ? []
      : [{ field: 'value', before: show(before), after: show(after) }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys
    .map((field) => ({ field, before: show(b?.[field]), after: show(a?.[field]) }))
    .filter((c) => c.before !== c.after);
}

/** "gpa, attendancePct" — the changed fields in a few words for the table. */
export function changeSummary(before: unknown, after: unknown, max = 4): string {
  const fields = auditChanges(before, after).map((c) => c.field);
  if (fields.length === 0) return '';
  const shown = fields.slice(0, max).join(', ');
  return fields.length > max ? `${shown} +${fields.length - max}` : shown;
}

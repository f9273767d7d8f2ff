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

/** Nested objects as "a.b.c" paths, so a change deep inside shows as one line per value. */
function flatten(
  v: Record<string, unknown>,
  prefix = '',
  depth = 0,
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, value] of Object.entries(v)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const nested = asRecord(value);
    if (nested && depth < 4 && Object.keys(nested).length > 0) flatten(nested, path, depth + 1, out);
    else out[path] = value;
  }
  return out;
}

export function auditChanges(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    return before === null && after === null
      ? []
      : [{ field: 'value', before: show(before), after: show(after) }];
  }
  const fb = b ? flatten(b) : {};
  const fa = a ? flatten(a) : {};
  const keys = [...new Set([...Object.keys(fb), ...Object.keys(fa)])];
  return keys
    .map((field) => ({ field, before: show(fb[field]), after: show(fa[field]) }))
    .filter((c) => c.before !== c.after);
}

/** "gpa, attendancePct" — the changed fields in a few words for the table. */
export function changeSummary(before: unknown, after: unknown, max = 4): string {
  const fields = auditChanges(before, after).map((c) => c.field);
  if (fields.length === 0) return '';
  const shown = fields.slice(0, max).join(', ');
  return fields.length > max ? `${shown} +${fields.length - max}` : shown;
}

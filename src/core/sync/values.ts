import { JSON_COLUMNS } from './tables.ts';

// Column values compared across SQLite and MySQL: the boundary already gives both sides ISO strings,
// JSON text and JS numbers (connect.ts); what remains is JSON text MySQL may reformat and numbers that
// arrive as numeric strings from a JSON document.

function parseJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function sameValue(table: string, column: string, a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (JSON_COLUMNS.has(`${table}.${column}`)) return deepEqual(parseJson(a), parseJson(b));
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return false;
}

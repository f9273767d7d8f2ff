// session_records.actionItems is JSON text: an array of { text, done, dueOn? } (SCHEMA.md). Rows
// written by other tools may hold anything, so reading keeps only well-formed items.

export interface StoredActionItem {
  text: string;
  done: boolean;
  dueOn?: string;
}

/** A stored item's fields when it is well-formed (an object whose text is a string), else null. */
function wellFormed(v: unknown): Record<string, unknown> | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  return typeof o.text === 'string' ? o : null;
}

function toItem(v: unknown): StoredActionItem | null {
  const o = wellFormed(v);
  if (!o) return null;
  const item: StoredActionItem = { text: o.text as string, done: o.done === true };
  if (typeof o.dueOn === 'string') item.dueOn = o.dueOn;
  return item;
}

/** The stored JSON array, or [] for null, malformed JSON or anything but an array. */
function storedArray(text: string | null): unknown[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value : [];
}

export function parseActionItems(text: string | null): StoredActionItem[] {
  return storedArray(text).flatMap((v) => toItem(v) ?? []);
}

/**
 * `parseActionItems(text).filter((i) => !i.done).length` without building the items: a calendar
 * month counts them for 2,000 sessions and needs nothing else of them.
 */
export function countOpenActionItems(text: string | null): number {
  let n = 0;
  for (const v of storedArray(text)) {
    const o = wellFormed(v);
    if (o && o.done !== true) n++;
  }
  return n;
}

/** Stored form: keys in a fixed order, dueOn only when set; null for an empty list. */
export function serializeActionItems(items: readonly StoredActionItem[]): string | null {
  if (items.length === 0) return null;
  return JSON.stringify(
    items.map((i) =>
      i.dueOn ? { text: i.text, done: i.done, dueOn: i.dueOn } : { text: i.text, done: i.done },
    ),
  );
}

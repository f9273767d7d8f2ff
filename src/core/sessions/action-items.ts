// session_records.actionItems is JSON text: an array of { text, done, dueOn? } (SCHEMA.md). Rows
// written by other tools may hold anything, so reading keeps only well-formed items.

export interface StoredActionItem {
  text: string;
  done: boolean;
  dueOn?: string;
}

function toItem(v: unknown): StoredActionItem | null {
  if (!v || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.text !== 'string') return null;
  const item: StoredActionItem = { text: o.text, done: o.done === true };
  if (typeof o.dueOn === 'string') item.dueOn = o.dueOn;
  return item;
}

export function parseActionItems(text: string | null): StoredActionItem[] {
  if (!text) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => toItem(v) ?? []);
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

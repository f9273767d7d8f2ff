import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// Reading a pdfmake document definition the way a test needs to: its tables (by their column
// headings) as rows of plain text, and all its text.

type Node = unknown;

/** Plain text of a node: strings, `text` (also arrays of inlines), `stack` and `columns`. */
export function textOf(node: Node): string {
  if (node === null || node === undefined) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).filter(Boolean).join(' ');
  if (typeof node !== 'object') return '';
  const n = node as Record<string, unknown>;
  if ('text' in n) return textOf(n.text);
  if ('stack' in n) return textOf(n.stack);
  if ('columns' in n) return textOf(n.columns);
  if ('table' in n) return textOf((n.table as { body: unknown }).body);
  return '';
}

export interface FoundTable {
  headerRows: number;
  /** Column headings: the last header row. */
  headings: string[];
  /** Every body row (after the header rows) as cell texts. */
  rows: string[][];
}

function walk(node: Node, out: FoundTable[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const c of node) walk(c, out);
    return;
  }
  const n = node as Record<string, unknown>;
  if (n.table) {
    const t = n.table as { headerRows?: number; body: Node[][] };
    const head = t.headerRows ?? 0;
    out.push({
      headerRows: head,
      headings: head ? t.body[head - 1]!.map(textOf) : [],
      rows: t.body.slice(head).map((r) => r.map(textOf)),
    });
  }
  for (const key of ['stack', 'columns', 'content']) if (key in n) walk(n[key], out);
}

export function tables(doc: TDocumentDefinitions): FoundTable[] {
  const out: FoundTable[] = [];
  walk(doc.content, out);
  return out;
}

/** The one table whose headings start with `first`. */
export function tableStartingWith(doc: TDocumentDefinitions, ...first: string[]): FoundTable {
  const found = tables(doc).filter((t) => first.every((h, i) => t.headings[i] === h));
  if (found.length !== 1)
    throw new Error(`expected one table headed ${first.join(' | ')}, found ${found.length}`);
  return found[0]!;
}

export function allText(doc: TDocumentDefinitions): string {
  return textOf(doc.content as Node);
}

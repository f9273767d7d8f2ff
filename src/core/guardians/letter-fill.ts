import { LETTER_PLACEHOLDERS } from '../../shared/contract/guardians.contract.ts';

// Template placeholders: {{student.name}}, {{ attendancePct }} (spaces allowed). Saving a template
// with a name not in LETTER_PLACEHOLDERS is refused, so a printed letter never shows a raw {{...}}.

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

export type LetterValues = Record<(typeof LETTER_PLACEHOLDERS)[number], string>;

export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(LETTER_PLACEHOLDERS);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((k) => !known.has(k)))];
}

export function fillTemplate(text: string, values: LetterValues): string {
  return text.replace(PLACEHOLDER, (whole, key: string) =>
    Object.hasOwn(values, key) ? values[key as keyof LetterValues] : whole,
  );
}

// What may reach a log file: support needs call names, error codes, ids, counts and file names; it must
// never get passwords, reset codes, tokens, password hashes, connection passwords, or a student's
// personal data beyond ids. Redaction works on keys (a field called "password" is dropped whatever
// it holds; error and institution `code`s stay, reset codes are caught by their shape) and on text (secrets and personal data that hide inside messages, stacks and SQL errors).

const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|resetcode|otp|^pin$|hash|salt|cookie|authorization|api_?key|credential|session_?id/i;
const PERSONAL_KEY =
  /^(email|e_?mail|first_?name|last_?name|full_?name|display_?name|phone|mobile|address|dob|date_?of_?birth|bio|guardian\w*|parent\w*|summary|notes?|comments?|feedback|message_?text|location|avatar\w*)$/i;

const TEXT_RULES: [RegExp, string][] = [
  [/scrypt\$[^\s"',;)}\]]+/g, '[hash]'],
  [/!invited\$[^\s"',;)}\]]+/g, '[hash]'],
  [/\b(\w+:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@'],
  [/\bBearer\s+[\w.~+/-]+=*/gi, 'Bearer [redacted]'],
  [/\b(password|passwd|pwd|token|secret|code)(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)/gi, '$1$2[redacted]'],
  // One-time reset codes (Crockford base32, 4 groups of 4) and long hex digests of them.
  [/\b[0-9A-HJKMNP-TV-Z]{4}(?:-?[0-9A-HJKMNP-TV-Z]{4}){3}\b/g, '[code]'],
  [/\b[0-9a-f]{40,}\b/gi, '[hex]'],
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[email]'],
  [/(?<![\w.:/-])(?:\+\d{1,3}[ -]?)?\d{10}(?![\w.:/-])/g, '[phone]'],
  // Values quoted back in database errors ("Duplicate entry 'Asha Menon' for key ...").
  [/\b(Duplicate entry|Incorrect \w+ value:?|for value|value) '[^']*'/g, "$1 '[value]'"],
];

const MAX_DEPTH = 6;
const MAX_ITEMS = 50;
const MAX_TEXT = 4000;

export function redactText(text: string, max = MAX_TEXT): string {
  let out = text.length > max ? `${text.slice(0, max)}…` : text;
  for (const [pattern, replacement] of TEXT_RULES) out = out.replace(pattern, replacement);
  return out;
}

function redactError(err: Error, depth: number): Record<string, unknown> {
  const code = (err as { code?: unknown }).code;
  return {
    name: err.name,
    message: redactText(err.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(err.stack ? { stack: redactText(err.stack) } : {}),
    ...(err.cause !== undefined && depth < MAX_DEPTH ? { cause: redactValue(err.cause, depth + 1) } : {}),
  };
}

/** A copy of `value` that is safe to write to a log. */
export function redactValue(value: unknown, depth = 0, key = ''): unknown {
  if (key && SECRET_KEY.test(key)) return value === null || value === undefined ? value : '[redacted]';
  if (key && PERSONAL_KEY.test(key)) return value === null || value === undefined ? value : '[personal]';
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => redactValue(v, depth + 1));
    return value.length > MAX_ITEMS ? [...items, `… ${value.length - MAX_ITEMS} more`] : items;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, depth + 1, k);
  return out;
}

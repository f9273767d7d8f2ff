import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Greps log files for what must never reach them (issue 10): the passwords a run typed or seeded,
// password hashes, reset codes, access tokens and their digests, e-mail addresses. The patterns are
// the shapes the app itself makes (src/core/auth/password.ts, reset-token.ts, src/web/server.ts), so
// a leak is found even for a secret generated during the run that no list could name.

export interface LogFinding {
  file: string;
  /** 1-based. */
  line: number;
  kind: string;
  /** The start of what matched, never the whole secret (the report goes to CI output). */
  hint: string;
}

export interface LogScan {
  files: string[];
  /** Non-empty lines read, over all files. */
  lines: number;
  findings: LogFinding[];
}

const SHAPES: [kind: string, pattern: RegExp][] = [
  // scrypt$N=16384,r=8,p=1$<salt>$<key>, and the placeholder invited accounts store instead.
  ['password hash', /scrypt\$/g],
  ['password hash', /!invited\$/g],
  // Crockford base32 in four groups of four (reset-token.ts), typed with or without dashes.
  ['reset code', /\b[0-9A-HJKMNP-TV-Z]{4}(?:-?[0-9A-HJKMNP-TV-Z]{4}){3}\b/g],
  // The browser shell's access token: 32 random bytes in base64url, 43 characters.
  ['access token', /(?<![\w-])[\w-]{43}(?![\w-])/g],
  ['access token', /[?&]token=(?!\[redacted\])[^\s"&]+/g],
  ['bearer token', /\bBearer\s+(?!\[redacted\])[\w.~+/-]+/g],
  // sha256 of a reset code or token (what the database keeps), or any other long digest.
  ['token digest', /\b[0-9a-f]{40,}\b/gi],
  ['e-mail address', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
];

const hint = (match: string): string => `${match.slice(0, 4)}… (${match.length} chars)`;

/** Findings in one file's text; `passwords` are matched literally (empty ones are ignored). */
export function scanLogText(text: string, file: string, passwords: readonly string[]): LogFinding[] {
  const findings: LogFinding[] = [];
  const wanted = passwords.filter((p) => p.length > 0);
  text.split('\n').forEach((content, i) => {
    const at = { file, line: i + 1 };
    for (const password of wanted) {
      if (content.includes(password)) findings.push({ ...at, kind: 'password', hint: hint(password) });
    }
    for (const [kind, pattern] of SHAPES) {
      for (const m of content.matchAll(pattern)) findings.push({ ...at, kind, hint: hint(m[0]) });
    }
  });
  return findings;
}

/** Every *.log file in `dir` (rotated ones included: main.1.log …), scanned. */
export function scanLogFolder(dir: string, passwords: readonly string[]): LogScan {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .sort();
  const scan: LogScan = { files, lines: 0, findings: [] };
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    scan.lines += text.split('\n').filter((l) => l.trim() !== '').length;
    scan.findings.push(...scanLogText(text, f, passwords));
  }
  return scan;
}

/** Throws unless the folder has log lines and none of them holds a secret. */
export function assertCleanLogs(dir: string, passwords: readonly string[]): LogScan {
  const scan = scanLogFolder(dir, passwords);
  // Grepping nothing proves nothing: a run whose shells stopped logging must fail too.
  if (scan.lines === 0) throw new Error(`No log lines in ${dir}: the shells wrote no log to check.`);
  if (scan.findings.length > 0) {
    const list = scan.findings
      .slice(0, 20)
      .map((f) => `  ${f.file}:${f.line} ${f.kind} ${f.hint}`)
      .join('\n');
    throw new Error(`${scan.findings.length} secret(s) in the logs in ${dir}:\n${list}`);
  }
  return scan;
}

import type { StartupProgress } from '../core/ops/startup.ts';

// The start-up progress page as a data: URL document: no script, no remote anything (its CSP says so).

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function progressPage(p: StartupProgress): string {
  const pct = p.total > 0 ? Math.round((100 * p.done) / p.total) : 0;
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<style>body{font:14px system-ui,sans-serif;margin:24px;color:#1f2937;background:#f4f6f9}',
    'div.bar{height:8px;background:#dde3ea;border-radius:4px;margin-top:14px}',
    'div.bar>div{height:8px;background:#1c7ed6;border-radius:4px}</style></head><body>',
    `<strong>SMMS Desktop</strong><p>${escape(p.label)}</p>`,
    `<div class="bar"><div style="width:${pct}%"></div></div>`,
    '<p style="color:#6b7280;font-size:12px">Please do not switch the computer off.</p></body></html>',
  ].join('');
}

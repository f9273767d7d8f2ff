import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { buildCsp, injectNonce, SECURITY_HEADERS } from './csp.ts';

// Resolving a request path to a file under the built renderer, shared by the browser shell and
// Electron's app:// protocol handler. Both serve the same files with the same types.

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file a URL path names inside `root`, or null when it would escape the root (`..`, encoded
 * separators, NUL) or is not a plain path. "/" is the app's index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  if (relative.split('/').some((part) => part === '..' || part === '.')) return null;
  const base = resolve(root);
  const full = resolve(base, relative);
  return full.startsWith(base + sep) ? full : null;
}

export function isIndexHtml(root: string, file: string): boolean {
  return file === resolve(root, 'index.html');
}

export interface StaticResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * One app file as both shells serve it: index.html with a fresh nonce in its policy and `no-store`
 * (so every load gets a new nonce), hashed assets cacheable, everything with the security headers.
 */
export async function readAppFile(root: string, urlPath: string, nonce: string): Promise<StaticResponse> {
  const common = { ...SECURITY_HEADERS, 'Content-Security-Policy': buildCsp({ nonce }) };
  const file = resolveStaticPath(root, urlPath);
  const notFound = (): StaticResponse => ({
    status: 404,
    headers: { ...common, 'Content-Type': 'text/plain; charset=utf-8' },
    body: Buffer.from('Not found'),
  });
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound();
  }
  const index = isIndexHtml(root, file);
  if (index) body = Buffer.from(injectNonce(body.toString('utf8'), nonce), 'utf8');
  return {
    status: 200,
    headers: {
      ...common,
      'Content-Type': contentTypeFor(file),
      'Cache-Control': cacheControl(urlPath, index),
    },
    body,
  };
}

// Vite puts content hashes in every file name under /assets/, so those never change in place.
function cacheControl(urlPath: string, index: boolean): string {
  if (index) return 'no-store';
  return urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export function newNonce(): string {
  return randomBytes(18).toString('base64');
}

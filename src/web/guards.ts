import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { WEB_TOKEN_HEADER } from '../preload/bridge.ts';

// Request guards of the browser shell. A loopback server is still reachable from any web page the
// user opens (cross-site requests, DNS rebinding), so every request must name our own host, come
// from our own origin when it says where it comes from, and /call and /events need the token.

export const TOKEN_HEADER = WEB_TOKEN_HEADER;
/** Roster files and attachments travel as base64 in the JSON body; 25 MB covers them. */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? undefined : value;

/** Why a request is refused, or null when its Host, Origin and fetch metadata are ours. */
export function checkRequestOrigin(headers: IncomingHttpHeaders, port: number): string | null {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = single(headers.host)?.toLowerCase();
  // A rebound DNS name resolves to 127.0.0.1 but still sends its own name as Host.
  if (!host || !hosts.includes(host)) return 'Unexpected Host header.';
  const origin = single(headers.origin);
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return 'Requests from other sites are not allowed.';
  }
  const site = single(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return 'Requests from other sites are not allowed.';
  }
  return null;
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; message: string };

/**
 * Reads a JSON body of at most `maxBytes`. Requiring application/json also means a cross-site
 * form or "simple" fetch cannot reach /call without a CORS preflight, which we never answer.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const type = single(req.headers['content-type'])?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    return Promise.resolve({ ok: false, status: 415, message: 'Send the call as application/json.' });
  }
  const declared = Number(single(req.headers['content-length']) ?? NaN);
  const tooLarge: BodyResult = { ok: false, status: 413, message: 'The request is larger than 25 MB.' };
  if (declared > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        req.pause();
        finish(tooLarge);
      } else if (!done) {
        chunks.push(chunk);
      }
    });
    req.on('error', () => finish({ ok: false, status: 400, message: 'The request was interrupted.' }));
    req.on('end', () => {
      try {
        finish({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      } catch {
        finish({ ok: false, status: 400, message: 'The request body is not valid JSON.' });
      }
    });
  });
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalCore, type Core } from '../../src/core/app.ts';
import { progressFor } from '../../src/core/reports/progress.ts';
import { NONCE_PLACEHOLDER } from '../../src/web/csp.ts';
import { MAX_BODY_BYTES, TOKEN_HEADER } from '../../src/web/guards.ts';
import { startWebShell, type WebShell } from '../../src/web/server.ts';

// The browser shell's guards against a real core on an in-memory SQLite database.

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let core: Core;
let shell: WebShell;
let port: number;
let staticDir: string;

function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const call = (name: string, input: unknown, token = shell.token, extra: Record<string, string> = {}) =>
  raw(
    'POST',
    '/call',
    { 'content-type': 'application/json', [TOKEN_HEADER]: token, ...extra },
    JSON.stringify({ name, input }),
  );

const ADMIN = { email: 'admin@college.edu', password: 'Correct-Horse-42!' };

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'smms-web-'));
  writeFileSync(
    join(staticDir, 'index.html'),
    `<meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}"><p>app</p>`,
  );
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  core = await openLocalCore({ dbUrl: 'sqlite::memory:', appVersion: 'test' });
  shell = await startWebShell({ core, staticDir });
  port = Number(new URL(shell.url).port);
});

afterAll(async () => {
  await shell.close();
  await core.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('browser shell', () => {
  it('listens on loopback and prints the token once in the URL', () => {
    const url = new URL(shell.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBe(shell.token);
    expect(shell.token.length).toBeGreaterThanOrEqual(40);
  });

  it('dispatches a contract call with the token', async () => {
    const r = await call('setup:status', {});
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, data: { needsSetup: true } });
  });

  it('refuses calls without a token or with a wrong one', async () => {
    const none = await raw(
      'POST',
      '/call',
      { 'content-type': 'application/json' },
      '{"name":"setup:status"}',
    );
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error.code).toBe('UNAUTHENTICATED');
    const wrong = await call('setup:status', {}, 'x'.repeat(43));
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const r = await call('setup:status', {}, shell.token, { host: `evil.example:${port}` });
    expect(r.status).toBe(403);
    const page = await raw('GET', '/', { host: `evil.example:${port}` });
    expect(page.status).toBe(403);
  });

  it('refuses other origins and cross-site fetch metadata', async () => {
    expect((await call('setup:status', {}, shell.token, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('setup:status', {}, shell.token, { origin: 'null' })).status).toBe(403);
    const site = await call('setup:status', {}, shell.token, { 'sec-fetch-site': 'cross-site' });
    expect(site.status).toBe(403);
    const own = await call('setup:status', {}, shell.token, {
      origin: `http://127.0.0.1:${port}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(own.status).toBe(200);
  });

  it('refuses unknown call names', async () => {
    const r = await call('users:drop-everything', {});
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error.code).toBe('NOT_FOUND');
    expect((await call('__proto__', {})).status).toBe(404);
  });

  it('refuses bodies that are not JSON or larger than 25 MB', async () => {
    const text = await raw(
      'POST',
      '/call',
      { 'content-type': 'text/plain', [TOKEN_HEADER]: shell.token },
      '{}',
    );
    expect(text.status).toBe(415);
    const declared = await raw('POST', '/call', {
      'content-type': 'application/json',
      'content-length': String(MAX_BODY_BYTES + 1),
      [TOKEN_HEADER]: shell.token,
    });
    expect(declared.status).toBe(413);
    const big = Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20);
    const streamed = await raw(
      'POST',
      '/call',
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked', [TOKEN_HEADER]: shell.token },
      big,
    ).catch((err: NodeJS.ErrnoException) => ({ status: err.code === 'ECONNRESET' ? 413 : 0 }));
    expect(streamed.status).toBe(413);
    const broken = await raw(
      'POST',
      '/call',
      { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token },
      '{',
    );
    expect(broken.status).toBe(400);
  });

  it('serves index.html with a fresh nonce in the CSP header and the page', async () => {
    const a = await raw('GET', '/');
    const b = await raw('GET', '/');
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(a.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(a.body).toContain(`nonce="${nonce}"`);
    expect(a.body).not.toContain(NONCE_PLACEHOLDER);
    expect(b.headers['content-security-policy']).not.toBe(csp);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(a.headers['x-content-type-options']).toBe('nosniff');
    const js = await raw('GET', '/app.js');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('does not serve files outside the renderer folder', async () => {
    expect((await raw('GET', '/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await raw('GET', '/%2e%2e/package.json')).status).toBe(404);
    expect((await raw('GET', '/missing.js')).status).toBe(404);
    expect((await raw('DELETE', '/app.js')).status).toBe(405);
  });

  it('keeps one core session per token and routes events to the signed-in session only', async () => {
    const setup = await call('setup:initialize', {
      institution: { name: 'Riverside College', code: 'RC' },
      department: { name: 'Computer Science', code: 'CSE' },
      admin: { firstName: 'Asha', lastName: 'Rao', ...ADMIN },
    });
    const user = JSON.parse(setup.body).data.user as { id: string };
    expect(user.id).toBeTruthy();
    const other = shell.issueToken();
    expect(JSON.parse((await call('auth:me', {}, other)).body).data.user).toBeNull();

    const received = await collectEvents(shell.token, () => {
      core.emit({ type: 'notifications:changed', userId: 'someone-else' });
      core.emit({ type: 'notifications:changed', userId: user.id });
    });
    expect(received).toEqual([{ type: 'notifications:changed', userId: user.id }]);
    const nothing = await collectEvents(other, () => {
      core.emit({ type: 'notifications:changed', userId: user.id });
    });
    expect(nothing).toEqual([]);
  });

  it('forwards report progress to the signed-in tab as task:progress', async () => {
    // Signed in by the previous test (setup:initialize signs the first admin in on this token).
    const received = await collectEvents(shell.token, () => {
      progressFor('task-web-1')(30, 100, 'Laying out pages');
    });
    expect(received).toEqual([
      { type: 'task:progress', taskId: 'task-web-1', done: 30, total: 100, label: 'Laying out pages' },
    ]);
  });
});

/** Opens /events for a token, runs `emit` once connected, and returns what arrived in 200 ms. */
function collectEvents(token: string, emit: () => void): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const events: unknown[] = [];
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/events',
        headers: { host: `127.0.0.1:${port}`, [TOKEN_HEADER]: token },
      },
      (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const line of chunk.split('\n')) {
            if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)));
          }
        });
        emit();
        setTimeout(() => {
          req.destroy();
          resolve(events);
        }, 200);
      },
    );
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.end();
  });
}

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/app.ts';
import { silentLogger, type Logger } from '../core/log.ts';
import { logCall } from '../core/ops/call-log.ts';
import { CALL_NAMES } from '../shared/contract/index.ts';
import { fail, type Result } from '../shared/result.ts';
import { newNonce, readAppFile } from './static-files.ts';
import { SessionUsers } from './session-events.ts';
import { checkRequestOrigin, readJsonBody, MAX_BODY_BYTES, TOKEN_HEADER } from './guards.ts';

// The browser shell (ARCHITECTURE.md): the built renderer and the contract over HTTP on loopback,
// for end-to-end tests and machines without Electron. Same dispatch, same CSP as the desktop app.

export interface WebShellOptions {
  core: Core;
  /** 0 or absent: any free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Access log: one line per call (name, outcome, time), never its input or result. */
  log?: Logger;
}

export interface WebShell {
  /** The address to open, with the first token; print it once. */
  url: string;
  token: string;
  /** Another token with its own core session (a second signed-in tab or test user). */
  issueToken(): string;
  close(): Promise<void>;
}

export const LOOPBACK = '127.0.0.1';
const CALL_NAME_SET = new Set<string>(CALL_NAMES);
const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

interface ShellState {
  core: Core;
  staticDir: string;
  port: number;
  /** sha256(token) → core session id; looked up by hash so lookups leak nothing about tokens. */
  sessions: Map<string, string>;
  users: SessionUsers;
  log: Logger;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

const sendFail = (res: ServerResponse, status: number, r: Result<never>): void => sendJson(res, status, r);

function sessionFor(state: ShellState, req: IncomingMessage): string | null {
  const token = req.headers[TOKEN_HEADER];
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return null;
  return state.sessions.get(hashToken(token)) ?? null;
}

async function handleCall(state: ShellState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sessionId = sessionFor(state, req);
  if (!sessionId) return sendFail(res, 401, fail('UNAUTHENTICATED', 'Missing or unknown access token.'));
  const body = await readJsonBody(req, MAX_BODY_BYTES);
  if (!body.ok) {
    // Do not drain an oversized upload: answer, then drop the connection.
    if (body.status === 413) res.setHeader('Connection', 'close');
    return sendFail(res, body.status, fail('VALIDATION', body.message));
  }
  const { name, input } = (body.value ?? {}) as { name?: unknown; input?: unknown };
  if (typeof name !== 'string' || !CALL_NAME_SET.has(name)) {
    return sendFail(res, 404, fail('NOT_FOUND', `Unknown call "${String(name)}".`));
  }
  const started = performance.now();
  state.users.starting(name, sessionId);
  const result = await state.core.dispatch(name, input, sessionId);
  logCall(state.log, name, result, performance.now() - started, { every: true });
  state.users.observe(name, sessionId, result);
  sendJson(res, 200, result);
}

function handleEvents(state: ShellState, req: IncomingMessage, res: ServerResponse): void {
  const sessionId = sessionFor(state, req);
  if (!sessionId) return sendFail(res, 401, fail('UNAUTHENTICATED', 'Missing or unknown access token.'));
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write(': connected\n\n');
  const unsubscribe = state.core.onEvent((event) => {
    if (state.users.delivers(event, sessionId)) res.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  // Proxies and idle sockets drop silent streams; a comment line every 25 s keeps it open.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

async function handleStatic(state: ShellState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = await readAppFile(state.staticDir, path, newNonce());
  res.writeHead(file.status, { ...file.headers, 'Content-Length': String(file.body.length) });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

async function route(state: ShellState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const refusal = checkRequestOrigin(req.headers, state.port);
  if (refusal) return sendFail(res, 403, fail('FORBIDDEN', refusal));
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/call') {
    if (req.method !== 'POST') return sendFail(res, 405, fail('VALIDATION', 'Use POST.'));
    return handleCall(state, req, res);
  }
  if (path === '/events') {
    if (req.method !== 'GET') return sendFail(res, 405, fail('VALIDATION', 'Use GET.'));
    return handleEvents(state, req, res);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendFail(res, 405, fail('VALIDATION', 'Method not allowed.'));
  }
  return handleStatic(state, req, res);
}

function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const server = createServer();
  const address = await listen(server, options.port ?? 0);
  // Belt and braces: this server hands out a signed-in app to whoever can reach it.
  if (address.address !== LOOPBACK) {
    server.close();
    throw new Error(`The browser shell must listen on ${LOOPBACK} only, not ${address.address}.`);
  }
  const state: ShellState = {
    core: options.core,
    staticDir: options.staticDir,
    port: address.port,
    sessions: new Map(),
    users: new SessionUsers(),
    log: options.log ?? silentLogger,
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(state, req, res).catch((err: unknown) => {
      state.log.error('request failed', { error: err });
      if (!res.headersSent) sendFail(res, 500, fail('INTERNAL', 'The browser shell failed.'));
      else res.destroy();
    });
  });
  const issueToken = (): string => {
    const token = randomBytes(32).toString('base64url');
    state.sessions.set(
      hashToken(token),
      options.core.openSession({ ip: LOOPBACK, userAgent: 'browser-shell' }),
    );
    return token;
  };
  const token = issueToken();
  return {
    url: `http://${LOOPBACK}:${address.port}/?token=${token}`,
    token,
    issueToken,
    close: async () => {
      for (const sessionId of state.sessions.values()) {
        options.core.closeSession(sessionId);
        state.users.forget(sessionId);
      }
      state.sessions.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

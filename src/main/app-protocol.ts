import { protocol } from 'electron';
import { newNonce, readAppFile } from '../web/static-files.ts';
import { APP_SCHEME, appRequestPath } from './app-security.ts';

// The renderer is served from app://smms/ instead of file:// (Electron security checklist: a real
// origin for the sender-frame check, and response headers, so the CSP arrives as a header too).

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
  ]);
}

export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = appRequestPath(request.url);
    if (path === null || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const file = await readAppFile(rendererDir, path, newNonce());
    return new Response(new Uint8Array(file.body), { status: file.status, headers: file.headers });
  });
}

import { shell, type Session, type WebContents } from 'electron';
import { externalUrl, isAppUrl } from './app-security.ts';

// Navigation, new windows, webviews, permissions and remote requests, all denied by default.
// The only way out of the app is an http(s) link opened in the system browser.

function openOutside(url: string): void {
  const safe = externalUrl(url);
  if (safe) void shell.openExternal(safe);
}

export function hardenContents(contents: WebContents, allowedOrigins: readonly string[]): void {
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url, allowedOrigins)) return;
    event.preventDefault();
    openOutside(url);
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenSession(ses: Session, allowedOrigins: readonly string[]): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No remote content: the app is served from app://; only the dev server is allowed in dev.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => callback({ cancel: !isAppUrl(details.url, allowedOrigins) }),
  );
}

import { fail, type Result } from '../shared/result.ts';

// The second gate (STYLE.md §2): main trusts neither the channel payload nor the page that sent
// it. Pure functions, so the unit test can drive them without Electron.

export const APP_SCHEME = 'app';
export const APP_HOST = 'smms';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** scheme://host of a URL; WHATWG gives "null" as origin for custom schemes, so build it. */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isAppUrl(url: string | undefined | null, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url);
  return origin !== null && allowedOrigins.includes(origin);
}

export interface IpcSender {
  /** event.senderFrame?.url; the frame may already be gone. */
  frameUrl: string | undefined | null;
  /** Whether the frame is the window's top frame (we load no iframes; refuse them anyway). */
  isMainFrame: boolean;
}

/** A refusal to return to the renderer, or null when the call may go to the core. */
export function checkIpcCall(
  sender: IpcSender,
  name: unknown,
  allowedOrigins: readonly string[],
  callNames: ReadonlySet<string>,
): Result<never> | null {
  if (!sender.isMainFrame || !isAppUrl(sender.frameUrl, allowedOrigins)) {
    return fail('FORBIDDEN', 'This request did not come from the application window.');
  }
  if (typeof name !== 'string' || !callNames.has(name)) {
    return fail('NOT_FOUND', `Unknown request "${String(name).slice(0, 60)}".`);
  }
  return null;
}

/**
 * A link the user may open in the system browser: plain http(s), no embedded credentials. Anything
 * else (file:, javascript:, custom protocols that launch programs) is dropped.
 */
export function externalUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    if (u.username || u.password) return null;
    return u.toString();
  } catch {
    return null;
  }
}

/** The file path an app:// request asks for, or null for any other host. */
export function appRequestPath(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST ? u.pathname || '/' : null;
  } catch {
    return null;
  }
}

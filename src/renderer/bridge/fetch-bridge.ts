import { APP_EVENT_TYPES, WEB_TOKEN_HEADER } from '../../preload/bridge.ts';
import type { AppEvent, SmmsBridge } from '../../preload/bridge.ts';
import type { Result } from '../../shared/result.ts';

// The browser shell's side of window.smms: POST /call and a server-sent event stream on
// /events, both carrying the access token in a header (never in a URL after the first load).

const TOKEN_KEY = 'smms.token';

const offline = (message: string): Result<never> => ({ ok: false, error: { code: 'OFFLINE', message } });

/**
 * The token arrives once as ?token= in the printed link; keep it for this tab only and take it
 * out of the address bar so it does not end up in history, bookmarks or screenshots.
 */
export function takeLaunchToken(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return storage.getItem(TOKEN_KEY);
}

async function postCall(token: string | null, name: string, input: unknown): Promise<Result<unknown>> {
  if (!token) {
    return {
      ok: false,
      error: {
        code: 'UNAUTHENTICATED',
        message: 'Open the app with the link the server printed (it carries the access token).',
      },
    };
  }
  let res: Response;
  try {
    res = await fetch('/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [WEB_TOKEN_HEADER]: token },
      body: JSON.stringify({ name, input }),
    });
  } catch {
    return offline('The app server is not reachable. Check that it is still running.');
  }
  try {
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `The app server answered ${res.status}.` } };
  }
}

function parseEvents(buffer: string, emit: (e: AppEvent) => void): string {
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    const data = block
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => l.slice(6))
      .join('\n');
    if (!data) continue;
    try {
      const event = JSON.parse(data) as AppEvent;
      if ((APP_EVENT_TYPES as readonly string[]).includes(event.type)) emit(event);
    } catch {
      // A malformed event is dropped; the stream itself stays usable.
    }
  }
  return rest;
}

/** One /events stream per tab, reconnecting after a drop, fanned out to every listener. */
function eventStream(token: string, emit: (e: AppEvent) => void): void {
  const connect = async (): Promise<void> => {
    try {
      const res = await fetch('/events', { headers: { [WEB_TOKEN_HEADER]: token } });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = parseEvents(buffer + value, emit);
      }
    } catch {
      // Server restarting or gone: try again shortly.
    }
    setTimeout(() => void connect(), 3000);
  };
  void connect();
}

export function browserShellBridge(): SmmsBridge {
  const token = takeLaunchToken(window.location, window.sessionStorage, window.history);
  const listeners = new Set<(e: AppEvent) => void>();
  let streaming = false;
  return {
    call: (name, input) => postCall(token, name, input),
    on(type, listener) {
      const wrapped = (e: AppEvent): void => {
        if (e.type === type) listener(e as Parameters<typeof listener>[0]);
      };
      listeners.add(wrapped);
      if (!streaming && token) {
        streaming = true;
        eventStream(token, (e) => listeners.forEach((l) => l(e)));
      }
      return () => listeners.delete(wrapped);
    },
  };
}

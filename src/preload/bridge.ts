import type { Result } from '../shared/result.ts';

// What the renderer sees as window.smms, whichever shell it runs in (Electron preload or the
// browser shell's fetch bridge). No electron import here: the renderer type-checks against it and
// the tests build a bridge around a fake transport.

export const APP_EVENT_TYPES = [
  'session:expired',
  'notifications:changed',
  'sync:status',
  'task:progress',
] as const;
export type AppEventType = (typeof APP_EVENT_TYPES)[number];

export type AppEvent =
  | { type: 'session:expired'; sessionId: string }
  | { type: 'notifications:changed'; userId: string }
  | { type: 'sync:status'; status: unknown }
  | { type: 'task:progress'; taskId: string; done: number; total: number; label: string };
export type AppEventOf<T extends AppEventType> = Extract<AppEvent, { type: T }>;

export interface SmmsBridge {
  call(name: string, input: unknown): Promise<Result<unknown>>;
  on<T extends AppEventType>(type: T, listener: (event: AppEventOf<T>) => void): () => void;
}

/** The channel names; main and preload must agree on them. */
export const IPC_CALL = 'smms:call';
export const IPC_EVENT = 'smms:event';
/** The browser shell's access token header; its server and the renderer's fetch bridge share it. */
export const WEB_TOKEN_HEADER = 'x-smms-token';

export interface BridgeTransport {
  invoke(name: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: unknown) => void): () => void;
}

const refused = (message: string): Result<never> => ({ ok: false, error: { code: 'FORBIDDEN', message } });

function isAppEvent(value: unknown): value is AppEvent {
  const type = (value as { type?: unknown } | null)?.type;
  return typeof type === 'string' && (APP_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * The first gate (STYLE.md §2): only contract call names and known event types cross. Main checks
 * again; this one keeps a compromised page from even reaching IPC with arbitrary channel data.
 */
export function createBridge(transport: BridgeTransport, callNames: readonly string[]): SmmsBridge {
  const allowed = new Set(callNames);
  return {
    call(name, input) {
      if (typeof name !== 'string' || !allowed.has(name)) {
        return Promise.resolve(refused(`Unknown call "${String(name)}".`));
      }
      return transport.invoke(name, input);
    },
    on(type, listener) {
      if (!(APP_EVENT_TYPES as readonly string[]).includes(type)) return () => undefined;
      return transport.subscribe((event) => {
        if (isAppEvent(event) && event.type === type) listener(event as AppEventOf<typeof type>);
      });
    },
  };
}

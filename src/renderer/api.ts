import type { CallInput, CallName, CallOutput } from '../shared/contract/index.ts';
import type { AppErrorData, ErrorCode, FieldIssue } from '../shared/result.ts';
import type { AppEventOf, AppEventType, SmmsBridge } from '../preload/bridge.ts';
import { browserShellBridge } from './bridge/fetch-bridge.ts';

// The renderer's one way to the core: a typed `call` over whichever bridge this shell provides
// (window.smms from the Electron preload, or the browser shell's fetch bridge).

declare global {
  interface Window {
    smms?: SmmsBridge;
  }
}

/** An {ok:false} result as an exception, so TanStack Query and forms can switch on `code`. */
export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(data: AppErrorData) {
    super(data.message);
    this.code = data.code;
    this.issues = data.issues ?? [];
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

let bridge: SmmsBridge | null = null;

export function getBridge(): SmmsBridge {
  bridge ??= window.smms ?? browserShellBridge();
  return bridge;
}

export async function call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
  const result = await getBridge().call(name, input);
  if (!result.ok) throw new AppError(result.error);
  return result.data as CallOutput<K>;
}

export function onAppEvent<T extends AppEventType>(
  type: T,
  listener: (e: AppEventOf<T>) => void,
): () => void {
  return getBridge().on(type, listener);
}

/** A message for any error a call or a component may throw, for error states and alerts. */
export function errorMessage(err: unknown): string {
  if (isAppError(err)) return err.message;
  return 'Something went wrong in the app. Try again; if it keeps happening, restart it.';
}

import type { CoreEvent } from '../core/app.ts';
import type { Result } from '../shared/result.ts';

// Which core events a shell forwards to which window/tab. Core events about a user carry a user id,
// not a session id, so each shell remembers which user a session signed in as, from the results of
// the calls that change it. Shared by the Electron shell and the browser shell.

const SIGN_IN_CALLS = new Set(['auth:login', 'auth:me', 'setup:initialize', 'sync:join']);

function userIdIn(data: unknown): string | null {
  const user = (data as { user?: { id?: unknown } | null } | null)?.user;
  return typeof user?.id === 'string' ? user.id : null;
}

/** Calls that download while nobody is signed in yet: their window hears the sync progress. */
const PROGRESS_BEFORE_SIGN_IN = new Set(['sync:join']);

export class SessionUsers {
  private readonly users = new Map<string, string>();
  private readonly joining = new Set<string>();

  /** Call before every dispatch with its name. */
  starting(name: string, sessionId: string): void {
    if (PROGRESS_BEFORE_SIGN_IN.has(name)) this.joining.add(sessionId);
  }

  /** Call after every dispatch with its name and result. */
  observe(name: string, sessionId: string, result: Result<unknown>): void {
    if (PROGRESS_BEFORE_SIGN_IN.has(name)) this.joining.delete(sessionId);
    if (!result.ok) {
      if (result.error.code === 'UNAUTHENTICATED') this.users.delete(sessionId);
      return;
    }
    if (name === 'auth:logout') {
      this.users.delete(sessionId);
    } else if (SIGN_IN_CALLS.has(name)) {
      const userId = userIdIn(result.data);
      if (userId) this.users.set(sessionId, userId);
      else if (name === 'auth:me') this.users.delete(sessionId);
    }
  }

  forget(sessionId: string): void {
    this.users.delete(sessionId);
    this.joining.delete(sessionId);
  }

  /** Whether a session should receive an event. Progress and sync state are app-wide. */
  delivers(event: CoreEvent, sessionId: string): boolean {
    switch (event.type) {
      case 'session:expired':
        return event.sessionId === sessionId;
      case 'notifications:changed':
        return this.users.get(sessionId) === event.userId;
      case 'sync:status':
        return this.users.has(sessionId) || this.joining.has(sessionId);
      case 'task:progress':
        return this.users.has(sessionId);
    }
  }
}

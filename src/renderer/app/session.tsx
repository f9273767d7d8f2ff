import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactElement,
  type ReactNode,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import type { CurrentUser } from '../../shared/domain/user.ts';
import { call, onAppEvent } from '../api.ts';

// Who is signed in on this window, and whether the window is locked. The core keeps the real
// login state; this mirrors it for the UI and locks when the core says the session expired.

export interface SignedIn {
  user: CurrentUser;
  idleTimeoutMinutes: number;
}

export type SessionStatus =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'setup' }
  | { kind: 'signed-out' }
  | ({ kind: 'signed-in'; locked: boolean } & SignedIn);

export interface SessionApi {
  status: SessionStatus;
  signedIn(data: SignedIn): void;
  signOut(): Promise<void>;
  /** Locks the window; the core session is ended too, so a locked window can do nothing. */
  lock(): void;
  unlock(data: SignedIn): void;
  retry(): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}

/** The signed-in user; only for components rendered inside the signed-in layout. */
export function useCurrentUser(): SignedIn {
  const { status } = useSession();
  if (status.kind !== 'signed-in') throw new Error('useCurrentUser while signed out');
  return { user: status.user, idleTimeoutMinutes: status.idleTimeoutMinutes };
}

async function loadStatus(): Promise<SessionStatus> {
  const { needsSetup } = await call('setup:status', {});
  if (needsSetup) return { kind: 'setup' };
  const me = await call('auth:me', {});
  if (!me.user || me.idleTimeoutMinutes === null) return { kind: 'signed-out' };
  return { kind: 'signed-in', locked: false, user: me.user, idleTimeoutMinutes: me.idleTimeoutMinutes };
}

export function SessionProvider({ children }: { children: ReactNode }): ReactElement {
  const [status, setStatus] = useState<SessionStatus>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  useEffect(() => {
    let live = true;
    loadStatus().then(
      (s) => live && setStatus(s),
      (error: unknown) => live && setStatus({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const lock = useCallback(() => {
    setStatus((s) => (s.kind === 'signed-in' && !s.locked ? { ...s, locked: true } : s));
    // Best effort: if this fails the core's own idle timeout still ends the session.
    call('auth:logout', {}).catch(() => undefined);
  }, []);

  const signedIn = useCallback(
    (data: SignedIn) => setStatus({ kind: 'signed-in', locked: false, ...data }),
    [],
  );

  const unlock = useCallback(
    (data: SignedIn) => {
      setStatus({ kind: 'signed-in', locked: false, ...data });
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await call('auth:logout', {}).catch(() => undefined);
    queryClient.clear();
    // Messages about the last person's work must not greet the next one.
    notifications.clean();
    // The next person to sign in starts at home, not on the page the last one left open.
    void navigate('/', { replace: true });
    setStatus({ kind: 'signed-out' });
  }, [queryClient, navigate]);

  const signedInNow = status.kind === 'signed-in';
  useEffect(() => (signedInNow ? onAppEvent('session:expired', lock) : undefined), [signedInNow, lock]);

  const api = useMemo<SessionApi>(
    () => ({ status, signedIn, signOut, lock, unlock, retry: () => setAttempt((n) => n + 1) }),
    [status, signedIn, signOut, lock, unlock],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

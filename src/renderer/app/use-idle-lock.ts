import { useEffect, useRef } from 'react';

// Locks after `timeoutMinutes` without keyboard or pointer activity. Time is read from the wall
// clock on a short interval instead of one long setTimeout, so a laptop that slept through the
// timeout locks as soon as it wakes.

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_EVERY_MS = 10_000;
/** While the user is active, tell the core now and then, so its own idle clock agrees with ours. */
const KEEPALIVE_EVERY_MS = 4 * 60_000;

export function useIdleLock(
  timeoutMinutes: number | null,
  onIdle: () => void,
  keepAlive: () => void,
  paused: boolean,
): void {
  const lastActivity = useRef(Date.now());
  const lastKeepAlive = useRef(Date.now());
  const callbacks = useRef({ onIdle, keepAlive });
  callbacks.current = { onIdle, keepAlive };

  useEffect(() => {
    if (timeoutMinutes === null || paused) return;
    lastActivity.current = Date.now();
    const timeoutMs = timeoutMinutes * 60_000;
    const onActivity = (): void => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastKeepAlive.current > KEEPALIVE_EVERY_MS) {
        lastKeepAlive.current = now;
        callbacks.current.keepAlive();
      }
    };
    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, onActivity, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= timeoutMs) callbacks.current.onIdle();
    }, CHECK_EVERY_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [timeoutMinutes, paused]);
}

import type { Core } from '../core/app.ts';

// ops:restore only schedules the restore (the file is open); the desktop app then restarts itself so
// the next start carries it out. The pause lets the window show that it is about to happen.

export function restartAfterRestore(core: Core, restart: () => void, delayMs = 1500): Core {
  return {
    ...core,
    async dispatch(name, input, sessionId, options) {
      const result = await core.dispatch(name, input, sessionId, options);
      if (name === 'ops:restore' && result.ok) setTimeout(restart, delayMs);
      return result;
    },
  };
}

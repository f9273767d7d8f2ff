import { ipcMain, webContents, type BrowserWindow } from 'electron';
import type { Core } from '../core/app.ts';
import type { Logger } from '../core/log.ts';
import { logCall } from '../core/ops/call-log.ts';
import { CALL_NAMES } from '../shared/contract/index.ts';
import { fail } from '../shared/result.ts';
import { IPC_CALL, IPC_EVENT } from '../preload/bridge.ts';
import { SessionUsers } from '../web/session-events.ts';
import { checkIpcCall } from './app-security.ts';
import { desktopNotifierFor } from './desktop-notifications.ts';
import type { DesktopNotifier } from './desktop-notify.ts';

// One ipcMain.handle for the whole contract. The actor comes from the window's core session,
// never from the payload; the core parses the input with the call's zod schema.

export interface IpcRegistration {
  /** Gives a window its own core session (its login state) for as long as it exists. */
  attach(win: BrowserWindow): void;
}

export function registerIpc(core: Core, allowedOrigins: readonly string[], log: Logger): IpcRegistration {
  const callNames = new Set<string>(CALL_NAMES);
  const sessions = new Map<number, string>();
  const notifiers = new Map<number, DesktopNotifier>();
  const users = new SessionUsers();

  ipcMain.handle(IPC_CALL, async (event, name: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const refusal = checkIpcCall(
      { frameUrl: frame?.url, isMainFrame: frame != null && frame.parent === null },
      name,
      allowedOrigins,
      callNames,
    );
    if (refusal) return refusal;
    const sessionId = sessions.get(event.sender.id);
    if (!sessionId) return fail('UNAUTHENTICATED', 'This window is not connected. Reload it.');
    const started = performance.now();
    users.starting(name as string, sessionId);
    const result = await core.dispatch(name as string, input, sessionId);
    logCall(log, name as string, result, performance.now() - started, { every: false });
    users.observe(name as string, sessionId, result);
    return result;
  });

  core.onEvent((event) => {
    for (const [contentsId, sessionId] of sessions) {
      if (!users.delivers(event, sessionId)) continue;
      const contents = webContents.fromId(contentsId);
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, event);
      if (event.type === 'notifications:changed') void notifiers.get(contentsId)?.changed();
    }
  });

  return {
    attach(win) {
      const contentsId = win.webContents.id;
      const sessionId = core.openSession({ ip: null, userAgent: 'desktop' });
      sessions.set(contentsId, sessionId);
      notifiers.set(contentsId, desktopNotifierFor(core, win, sessionId));
      win.on('closed', () => {
        sessions.delete(contentsId);
        notifiers.delete(contentsId);
        users.forget(sessionId);
        core.closeSession(sessionId);
      });
    },
  };
}

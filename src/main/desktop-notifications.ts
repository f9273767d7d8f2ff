import { Notification, type BrowserWindow } from 'electron';
import type { Core } from '../core/app.ts';
import type { NotificationRow } from '../shared/contract/notifications.contract.ts';
import { createDesktopNotifier, type DesktopNotifier } from './desktop-notify.ts';
import { preferences } from './preferences.ts';

// Electron's side of desktop notifications (logic in desktop-notify.ts): one notifier per window,
// reading the unread list through that window's own core session, so it only ever sees what the
// signed-in user may see. Clicking the message brings the window forward on the Notifications page.

export function desktopNotifierFor(core: Core, win: BrowserWindow, sessionId: string): DesktopNotifier {
  return createDesktopNotifier({
    startedAt: new Date().toISOString(),
    enabled: () => preferences.get('desktopNotifications') && Notification.isSupported(),
    windowFocused: () => !win.isDestroyed() && win.isFocused(),
    unread: async () => {
      const r = await core.dispatch('notifications:list', { unreadOnly: true, pageSize: 10 }, sessionId);
      if (!r.ok) throw new Error(r.error.code);
      return (r.data as { rows: NotificationRow[] }).rows;
    },
    show: ({ title, body }) => {
      const n = new Notification({ title, body, silent: false });
      n.on('click', () => {
        if (win.isDestroyed()) return;
        if (win.isMinimized()) win.restore();
        win.focus();
        void win.webContents.executeJavaScript("location.hash = '#/notifications'");
      });
      n.show();
    },
  });
}

// Desktop notifications for new in-app notifications (alerts, reminders, requests): plain logic,
// no electron import, so vitest can drive it. The shell (desktop-notifications.ts) supplies the
// window's focus, the setting, the window's own unread list and Electron's Notification.

export interface UnreadItem {
  id: string;
  title: string;
  body: string;
  createdAt: string;
}

export interface DesktopNotifierDeps {
  /** The user's setting (app menu → File → Desktop notifications). */
  enabled(): boolean;
  /** A focused window shows the bell already; the desktop stays quiet then. */
  windowFocused(): boolean;
  /** Newest unread notifications of the window's signed-in user, through its own core session. */
  unread(): Promise<UnreadItem[]>;
  show(message: { title: string; body: string }): void;
  /** When this notifier started: older unread items are not news. */
  startedAt: string;
}

export interface DesktopNotifier {
  /** The core said this window's user has new or changed notifications. */
  changed(): Promise<void>;
}

/** One desktop message for the items not announced before (a summary when several arrive at once). */
export function desktopMessage(fresh: readonly UnreadItem[]): { title: string; body: string } | null {
  if (fresh.length === 0) return null;
  const newest = fresh[0]!;
  if (fresh.length === 1) return { title: newest.title, body: newest.body };
  return { title: `${fresh.length} new notifications`, body: `Latest: ${newest.title}` };
}

export function createDesktopNotifier(deps: DesktopNotifierDeps): DesktopNotifier {
  // Every unread id seen once is never announced again, whether or not it was shown (a message
  // that arrived while the window had focus must not pop up later when it loses it).
  const seen = new Set<string>();
  return {
    async changed() {
      let items: UnreadItem[];
      try {
        items = await deps.unread();
      } catch {
        return; // signed out or locked meanwhile: nothing to announce
      }
      const fresh = items.filter((i) => !seen.has(i.id) && i.createdAt >= deps.startedAt);
      for (const i of items) seen.add(i.id);
      if (!deps.enabled() || deps.windowFocused()) return;
      const message = desktopMessage(fresh);
      if (message) deps.show(message);
    },
  };
}

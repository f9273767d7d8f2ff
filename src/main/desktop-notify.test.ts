import { describe, expect, it } from 'vitest';
import { createDesktopNotifier, desktopMessage, type UnreadItem } from './desktop-notify.ts';

const item = (id: string, createdAt = '2026-11-25T10:00:00.000Z'): UnreadItem => ({
  id,
  title: `Title ${id}`,
  body: `Body ${id}`,
  createdAt,
});

function harness(options: { enabled?: boolean; focused?: boolean } = {}) {
  const state = { enabled: options.enabled ?? true, focused: options.focused ?? false };
  let unread: UnreadItem[] = [];
  const shown: { title: string; body: string }[] = [];
  const notifier = createDesktopNotifier({
    enabled: () => state.enabled,
    windowFocused: () => state.focused,
    unread: async () => unread,
    show: (m) => shown.push(m),
    startedAt: '2026-11-25T09:00:00.000Z',
  });
  return { state, shown, notifier, setUnread: (u: UnreadItem[]) => (unread = u) };
}

describe('desktop notifications', () => {
  it('announces a new unread item once, while the window is not focused', async () => {
    const h = harness();
    h.setUnread([item('a')]);
    await h.notifier.changed();
    await h.notifier.changed();
    expect(h.shown).toEqual([{ title: 'Title a', body: 'Body a' }]);
  });

  it('stays quiet while the window has focus, and does not replay those items later', async () => {
    const h = harness({ focused: true });
    h.setUnread([item('a')]);
    await h.notifier.changed();
    h.state.focused = false;
    await h.notifier.changed();
    expect(h.shown).toEqual([]);
    h.setUnread([item('b'), item('a')]);
    await h.notifier.changed();
    expect(h.shown).toEqual([{ title: 'Title b', body: 'Body b' }]);
  });

  it('respects the setting', async () => {
    const h = harness({ enabled: false });
    h.setUnread([item('a')]);
    await h.notifier.changed();
    expect(h.shown).toEqual([]);
  });

  it('ignores items from before the app started and summarises several new ones', async () => {
    const h = harness();
    h.setUnread([item('c'), item('b'), item('old', '2026-11-24T10:00:00.000Z')]);
    await h.notifier.changed();
    expect(h.shown).toEqual([{ title: '2 new notifications', body: 'Latest: Title c' }]);
    expect(desktopMessage([])).toBeNull();
  });

  it('shows nothing when the unread list cannot be read (signed out)', async () => {
    const h = harness();
    const failing = createDesktopNotifier({
      enabled: () => true,
      windowFocused: () => false,
      unread: () => Promise.reject(new Error('UNAUTHENTICATED')),
      show: (m) => h.shown.push(m),
      startedAt: '2026-11-25T09:00:00.000Z',
    });
    await failing.changed();
    expect(h.shown).toEqual([]);
  });
});

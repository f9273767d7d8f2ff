import type { BrowserWindow, Rectangle } from 'electron';
import Store from 'electron-store';

// Size and position survive restarts; whether the saved place is still on a screen is decided by
// restoreBounds() when the window opens.

interface WindowState {
  bounds?: Rectangle;
  maximized?: boolean;
}

const store = new Store<{ window: WindowState }>({ name: 'window-state', defaults: { window: {} } });

export function loadWindowState(): WindowState {
  return store.get('window');
}

export function trackWindowState(win: BrowserWindow): void {
  const save = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return;
    store.set('window', { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', save);
  win.on('resized', save);
  win.on('moved', save);
}

import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

// The window as a pure value, so the unit test can assert every security setting without
// Electron. Anything that loosens webPreferences must change the test too.

export const DEFAULT_SIZE = { width: 1366, height: 768 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;
/** How much of a saved window must still be on some screen for us to put it back there. */
const MIN_VISIBLE = { width: 200, height: 100 } as const;

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export function buildWindowOptions(
  preloadPath: string,
  bounds: WindowBounds = DEFAULT_SIZE,
  devTools = false,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'SMMS Desktop',
    backgroundColor: '#f4f6f9',
    // Shown on 'ready-to-show' so the user never sees an unstyled white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools,
    },
  };
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: the saved place when enough of it is on a screen that still exists
 * (a laptop undocked from its second monitor), otherwise the default size, centred by Electron.
 */
export function restoreBounds(saved: Partial<Rectangle> | undefined, workAreas: Rectangle[]): WindowBounds {
  const { x, y, width, height } = saved ?? {};
  if (![x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n)))
    return { ...DEFAULT_SIZE };
  const rect = {
    x: x!,
    y: y!,
    width: Math.max(width!, MIN_SIZE.width),
    height: Math.max(height!, MIN_SIZE.height),
  };
  const area = workAreas.find((a) => {
    const o = overlap(rect, a);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  if (!area) return { ...DEFAULT_SIZE };
  return { ...rect, width: Math.min(rect.width, area.width), height: Math.min(rect.height, area.height) };
}

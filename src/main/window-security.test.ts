import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../shared/contract/index.ts';
import { buildCsp, cspDirectives } from '../web/csp.ts';
import { createBridge, type BridgeTransport } from '../preload/bridge.ts';
import { APP_ORIGIN, appRequestPath, checkIpcCall, externalUrl, isAppUrl } from './app-security.ts';
import { localDbUrl, resolveDataDir } from './data-dir.ts';
import { buildMenuTemplate } from './menu.ts';
import { buildWindowOptions, DEFAULT_SIZE, restoreBounds } from './window-options.ts';

// The Electron shell's security decisions, tested as plain values (electron is not importable here).

describe('window options', () => {
  const options = buildWindowOptions('/app/out/preload/index.cjs');

  it('opens at 1366×768 with the preload and without flashing an empty frame', () => {
    expect(options).toMatchObject({ width: 1366, height: 768, show: false });
    expect(options.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('turns on every isolation setting and off every escape hatch', () => {
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    });
  });

  it('puts a saved window back only where a screen still shows it', () => {
    const screenArea = { x: 0, y: 0, width: 1920, height: 1040 };
    expect(restoreBounds(undefined, [screenArea])).toEqual(DEFAULT_SIZE);
    const saved = { x: 100, y: 50, width: 1400, height: 900 };
    expect(restoreBounds(saved, [screenArea])).toEqual(saved);
    expect(restoreBounds({ ...saved, x: 2500 }, [screenArea])).toEqual(DEFAULT_SIZE);
    expect(restoreBounds({ ...saved, width: 5000 }, [screenArea])).toEqual({ ...saved, width: 1920 });
    expect(restoreBounds({ x: 0, y: 0, width: Number.NaN, height: 10 }, [screenArea])).toEqual(DEFAULT_SIZE);
  });
});

describe('content security policy', () => {
  const header = cspDirectives({ nonce: 'abc123' });

  it('allows scripts from the app only, never inline or eval', () => {
    expect(header['script-src']).toEqual(["'self'"]);
    expect(header['default-src']).toEqual(["'none'"]);
    expect(buildCsp({ nonce: 'abc123' })).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('allows inline styles only with the page nonce (Mantine style tags)', () => {
    expect(header['style-src']).toEqual(["'self'", "'nonce-abc123'"]);
  });

  it('blocks plugins, base tags, forms, frames, workers and remote connections', () => {
    expect(header['object-src']).toEqual(["'none'"]);
    expect(header['base-uri']).toEqual(["'none'"]);
    expect(header['form-action']).toEqual(["'none'"]);
    expect(header['frame-src']).toEqual(["'none'"]);
    expect(header['frame-ancestors']).toEqual(["'none'"]);
    expect(header['worker-src']).toEqual(["'none'"]);
    expect(header['connect-src']).toEqual(["'self'"]);
    expect(header['img-src']).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('leaves frame-ancestors out of the meta tag, where browsers ignore it', () => {
    expect(cspDirectives({ nonce: 'n', forMeta: true })['frame-ancestors']).toBeUndefined();
  });

  it('gives only vite dev the HMR socket and a script nonce', () => {
    const dev = cspDirectives({ nonce: 'n', dev: true });
    expect(dev['script-src']).toEqual(["'self'", "'nonce-n'"]);
    expect(dev['connect-src']).toContain('ws://localhost:*');
  });

  it('renders as one header line', () => {
    expect(buildCsp({ nonce: 'n' })).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-n'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; frame-ancestors 'none'",
    );
  });
});

describe('IPC guard', () => {
  const names = new Set<string>(CALL_NAMES);
  const origins = [APP_ORIGIN];
  const fromApp = { frameUrl: `${APP_ORIGIN}/index.html#/login`, isMainFrame: true };

  it('lets contract calls from the app window through', () => {
    expect(CALL_NAMES).toContain('auth:login');
    expect(checkIpcCall(fromApp, 'auth:login', origins, names)).toBeNull();
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a local file', 'file:///home/user/evil.html'],
    ['another app host', 'app://other/index.html'],
    ['a look-alike host', 'app://smms.evil/index.html'],
    ['a destroyed frame', null],
    ['garbage', 'not a url'],
  ])('refuses a frame from %s', (_label, frameUrl) => {
    const r = checkIpcCall({ frameUrl, isMainFrame: true }, 'auth:login', origins, names);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a sub-frame even on the app origin', () => {
    const r = checkIpcCall({ ...fromApp, isMainFrame: false }, 'auth:login', origins, names);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it.each(['users:drop', '__proto__', 'constructor', 42, undefined])('refuses the call name %s', (name) => {
    expect(checkIpcCall(fromApp, name, origins, names)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('accepts the vite dev server only when it is in the allowed origins', () => {
    expect(isAppUrl('http://localhost:5173/', origins)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', [...origins, 'http://localhost:5173'])).toBe(true);
  });

  it('serves app:// paths only for the app host', () => {
    expect(appRequestPath('app://smms/assets/index.js')).toBe('/assets/index.js');
    expect(appRequestPath('app://other/assets/index.js')).toBeNull();
    expect(appRequestPath('https://smms/assets/index.js')).toBeNull();
  });

  it('opens only plain http(s) links outside the app', () => {
    expect(externalUrl('https://example.edu/help')).toBe('https://example.edu/help');
    expect(externalUrl('http://example.edu/')).toBe('http://example.edu/');
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'https://u:p@x.test/',
    ]) {
      expect(externalUrl(bad)).toBeNull();
    }
  });
});

describe('preload bridge', () => {
  function fakeTransport(): BridgeTransport & { invoked: string[]; emit(e: unknown): void } {
    const listeners = new Set<(e: unknown) => void>();
    const invoked: string[] = [];
    return {
      invoked,
      invoke: (name) => {
        invoked.push(name);
        return Promise.resolve({ ok: true, data: null });
      },
      subscribe: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      emit: (e) => listeners.forEach((l) => l(e)),
    };
  }

  it('forwards only allowlisted call names', async () => {
    const t = fakeTransport();
    const bridge = createBridge(t, CALL_NAMES);
    expect(await bridge.call('auth:me', {})).toEqual({ ok: true, data: null });
    expect(await bridge.call('users:drop', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(t.invoked).toEqual(['auth:me']);
  });

  it('delivers only the subscribed, known event type and unsubscribes', () => {
    const t = fakeTransport();
    const bridge = createBridge(t, CALL_NAMES);
    const got: unknown[] = [];
    const off = bridge.on('notifications:changed', (e) => got.push(e));
    t.emit({ type: 'sync:status', status: 'idle' });
    t.emit({ type: 'notifications:changed', userId: 'u1' });
    t.emit({ type: 'evil', payload: 1 });
    off();
    t.emit({ type: 'notifications:changed', userId: 'u2' });
    expect(got).toEqual([{ type: 'notifications:changed', userId: 'u1' }]);
  });
});

describe('menu and data folder', () => {
  it('has File, Edit, View, Help and no developer tools in a release', () => {
    const menu = buildMenuTemplate({ about: () => undefined, isDev: false, isMac: false });
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(JSON.stringify(menu)).not.toContain('toggleDevTools');
    const dev = buildMenuTemplate({ about: () => undefined, isDev: true, isMac: false });
    expect(JSON.stringify(dev)).toContain('toggleDevTools');
  });

  it('keeps the database in the user data folder unless SMMS_DATA_DIR says otherwise', () => {
    expect(resolveDataDir({}, '/home/a/.config/SMMS Desktop')).toBe('/home/a/.config/SMMS Desktop');
    expect(resolveDataDir({ SMMS_DATA_DIR: '/srv/smms' }, '/home/a/.config/x')).toBe('/srv/smms');
    expect(localDbUrl('/srv/smms')).toBe('sqlite:/srv/smms/smms.sqlite');
  });
});

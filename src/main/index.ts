import { mkdirSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session } from 'electron';
import { openLocalCore, type Core } from '../core/app.ts';
import { serveAppProtocol, registerAppScheme } from './app-protocol.ts';
import { APP_ORIGIN, originOf } from './app-security.ts';
import { localDbUrl, resolveDataDir } from './data-dir.ts';
import { hardenContents, hardenSession } from './harden.ts';
import { registerIpc, type IpcRegistration } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { BINDING_ENV, findElectronBinding } from './native-binding.ts';
import { buildWindowOptions, restoreBounds } from './window-options.ts';
import { loadWindowState, trackWindowState } from './window-state.ts';

const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const allowedOrigins = [APP_ORIGIN, ...(devUrl ? [originOf(devUrl)!] : [])];
const dataDir = resolveDataDir(process.env, app.getPath('userData'));
let mainWindow: BrowserWindow | null = null;

async function openCore(): Promise<Core> {
  const binding = findElectronBinding(app.getAppPath(), process.versions.electron);
  if (binding) process.env[BINDING_ENV] = binding;
  mkdirSync(dataDir, { recursive: true });
  return openLocalCore({
    dbUrl: localDbUrl(dataDir),
    appVersion: app.getVersion(),
    platform: `${process.platform} ${release()}`,
  });
}

function createWindow(ipc: IpcRegistration): BrowserWindow {
  const state = loadWindowState();
  const bounds = restoreBounds(
    state.bounds,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const preload = join(import.meta.dirname, '../preload/index.cjs');
  const win = new BrowserWindow(buildWindowOptions(preload, bounds, !app.isPackaged));
  ipc.attach(win);
  trackWindowState(win);
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/`);
  return win;
}

function showAbout(): void {
  void dialog.showMessageBox({
    type: 'info',
    title: 'About SMMS Desktop',
    message: `SMMS Desktop ${app.getVersion()}`,
    detail: `Student Mentoring Management System\nElectron ${process.versions.electron}\nData folder: ${dataDir}`,
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession, allowedOrigins);
  serveAppProtocol(join(import.meta.dirname, '../renderer'));
  const isMac = process.platform === 'darwin';
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(buildMenuTemplate({ about: showAbout, isDev: !app.isPackaged, isMac })),
  );
  let core: Core;
  try {
    core = await openCore();
  } catch (err) {
    dialog.showErrorBox(
      'SMMS Desktop cannot open its database',
      `${err instanceof Error ? err.message : String(err)}\n\nData folder: ${dataDir}`,
    );
    app.exit(1);
    return;
  }
  const ipc = registerIpc(core, allowedOrigins);
  mainWindow = createWindow(ipc);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(ipc);
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    void core.close().finally(() => app.quit());
  });
}

registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenContents(contents, allowedOrigins));
app.on('window-all-closed', () => app.quit());
// Two instances on one SQLite file would each think they own the session table in memory.
if (app.requestSingleInstanceLock()) {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void start();
} else {
  app.quit();
}

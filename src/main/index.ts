import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, screen, session } from 'electron';
import type { Core } from '../core/app.ts';
import { serveAppProtocol, registerAppScheme } from './app-protocol.ts';
import { APP_ORIGIN, originOf } from './app-security.ts';
import { restartAfterRestore } from './backup-restart.ts';
import { scheduleDailyBackups } from './backup-schedule.ts';
import { openDatabase } from './backup-startup.ts';
import { DB_FILE } from './data-dir.ts';
import { chooseDataDir } from './data-dir-choice.ts';
import { changeDataFolder, savedDataDir } from './data-dir-setting.ts';
import { copyDiagnostics, openLogsFolder, type DiagnosticsContext } from './diagnostics.ts';
import { nativeSaveDialogs } from './downloads.ts';
import { hardenContents, hardenSession } from './harden.ts';
import { preferences } from './preferences.ts';
import { registerIpc, type IpcRegistration } from './ipc.ts';
import { buildMenuTemplate } from './menu.ts';
import { BINDING_ENV, findElectronBinding } from './native-binding.ts';
import { buildWindowOptions, restoreBounds } from './window-options.ts';
import { loadWindowState, trackWindowState } from './window-state.ts';
import { startLogging } from './logging.ts';

const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const allowedOrigins = [APP_ORIGIN, ...(devUrl ? [originOf(devUrl)!] : [])];
const dataChoice = chooseDataDir(process.env, savedDataDir(), app.getPath('userData'));
const dataDir = dataChoice.dir;
const dbFile = join(dataDir, DB_FILE);
const logging = startLogging(app.getPath('userData'));
const diagnostics: DiagnosticsContext = {
  data: dataChoice,
  dbFile,
  logFile: logging.file,
  recentProblems: () => logging.logger.recentProblems(),
};
let mainWindow: BrowserWindow | null = null;

async function openCore(): Promise<Core | null> {
  const binding = findElectronBinding(app.getAppPath(), process.versions.electron);
  if (binding) process.env[BINDING_ENV] = binding;
  logging.logger.info('starting', { version: app.getVersion(), dataDir, source: dataChoice.source });
  return openDatabase({
    dataDir,
    dbFile,
    log: logging.logger,
    copyDiagnostics: () => copyDiagnostics(diagnostics),
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
  nativeSaveDialogs(session.defaultSession);
  serveAppProtocol(join(import.meta.dirname, '../renderer'));
  const isMac = process.platform === 'darwin';
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        about: showAbout,
        isDev: !app.isPackaged,
        isMac,
        copyDiagnostics: () => copyDiagnostics(diagnostics),
        openLogsFolder: () => openLogsFolder(diagnostics),
        desktopNotifications: {
          enabled: preferences.get('desktopNotifications'),
          set: (on) => preferences.set('desktopNotifications', on),
        },
        changeDataFolder: () =>
          void changeDataFolder(mainWindow, dataChoice, app.getPath('userData')).then(
            (restart) => restart && app.quit(),
          ),
      }),
    ),
  );
  const core = await openCore();
  if (!core) {
    app.exit(1);
    return;
  }
  const stopBackups = scheduleDailyBackups({
    dbFile,
    dataDir,
    log: logging.logger,
    onWarning: (detail) => void dialog.showMessageBox({ type: 'warning', message: 'Backup problem', detail }),
  });
  const relaunch = (): void => {
    app.relaunch();
    app.quit();
  };
  const ipc = registerIpc(restartAfterRestore(core, relaunch), allowedOrigins, logging.logger);
  mainWindow = createWindow(ipc);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow(ipc);
  });
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    stopBackups();
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

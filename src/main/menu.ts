import type { MenuItemConstructorOptions } from 'electron';

// The application menu as data. Items that need a running feature (diagnostics, sync) are added
// when that feature exists, not before: the operations items appear when the shell passes them.

export interface MenuActions {
  about(): void;
  isDev: boolean;
  isMac: boolean;
  /** Operations (src/main/diagnostics.ts, data-dir-setting.ts); absent in tests. */
  copyDiagnostics?(): void;
  openLogsFolder?(): void;
  changeDataFolder?(): void;
  /** The desktop-notifications preference (a checkbox in the File menu). */
  desktopNotifications?: { enabled: boolean; set(on: boolean): void };
}

function opsItems(actions: MenuActions): {
  file: MenuItemConstructorOptions[];
  help: MenuItemConstructorOptions[];
} {
  const item = (label: string, run?: () => void): MenuItemConstructorOptions[] =>
    run ? [{ label, click: () => run() }] : [];
  const help = [
    ...item('Copy diagnostics', actions.copyDiagnostics),
    ...item('Open logs folder', actions.openLogsFolder),
  ];
  const notify = actions.desktopNotifications;
  const file: MenuItemConstructorOptions[] = [
    ...(notify
      ? [
          {
            label: 'Desktop notifications',
            type: 'checkbox' as const,
            checked: notify.enabled,
            click: (menuItem: { checked: boolean }) => notify.set(menuItem.checked),
          },
        ]
      : []),
    ...item('Data folder…', actions.changeDataFolder),
  ];
  return {
    file: file.length ? [...file, { type: 'separator' }] : [],
    help: help.length ? [...help, { type: 'separator' }] : [],
  };
}

export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (actions.isDev) view.unshift({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  const ops = opsItems(actions);
  return [
    ...(actions.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [...ops.file, actions.isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' }],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: '&View', submenu: view },
    { label: '&Help', submenu: [...ops.help, { label: 'About SMMS Desktop', click: () => actions.about() }] },
  ];
}

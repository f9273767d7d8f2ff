import type { MenuItemConstructorOptions } from 'electron';

// The application menu as data. Items that need a running feature (diagnostics, sync) are added
// when that feature exists, not before.

export interface MenuActions {
  about(): void;
  isDev: boolean;
  isMac: boolean;
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
  return [
    ...(actions.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [actions.isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' }] },
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
    { label: '&Help', submenu: [{ label: 'About SMMS Desktop', click: () => actions.about() }] },
  ];
}

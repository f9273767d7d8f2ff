import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, shell, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { backupDatabase } from '../core/ops/backup.ts';
import { DB_FILE } from './data-dir.ts';
import { DATA_DIR_SOURCE_WORDS, type DataDirChoice } from './data-dir-choice.ts';

// File → Data folder…: move this account's SMMS data to another folder (a managed drive on a shared
// office PC). The current database is copied with the online backup API, never moved: the old folder
// keeps everything until someone deletes it on purpose.

const store = new Store<{ dataDir?: string }>({ name: 'data-folder' });

export function savedDataDir(): string | undefined {
  return store.get('dataDir');
}

async function ask(
  win: BrowserWindow | null,
  message: string,
  detail: string,
  buttons: string[],
): Promise<number> {
  const options = {
    type: 'question' as const,
    message,
    detail,
    buttons,
    cancelId: buttons.length - 1,
    noLink: true,
  };
  return (win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options)).response;
}

/** Returns true when the app should restart on the new folder. */
export async function changeDataFolder(
  win: BrowserWindow | null,
  current: DataDirChoice,
  userDataDir: string,
): Promise<boolean> {
  const where = `Data folder: ${current.dir}\n(${DATA_DIR_SOURCE_WORDS[current.source]})`;
  if (current.source === 'SMMS_DATA_DIR') {
    await ask(win, 'The data folder is set by your IT department.', where, ['Open the folder', 'Close']).then(
      (r) => r === 0 && void shell.openPath(current.dir),
    );
    return false;
  }
  const choice = await ask(win, 'Where should SMMS keep its data?', where, [
    'Choose another folder…',
    'Use the default folder',
    'Open the current folder',
    'Cancel',
  ]);
  if (choice === 2) void shell.openPath(current.dir);
  if (choice === 1 && current.source !== 'default') return switchTo(win, current.dir, userDataDir, true);
  if (choice !== 0) return false;
  const picked = await dialog.showOpenDialog({
    properties: ['openDirectory', 'createDirectory'],
    defaultPath: current.dir,
  });
  if (picked.canceled || !picked.filePaths[0] || picked.filePaths[0] === current.dir) return false;
  return switchTo(win, current.dir, picked.filePaths[0], false);
}

async function switchTo(
  win: BrowserWindow | null,
  from: string,
  to: string,
  isDefault: boolean,
): Promise<boolean> {
  const source = join(from, DB_FILE);
  const target = join(to, DB_FILE);
  if (existsSync(source) && !existsSync(target)) {
    const r = await ask(
      win,
      `There is no SMMS database in ${to} yet.`,
      'The current folder keeps its copy either way.',
      ['Copy this computer’s database there', 'Start with an empty database there', 'Cancel'],
    );
    if (r === 2) return false;
    if (r === 0) {
      try {
        await backupDatabase(source, target);
      } catch (err) {
        dialog.showErrorBox('The database could not be copied', (err as Error).message);
        return false;
      }
    }
  }
  if (isDefault) store.delete('dataDir');
  else store.set('dataDir', to);
  app.relaunch();
  return true;
}

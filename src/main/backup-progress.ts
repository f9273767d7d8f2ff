import { BrowserWindow } from 'electron';
import type { StartupProgress } from '../core/ops/startup.ts';
import { progressPage } from './backup-progress-page.ts';

// A small window that says what the start is doing while it restores, backs up or updates the
// database (the main window opens only once the database is ready). main replaces the whole page
// for each step; the page runs no script.

export class ProgressWindow {
  #win: BrowserWindow | null = null;

  async show(p: StartupProgress): Promise<void> {
    this.#win ??= new BrowserWindow({
      width: 440,
      height: 170,
      resizable: false,
      minimizable: false,
      maximizable: false,
      closable: false,
      title: 'SMMS Desktop',
      backgroundColor: '#f4f6f9',
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    this.#win.setProgressBar(p.total > 0 ? p.done / p.total : 2);
    await this.#win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(progressPage(p))}`);
  }

  close(): void {
    this.#win?.destroy();
    this.#win = null;
  }
}

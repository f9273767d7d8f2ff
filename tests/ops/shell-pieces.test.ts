import { describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/app.ts';
import { progressPage } from '../../src/main/backup-progress-page.ts';
import { restartAfterRestore } from '../../src/main/backup-restart.ts';
import { chooseDataDir } from '../../src/main/data-dir-choice.ts';
import { buildMenuTemplate } from '../../src/main/menu.ts';

// The desktop shell's operations pieces that can run without Electron.

describe('data folder choice', () => {
  it('SMMS_DATA_DIR wins over the setting, the setting over the default', () => {
    expect(chooseDataDir({ SMMS_DATA_DIR: ' /srv/smms ' }, '/home/a/smms', '/home/a/.config/SMMS')).toEqual({
      dir: '/srv/smms',
      source: 'SMMS_DATA_DIR',
    });
    expect(chooseDataDir({}, '/home/a/smms', '/home/a/.config/SMMS')).toEqual({
      dir: '/home/a/smms',
      source: 'setting',
    });
    expect(chooseDataDir({ SMMS_DATA_DIR: '  ' }, undefined, '/u')).toEqual({ dir: '/u', source: 'default' });
  });
});

describe('start-up progress page', () => {
  it('shows the step, escapes it, and allows no script', () => {
    const html = progressPage({ stage: 'migrate', label: 'Updating <db> (step 1 of 2)…', done: 1, total: 2 });
    expect(html).toContain('Updating &lt;db&gt; (step 1 of 2)…');
    expect(html).toContain('width:50%');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
  });
});

describe('restart after a scheduled restore', () => {
  it('restarts only after ops:restore succeeded', async () => {
    const results: Record<string, { ok: boolean }> = {
      'ops:restore': { ok: true },
      'users:list': { ok: true },
    };
    const core = { dispatch: async (name: string) => results[name] ?? { ok: false } } as unknown as Core;
    let restarts = 0;
    const wrapped = restartAfterRestore(core, () => (restarts += 1), 0);
    await wrapped.dispatch('users:list', {}, 's');
    results['ops:restore'] = { ok: false };
    await wrapped.dispatch('ops:restore', {}, 's');
    await new Promise((r) => setTimeout(r, 10));
    expect(restarts).toBe(0);
    results['ops:restore'] = { ok: true };
    await wrapped.dispatch('ops:restore', {}, 's');
    await new Promise((r) => setTimeout(r, 10));
    expect(restarts).toBe(1);
  });
});

describe('menu', () => {
  it('offers Data folder, Copy diagnostics and Open logs folder when the shell passes them', () => {
    const noop = (): void => undefined;
    const menu = buildMenuTemplate({
      about: noop,
      isDev: false,
      isMac: false,
      copyDiagnostics: noop,
      openLogsFolder: noop,
      changeDataFolder: noop,
    });
    const labels = (name: string): string[] =>
      ((menu.find((m) => m.label === name)?.submenu ?? []) as { label?: string }[]).map(
        (i) => i.label ?? '-',
      );
    expect(labels('&File')).toEqual(['Data folder…', '-', 'E&xit']);
    expect(labels('&Help')).toEqual(['Copy diagnostics', 'Open logs folder', '-', 'About SMMS Desktop']);
  });
});

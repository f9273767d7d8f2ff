import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from './menu.ts';

const fileMenu = (template: MenuItemConstructorOptions[]) =>
  (template.find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[]) ?? [];

describe('app menu', () => {
  it('has a Desktop notifications checkbox that stores the choice', () => {
    const chosen: boolean[] = [];
    const template = buildMenuTemplate({
      about: () => undefined,
      isDev: false,
      isMac: false,
      desktopNotifications: { enabled: true, set: (on) => chosen.push(on) },
    });
    const item = fileMenu(template).find((i) => i.label === 'Desktop notifications')!;
    expect(item.type).toBe('checkbox');
    expect(item.checked).toBe(true);
    (item.click as unknown as (m: { checked: boolean }) => void)({ checked: false });
    expect(chosen).toEqual([false]);
  });

  it('leaves the item out when the shell does not offer it (tests, CLI)', () => {
    const template = buildMenuTemplate({ about: () => undefined, isDev: false, isMac: false });
    expect(fileMenu(template).some((i) => i.label === 'Desktop notifications')).toBe(false);
  });
});

import type { Page } from '@playwright/test';
import type { RoleName } from '../../src/shared/domain/enums.ts';
import { expect, screenshot, signIn, test } from './fixtures.ts';

// Each role's menu against ROLES.md, on the demo college: mentors and students get no office
// screen, and typing an office address says so plainly. Every menu entry is opened and
// screenshotted at 1366×768 (walk-<role>-<page>.png) so the whole product can be looked over.

const OFFICE_PATHS = [
  '/dashboard',
  '/students',
  '/mentors',
  '/assignments',
  '/alerts',
  '/pending-sessions',
  '/users',
  '/roster-import',
  '/reports',
  '/risk-thresholds',
  '/institutions',
  '/departments',
  '/audit',
  '/settings/backups',
];

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

async function menuPaths(page: Page): Promise<string[]> {
  await expect(nav(page)).toBeVisible();
  const hrefs = await nav(page)
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.replace(/^#/, ''));
}

/** Opens every menu entry, waits until it has loaded and saves a screenshot. */
async function walk(page: Page, role: string): Promise<void> {
  const links = nav(page).getByRole('link');
  const count = await links.count();
  for (let i = 0; i < count; i += 1) {
    const link = links.nth(i);
    const href = ((await link.getAttribute('href')) ?? '').replace(/^#\//, '');
    await link.click();
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expect(page.getByText('Loading…')).toHaveCount(0);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await expect(page.getByText(/not allowed|forbidden/i)).toHaveCount(0);
    await screenshot(page, `walk-${role}-${href.replaceAll('/', '-') || 'home'}`);
  }
}

const EXPECTED: Record<RoleName, { has: string[]; hasNot: string[] }> = {
  SUPER_ADMIN: {
    has: ['/dashboard', '/institutions', '/departments', '/users', '/audit'],
    hasNot: ['/mentor', '/student', '/mentees'],
  },
  INSTITUTION_ADMIN: {
    has: ['/dashboard', '/departments', '/users', '/reports', '/audit'],
    hasNot: ['/mentor', '/student'],
  },
  DEPARTMENT_ADMIN: {
    has: [
      '/dashboard',
      '/students',
      '/mentors',
      '/assignments',
      '/alerts',
      '/pending-sessions',
      '/roster-import',
      '/reports',
      '/risk-thresholds',
      '/audit',
    ],
    hasNot: ['/institutions', '/departments', '/mentor', '/student', '/mentees'],
  },
  MENTOR: {
    has: ['/mentor', '/mentees', '/sessions', '/calendar', '/goals', '/feedback'],
    hasNot: OFFICE_PATHS,
  },
  STUDENT: {
    has: ['/student', '/my-mentor', '/my-sessions', '/action-items', '/goals', '/feedback'],
    hasNot: [...OFFICE_PATHS, '/mentees', '/sessions'],
  },
};

for (const role of Object.keys(EXPECTED) as RoleName[]) {
  test(`${role.toLowerCase()}: menu follows ROLES.md; every screen opens`, async ({ page, app }) => {
    test.setTimeout(180_000);
    const demo = await app.seedDemo();
    const account = demo.accounts.find((a) => a.role === role)!;
    await app.open(page);
    await signIn(page, account.email, demo.password);
    const paths = await menuPaths(page);
    for (const p of EXPECTED[role].has) expect(paths, `${role} menu has ${p}`).toContain(p);
    for (const p of EXPECTED[role].hasNot) expect(paths, `${role} menu lacks ${p}`).not.toContain(p);
    await walk(page, role.toLowerCase().replaceAll('_', '-'));

    if (role === 'MENTOR' || role === 'STUDENT') {
      // An office address typed by hand: a clear page, not the office screen or a row of errors.
      for (const path of ['/students', '/alerts', '/users']) {
        await page.goto(`${new URL(page.url()).origin}/#${path}`);
        await expect(
          page.getByRole('heading', { level: 1, name: 'Not available for your role' }),
        ).toBeVisible();
        await expect(page.getByRole('table')).toHaveCount(0);
      }
      await screenshot(page, `walk-${role.toLowerCase()}-not-available`);
      await page.getByRole('link', { name: 'Go to your home page' }).click();
      await expect(page).toHaveURL(role === 'MENTOR' ? /#\/mentor$/ : /#\/student$/);
    }
  });
}

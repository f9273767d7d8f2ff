import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { openSection, seedDemoHod } from './hod-support.ts';

// List pages whose table is the last thing on the page fit it to the window (DataTable's default
// height) at 1366×768, the college PCs' screen: the table's card, pagination included, ends just
// above the window's bottom, with no gap under it and no page scroll. A fixed `calc(100vh - N)`
// left a gap on some of these pages and pushed the pagination off others.

const VIEWPORT = { width: 1366, height: 768 };
test.use({ viewport: VIEWPORT });

/** Where the named table's card (its pagination included) ends, in viewport pixels. */
async function tableBottom(page: Page, table: string): Promise<number> {
  const card = page
    .getByRole('table', { name: table })
    .locator('xpath=ancestor::div[contains(@class, "mantine-Paper-root")][1]');
  const box = await card.boundingBox();
  return Math.round(box!.y + box!.height);
}

async function expectFitted(page: Page, table: string): Promise<void> {
  await expect(
    page.getByRole('table', { name: table }).locator('tbody tr[data-index]').first(),
  ).toBeVisible();
  // The page's bottom padding and the card's border (26px) stay under the card, and nothing more:
  // a fixed height left 3px empty under the alerts, 29px under the sessions.
  await expect.poll(() => tableBottom(page, table)).toBeGreaterThanOrEqual(VIEWPORT.height - 26 - 1);
  expect(await tableBottom(page, table)).toBeLessThanOrEqual(VIEWPORT.height - 26 + 1);
  const next = page.getByRole('button', { name: 'next page' });
  if (await next.count()) await expect(next).toBeInViewport({ ratio: 1 });
  const overflow = await page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight);
  expect(overflow, 'the page does not scroll').toBeLessThanOrEqual(0);
}

test('office: alerts and compliance tables fit the window', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Alerts');
  await expectFitted(page, 'Alerts');
  await openSection(page, 'Compliance');
  await expectFitted(page, 'Mentees');
});

test('mentor: the sessions table fits the window', async ({ page, app }) => {
  const { demo } = await seedDemoHod(app);
  const mentor = demo.accounts.find((a) => a.role === 'MENTOR')!;
  await app.open(page);
  await signIn(page, mentor.email, demo.password);
  await openSection(page, 'Sessions');
  await page.getByRole('tab', { name: 'All' }).click();
  await expect(page.getByText(/^1–50 of \d+$/)).toBeVisible();
  await expectFitted(page, 'Sessions');
});

test('office: the roster preview fills the window under its Import button', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  const file = join(mkdtempSync(join(tmpdir(), 'smms-fit-')), 'intake.csv');
  const header = 'Roll Number,First Name,Last Name,Email,Phone,Program,Year,GPA,Attendance %,Mentor Email';
  const rows = Array.from(
    { length: 40 },
    (_, i) => `26CSE${9100 + i},Kiran${i},Patil,kiran${i}.patil@college.edu,,B.Tech CSE,1,7.5,88,`,
  );
  writeFileSync(file, [header, ...rows].join('\r\n'));
  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Import roster');
  await page.getByLabel('Roster file').setInputFiles(file);
  const table = page.getByRole('table', { name: 'Roster rows' });
  await expect(table.locator('tbody tr[data-index]').first()).toBeVisible();
  // Under the table it was 6 rows and a commit bar whose button wrapped below the window's bottom.
  await expect(page.getByRole('button', { name: 'Import 40 rows' })).toBeInViewport({ ratio: 1 });
  await expect
    .poll(async () => {
      const box = await table.locator('xpath=..').boundingBox();
      return Math.round(box!.y + box!.height);
    })
    .toBeGreaterThanOrEqual(VIEWPORT.height - 26 - 2 - 8);
  const box = await table.locator('xpath=..').boundingBox();
  expect(Math.round(box!.y + box!.height)).toBeLessThanOrEqual(VIEWPORT.height);
  // Nor does it scroll sideways: its 13 columns took 1820px of the 717px beside the column mapping.
  const sideways = await table.locator('xpath=..').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(sideways, 'the preview does not scroll sideways').toBeLessThanOrEqual(0);
});

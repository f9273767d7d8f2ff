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

import { expect, screenshot, test } from './fixtures.ts';

// First run, "just looking": the setup page offers the demo college; loading it lists one account
// per role, and choosing one signs in.

test('first run: load demo data and sign in as the demo mentor', async ({ page, app }) => {
  test.setTimeout(90_000);
  await app.open(page);
  await expect(page.getByRole('heading', { name: 'Set up SMMS Desktop' })).toBeVisible();
  const card = page.getByRole('complementary', { name: 'Demo data' });
  await expect(card).toContainText('Just looking?');
  await screenshot(page, 'first-run-demo-offer');

  await card.getByRole('button', { name: 'Load demo data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load demo data' });
  await expect(dialog).toContainText('cannot be set up for real use afterwards');
  await dialog.getByRole('button', { name: 'Load demo data' }).click();
  await expect(dialog).toContainText('The demo college is ready', { timeout: 30_000 });
  for (const role of ['System administrator', 'Department administrator', 'Mentor', 'Student']) {
    await expect(dialog.getByRole('button', { name: `Sign in as ${role.toLowerCase()}` })).toBeVisible();
  }
  await screenshot(page, 'first-run-demo-accounts');

  await dialog.getByRole('button', { name: 'Sign in as mentor' }).click();
  await expect(page).toHaveURL(/#\/mentor$/);
  await expect(page.getByRole('button', { name: /^Account menu for/ })).toContainText('Mentor');
  await expect(page.getByRole('table', { name: 'My mentees' }).getByRole('row').nth(1)).toBeVisible();
});

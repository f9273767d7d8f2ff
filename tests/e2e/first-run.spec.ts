import { ADMIN, expect, ORG, screenshot, signIn, test } from './fixtures.ts';

test('first-run setup creates the administrator, who lands in the app and can sign in again', async ({
  page,
  app,
}) => {
  await app.open(page);
  await expect(page.getByRole('heading', { name: 'Set up SMMS Desktop' })).toBeVisible();
  await expect(page, 'the token leaves the address bar').not.toHaveURL(/token=/);
  await screenshot(page, 'setup');

  // The contract's schema runs in the form: empty fields get their messages without a round trip.
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByText('Enter the full name.').first()).toBeVisible();

  await page.getByLabel('Institution name').fill(ORG.institution.name);
  await page.getByLabel('Short code').fill(ORG.institution.code);
  await page.getByLabel('Department name').fill(ORG.department.name);
  await page.getByLabel('Department code').fill(ORG.department.code);
  await page.getByLabel('First name').fill(ADMIN.firstName);
  await page.getByLabel('Last name').fill(ADMIN.lastName);
  await page.getByRole('textbox', { name: 'Email' }).fill(ADMIN.email);
  // The core's password policy (admins need 12+) comes back as a field error.
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short-pass');
  await page.getByLabel('Repeat the password').fill('short-pass');
  await page.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(page.getByText('Use at least 12 characters.')).toBeVisible();

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await page.getByLabel('Repeat the password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create and sign in' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: new RegExp(`, ${ADMIN.firstName}$`) }),
  ).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Home' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: /Account menu for Asha Rao/ })).toContainText(
    'System administrator',
  );
  await screenshot(page, 'dashboard');

  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await screenshot(page, 'login');

  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(
    page.getByRole('heading', { level: 1, name: new RegExp(`, ${ADMIN.firstName}$`) }),
  ).toBeVisible();
});

import { ADMIN, expect, screenshot, signIn, test } from './fixtures.ts';

test.beforeEach(async ({ app }) => {
  await app.seedAdmin();
});

test('a wrong password says so and signs nobody in', async ({ page, app }) => {
  await app.open(page);
  await signIn(page, ADMIN.email, 'not-the-password');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Sign-in failed');
  await expect(alert).toContainText('The email or password is not correct.');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await screenshot(page, 'login-wrong-password');
  // An unknown email reads exactly the same, so the screen does not reveal who has an account.
  await signIn(page, 'nobody@riverside.edu', 'not-the-password');
  await expect(alert).toContainText('The email or password is not correct.');
});

test('the form checks the email before asking the core', async ({ page, app }) => {
  await app.open(page);
  await signIn(page, 'asha', 'whatever');
  await expect(page.getByText('Enter a valid email address, like name@college.edu.')).toBeVisible();
});

test('five wrong passwords lock the account, even for the right password', async ({ page, app }) => {
  await app.open(page);
  for (let i = 0; i < 5; i += 1) {
    await signIn(page, ADMIN.email, `wrong-${i}`);
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toContainText('Account locked');
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('alert')).toContainText(/locked; try again in 15 minutes/);
});

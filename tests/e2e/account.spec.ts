import { ADMIN, expect, screenshot, signIn, test } from './fixtures.ts';

test.beforeEach(async ({ app }) => {
  await app.seedAdmin();
});

const home = new RegExp(`, ${ADMIN.firstName}$`);

test('change password: wrong current password, mismatch, then success and sign-in with the new one', async ({
  page,
  app,
}) => {
  await app.open(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Change password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Change password' })).toBeVisible();

  const current = page.getByRole('textbox', { name: 'Current password' });
  const next = page.getByRole('textbox', { name: 'New password', exact: true });
  const repeat = page.getByRole('textbox', { name: 'Repeat the new password' });
  const submit = page.getByRole('button', { name: 'Change password' });

  await current.fill('not-my-password');
  await next.fill('Another-Office-Pass-7');
  await repeat.fill('Another-Office-Pass-8');
  await submit.click();
  await expect(page.getByText('The two passwords are not the same.')).toBeVisible();

  await repeat.fill('Another-Office-Pass-7');
  await submit.click();
  await expect(page.getByText('Your current password is not correct.')).toBeVisible();

  await current.fill(ADMIN.password);
  await submit.click();
  await expect(page.getByRole('status').filter({ hasText: 'Your password has been changed.' })).toBeVisible();
  await expect(current).toHaveValue('');
  await screenshot(page, 'change-password');

  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('alert')).toContainText('The email or password is not correct.');
  await signIn(page, ADMIN.email, 'Another-Office-Pass-7');
  await expect(page.getByRole('heading', { level: 1, name: home })).toBeVisible();
});

test('the window locks after the idle timeout, ends the core session, and keeps unsaved typing', async ({
  page,
  app,
}) => {
  await page.clock.install();
  await app.open(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: home })).toBeVisible();
  await page.getByRole('link', { name: 'Change password' }).click();
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('typed-before-lunch');

  // Admins lock after 30 minutes without keyboard or mouse activity.
  await page.clock.fastForward('29:00');
  await expect(page.getByRole('dialog', { name: 'Locked' })).toHaveCount(0);
  await page.clock.fastForward('01:30');
  const lock = page.getByRole('dialog', { name: 'Locked' });
  await expect(lock).toBeVisible();
  await expect(lock).toContainText(ADMIN.email);
  await screenshot(page, 'lock-screen');

  const me = await page.request.post(`${new URL(app.shell.url).origin}/call`, {
    headers: { 'x-smms-token': app.shell.token },
    data: { name: 'auth:me', input: {} },
  });
  expect((await me.json()).data.user, 'a locked window has no signed-in core session').toBeNull();

  await lock.getByRole('textbox', { name: 'Password' }).fill('wrong-password');
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock.getByRole('alert')).toContainText('The email or password is not correct.');
  await lock.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
  await lock.getByRole('button', { name: 'Unlock' }).click();
  await expect(lock).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'New password', exact: true })).toHaveValue(
    'typed-before-lunch',
  );
});

test('"Lock screen" in the user menu locks at once; signing out from the lock discards the session', async ({
  page,
  app,
}) => {
  await app.open(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('button', { name: /Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Lock screen' }).click();
  const lock = page.getByRole('dialog', { name: 'Locked' });
  await expect(lock).toBeVisible();
  await lock.getByRole('button', { name: /Sign out/ }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

import { ADMIN, expect, screenshot, signIn, test } from './connection-fixtures.ts';

// The system administrator of a standalone install connects it to an empty central database on the
// Sync page: validation, a connection test that says what saving will do, the upload confirmed,
// "Sync now" with its result, and disconnecting with confirmation.

test('connect a standalone install to an empty central, sync now, disconnect', async ({ page, install }) => {
  test.setTimeout(120_000);
  await install.open(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.goto(`${install.shell.url.split('?')[0]}?token=${install.shell.token}#/sync`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  const card = page.getByRole('form', { name: 'Central database connection' });
  await expect(page.getByText('Not connected')).toBeVisible();

  // Validation before any network: the server is required, the port is a number in range.
  await card.getByRole('textbox', { name: 'Port' }).fill('99999');
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByText('Enter the server name or address.')).toBeVisible();
  await expect(card.getByText('Ports go from 1 to 65535.')).toBeVisible();
  await screenshot(page, 'central-connection-validation');

  await card.getByRole('textbox', { name: 'Server' }).fill(install.fields.host);
  await card.getByRole('textbox', { name: 'Port' }).fill(String(install.fields.port));
  await card.getByRole('textbox', { name: 'Database' }).fill(install.fields.database);
  await card.getByRole('textbox', { name: 'Account' }).fill(install.fields.user);
  if (install.fields.password) await card.getByRole('textbox', { name: 'Password' }).fill(install.fields.password);
  await card.getByRole('button', { name: 'Test connection' }).click();
  await expect(card.getByText('Connection works')).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText(/The central database is empty\. This computer’s data/)).toBeVisible();
  await screenshot(page, 'central-connection-tested');

  await card.getByRole('button', { name: 'Save and connect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connect to this central database?' });
  await expect(dialog.getByText(/will be uploaded to it once/)).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'central-connection-confirm-upload');
  await dialog.getByRole('button', { name: 'Upload and connect' }).click();
  await expect(page.getByText(/Connected\. \d+ records were uploaded/)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.mantine-Badge-root').filter({ hasText: /^Connected$/ })).toBeVisible();
  const onCentral = await install.central.kysely.selectFrom('users').select('email').execute();
  expect(onCentral).toEqual([{ email: ADMIN.email }]);

  // Synced now: the State card offers "Sync now" and reports what the round did.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText(/^Synced at .*: sent 0, received \d+/)).toBeVisible({ timeout: 20_000 });
  await expect(card.getByRole('textbox', { name: 'Password' })).toHaveAttribute('placeholder', '(saved)');
  await screenshot(page, 'central-connection-synced');

  await card.getByRole('button', { name: 'Disconnect' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disconnect from the central database?' });
  await expect(confirm.getByText(/forgets the connection and its password/)).toBeVisible();
  await confirm.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByText('Not connected')).toBeVisible();
  await screenshot(page, 'central-connection-disconnected');
});

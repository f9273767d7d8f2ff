import { createCore } from '../../src/core/app.ts';
import { silentLogger } from '../../src/core/log.ts';
import { expect, screenshot, test } from './connection-fixtures.ts';

// A mentor's new laptop: the first-run screen's second choice joins the department's central
// database. Validation before any network, a connection test that says what joining does, a wrong
// password refused with the sign-in's own words, then the download and the mentor signed in.

test('a fresh install joins the central database as a mentor and lands signed in', async ({
  page,
  freshInstall: install,
}) => {
  test.setTimeout(120_000);
  await install.open(page);
  await expect(page.getByRole('heading', { name: 'Set up SMMS Desktop' })).toBeVisible();
  await page.getByText('Join your department’s central database').click();
  const form = page.getByRole('form', { name: 'Join a central database' });

  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByText('Enter the server name or address.')).toBeVisible();

  await form.getByRole('textbox', { name: 'Server' }).fill(install.fields.host);
  await form.getByRole('textbox', { name: 'Port' }).fill(String(install.fields.port));
  await form.getByRole('textbox', { name: 'Database', exact: true }).fill(install.fields.database);
  await form.getByRole('textbox', { name: 'Account' }).fill(install.fields.user);
  if (install.fields.password) await form.getByLabel('Database password').fill(install.fields.password);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(form.getByText('Connection works')).toBeVisible({ timeout: 20_000 });
  await expect(form.getByText(/will download the records your account may see/)).toBeVisible();
  await screenshot(page, 'join-central-tested');

  const mentor = install.cast.mentor;
  await form.getByRole('textbox', { name: 'Email', exact: true }).fill(mentor.email);
  await form.getByRole('textbox', { name: 'Password', exact: true }).fill('Not-The-Password-1');
  await form.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(form.getByText('The email or password is not correct.')).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'join-central-wrong-password');

  await form.getByRole('textbox', { name: 'Password', exact: true }).fill(mentor.password);
  await form.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(page.getByText(/^Joined .*records were downloaded/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'Set up SMMS Desktop' })).toBeHidden();
  // Signed in as the mentor, on a synced laptop.
  await expect(page.getByRole('link', { name: 'My mentees' })).toBeVisible();
  await expect(page.getByText('Mentor', { exact: true })).toBeVisible();
  await expect(page.getByText('Synced', { exact: true })).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'join-central-signed-in');

  const audit = await install.central.kysely
    .selectFrom('audit_logs')
    .select('action')
    .where('userId', '=', mentor.id)
    .orderBy('id')
    .execute();
  expect(audit.map((a) => a.action)).toEqual(['auth:login-failed', 'auth:login']);
});

test('a new mentor joins with the invitation code from the office and chooses a password', async ({
  page,
  freshInstall: install,
}) => {
  test.setTimeout(120_000);
  // The office invites the mentor on central: the code exists only there.
  const office = createCore({ db: install.central, appVersion: 'e2e', log: silentLogger });
  const invited = await office.dispatch(
    'users:create',
    { email: 'neha.joshi@example.edu', firstName: 'Neha', lastName: 'Joshi', role: 'MENTOR' },
    office.openTrustedSession(install.cast.deptAdmin.id),
  );
  if (!invited.ok) throw new Error(invited.error.message);
  const { resetCode } = invited.data as { resetCode: string };

  await install.open(page);
  await page.getByText('Join your department’s central database').click();
  const form = page.getByRole('form', { name: 'Join a central database' });
  await form.getByRole('textbox', { name: 'Server' }).fill(install.fields.host);
  await form.getByRole('textbox', { name: 'Port' }).fill(String(install.fields.port));
  await form.getByRole('textbox', { name: 'Database', exact: true }).fill(install.fields.database);
  await form.getByRole('textbox', { name: 'Account' }).fill(install.fields.user);
  if (install.fields.password) await form.getByLabel('Database password').fill(install.fields.password);
  await form.getByRole('textbox', { name: 'Email', exact: true }).fill('neha.joshi@example.edu');
  await form.getByRole('checkbox', { name: /First sign-in/ }).check();
  await form.getByLabel('Choose your password').fill('Neha-First-Pass-2026');
  await form.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(form.getByText('Enter the code from your department office.')).toBeVisible();
  await form.getByRole('textbox', { name: 'Invitation code' }).fill(resetCode);
  await screenshot(page, 'join-central-invitation');
  await form.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(page.getByText(/^Joined .*records were downloaded/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Neha Joshi')).toBeVisible();
  const account = await install.central.kysely
    .selectFrom('users')
    .select('status')
    .where('email', '=', 'neha.joshi@example.edu')
    .executeTakeFirstOrThrow();
  expect(account.status).toBe('ACTIVE');
});

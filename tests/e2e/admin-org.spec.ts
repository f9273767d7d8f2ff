import type { Locator, Page } from '@playwright/test';
import { ADMIN, ORG, expect, screenshot, signIn, test } from './fixtures.ts';
import { bodyRows, callAs, openSection } from './hod-support.ts';

// The system administrator after first-run setup: adds a department, invites its first mentor
// (the one-time code is shown once and works), changes the account's role, disables it, edits
// the institution, and finds all of it in the audit log.

const settle = (ms = 400): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function pick(page: Page, dialog: Locator, label: string, option: RegExp): Promise<void> {
  await dialog.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

test('admin adds a department and invites a user who activates with the code', async ({ page, app }) => {
  await app.seedAdmin();
  await app.open(page);
  await signIn(page, ADMIN.email, ADMIN.password);

  // A department; its code must be unique in the institution.
  await openSection(page, 'Departments');
  await page.getByRole('button', { name: 'Add department' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a department' });
  await pick(page, dialog, 'Institution', new RegExp(ORG.institution.name));
  await dialog
    .getByRole('textbox', { name: 'Department name' })
    .fill('Electronics and Communication Engineering');
  await dialog.getByRole('textbox', { name: 'Code' }).fill(ORG.department.code);
  await dialog.getByRole('button', { name: 'Add department' }).click();
  await expect(dialog.getByText('This code is already in use in the institution.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Code' }).fill('ece');
  await expect(dialog.getByRole('textbox', { name: 'Code' })).toHaveValue('ECE');
  await dialog.getByRole('button', { name: 'Add department' }).click();
  await expect(dialog).toBeHidden();
  await expect(bodyRows(page, 'Departments').filter({ hasText: 'ECE' })).toContainText(
    'Electronics and Communication Engineering',
  );
  await screenshot(page, 'admin-departments');

  // Invite the department's first mentor: the code is shown once.
  await openSection(page, 'Users');
  await page.getByRole('button', { name: 'Add user' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a user' });
  await pick(page, dialog, 'Department', /^Electronics and Communication Engineering/);
  await dialog.getByRole('textbox', { name: 'First name' }).fill('Farhan');
  await dialog.getByRole('textbox', { name: 'Last name' }).fill('Qureshi');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('not-an-email');
  await dialog.getByRole('button', { name: 'Create and show code' }).click();
  await expect(dialog.getByText('Enter a valid email address, like name@college.edu.')).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Email' }).fill('farhan.qureshi@riverside.edu');
  await dialog.getByRole('textbox', { name: 'Maximum mentees' }).fill('12');
  await dialog.getByRole('button', { name: 'Create and show code' }).click();
  const codeDialog = page.getByRole('dialog', { name: 'Account created' });
  const code = (await codeDialog.getByLabel('One-time code').textContent())!.trim();
  expect(code.length).toBeGreaterThanOrEqual(8);
  await expect(codeDialog.getByRole('button', { name: 'Print' })).toBeVisible();
  await settle();
  await screenshot(page, 'admin-user-code');
  await codeDialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(code)).toHaveCount(0);
  const row = bodyRows(page, 'Users').filter({ hasText: 'farhan.qureshi@riverside.edu' });
  await expect(row).toContainText('Invited');
  await expect(row).toContainText('Electronics and Communication Engineering');

  // The code works once: the new mentor sets a password and can sign in.
  const session = app.core.openSession();
  const reset = await app.core.dispatch(
    'auth:reset-password',
    { email: 'farhan.qureshi@riverside.edu', token: code, newPassword: 'Circuits-and-Signals-42' },
    session,
  );
  expect(reset.ok).toBe(true);
  app.core.closeSession(session);
  const mentor = { email: 'farhan.qureshi@riverside.edu', password: 'Circuits-and-Signals-42' };
  expect((await callAs<{ user: { role: string } }>(app, mentor, 'auth:me', {})).user.role).toBe('MENTOR');

  // Role change within what the admin may grant, then disable with confirmation.
  await page.getByRole('button', { name: 'Actions for Farhan Qureshi' }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit Farhan Qureshi' });
  await pick(page, dialog, 'Role', /^Department administrator$/);
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Department administrator');
  await page.getByRole('button', { name: 'Actions for Farhan Qureshi' }).click();
  await page.getByRole('menuitem', { name: 'Disable account…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disable Farhan Qureshi?' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).not.toContainText('Disabled');
  await page.getByRole('button', { name: 'Actions for Farhan Qureshi' }).click();
  await page.getByRole('menuitem', { name: 'Disable account…' }).click();
  await confirm.getByRole('button', { name: 'Disable account' }).click();
  await expect(row).toContainText('Disabled');
  await expect(confirm).toBeHidden();
  await screenshot(page, 'admin-users');
  const session2 = app.core.openSession();
  const refused = await app.core.dispatch('auth:login', mentor, session2);
  app.core.closeSession(session2);
  expect(refused.ok).toBe(false);

  // The institution's contact details.
  await openSection(page, 'Institutions');
  await page.getByRole('button', { name: 'Edit' }).first().click();
  dialog = page.getByRole('dialog', { name: `Edit ${ORG.institution.name}` });
  await dialog.getByRole('textbox', { name: 'Contact email' }).fill('office@riverside.edu');
  await dialog.getByRole('button', { name: 'Save changes' }).click();
  await expect(dialog).toBeHidden();
  await expect(bodyRows(page, 'Institutions').first()).toContainText('office@riverside.edu');
  await screenshot(page, 'admin-institutions');

  // Every step is in the audit log.
  await openSection(page, 'Audit log');
  for (const action of [
    'departments:create',
    'users:create',
    'users:update',
    'users:set-status',
    'institutions:update',
  ]) {
    await expect(bodyRows(page, 'Audit log').filter({ hasText: action }).first()).toBeVisible();
  }
  await screenshot(page, 'admin-audit');

  await openSection(page, 'Dashboard');
  await expect(page.getByRole('link', { name: 'Institutions: 1. Open the list' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Departments' }).locator('tbody tr[data-index]')).toHaveCount(
    2,
  );
  await settle(800);
  await screenshot(page, 'admin-dashboard');
});

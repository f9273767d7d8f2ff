import { expect, screenshot, signIn, test } from './fixtures.ts';
import { bodyRows, callAs, openSection } from './hod-support.ts';

// The alert queue: a closing note is required; a closed alert leaves the open queue, keeps its
// note, and shows who closed it.

interface AlertRow {
  id: string;
  studentName: string;
  status: string;
  closingNote: string | null;
  closedByName: string | null;
}

test('close an alert with a required note', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const hod = {
    email: demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!.email,
    password: demo.password,
  };
  const open = await callAs<{ rows: AlertRow[]; total: number }>(app, hod, 'alerts:list', {
    status: 'OPEN',
    sort: 'createdAt',
    dir: 'desc',
  });
  expect(open.total).toBeGreaterThan(1);
  const alert = open.rows[0]!;

  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Alerts');
  await expect(page.getByText(`${open.total} alerts`)).toBeVisible();
  await expect(bodyRows(page, 'Alerts').first()).toContainText(alert.studentName);
  await screenshot(page, 'hod-alerts');

  await page
    .getByRole('button', { name: `Close alert about ${alert.studentName}` })
    .first()
    .click();
  const dialog = page.getByRole('dialog', { name: `Close alert about ${alert.studentName}` });
  await dialog.getByRole('button', { name: 'Close alert' }).click();
  await expect(dialog.getByText('Closing note is required.')).toBeVisible();
  const note = 'Met the student and parents on Monday; attendance plan agreed with the class teacher.';
  await dialog.getByRole('textbox', { name: 'Closing note' }).fill(note);
  await screenshot(page, 'hod-alert-close');
  await dialog.getByRole('button', { name: 'Close alert' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`${open.total - 1} alerts`)).toBeVisible();

  await page
    .locator('label')
    .filter({ hasText: /^Closed$/ })
    .click();
  await expect(page.getByRole('radio', { name: 'Closed' })).toBeChecked();
  const closedRow = bodyRows(page, 'Alerts').filter({ hasText: alert.studentName }).first();
  await expect(closedRow).toContainText('Closed by');
  const closed = await callAs<{ rows: AlertRow[] }>(app, hod, 'alerts:list', {
    status: 'CLOSED',
    pageSize: 200,
  });
  expect(closed.rows.find((a) => a.id === alert.id)).toMatchObject({ status: 'CLOSED', closingNote: note });
});

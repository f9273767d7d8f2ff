import { expect, screenshot, signIn, test } from './fixtures.ts';
import { bodyRows, callAs, openSection } from './hod-support.ts';

// The rest of the department office's screens on the demo department, each checked against the
// core and photographed at 1366×768.

test('students, a student record, mentors and auto-assign', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const hod = {
    email: demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!.email,
    password: demo.password,
  };
  const all = await callAs<{ total: number; rows: { id: string; firstName: string; lastName: string }[] }>(
    app,
    hod,
    'students:list',
    {
      unassigned: false,
      sort: 'name',
    },
  );
  await app.open(page);
  await signIn(page, hod.email, hod.password);

  await openSection(page, 'Students');
  await expect(page.getByText(`${all.total + 1} in your scope`, { exact: false })).toBeVisible();
  await screenshot(page, 'hod-students');
  // The box follows the address (a router transition), so it turns checked a moment after the click.
  const unassignedOnly = page.getByRole('checkbox', { name: 'Unassigned only' });
  await unassignedOnly.click();
  await expect(unassignedOnly).toBeChecked();
  await expect(bodyRows(page, 'Students')).toHaveCount(1);
  await expect(bodyRows(page, 'Students').first()).toContainText('Unassigned');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  const student = all.rows[0]!;
  await page
    .getByRole('link', { name: `${student.firstName} ${student.lastName}`, exact: true })
    .first()
    .click();
  await page.getByRole('tab', { name: 'Sessions' }).click();
  const sessions = bodyRows(page, 'Sessions');
  await expect(sessions.first()).toBeVisible();
  await sessions.first().getByRole('button').first().click();
  const drawer = page.getByRole('dialog', { name: 'Session' });
  await expect(drawer.getByText('Mentor’s notes (staff only)')).toBeVisible();
  await page.waitForTimeout(400); // let the dialog finish opening
  await screenshot(page, 'hod-session-drawer');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Goals' }).click();
  await expect(page.getByRole('table', { name: 'Goals' })).toBeVisible();
  await page.getByRole('tab', { name: 'Feedback' }).click();
  await expect(page.getByRole('table', { name: 'Feedback' })).toBeVisible();
  await screenshot(page, 'hod-student-feedback');

  // Edit academics: the core refuses a GPA over 10; a good one is saved and shown.
  await page.getByRole('button', { name: 'Edit academics' }).click();
  const academics = page.getByRole('dialog', { name: 'Edit academics' });
  await academics.getByRole('textbox', { name: 'GPA' }).fill('9.45');
  await academics.getByRole('button', { name: 'Save academics' }).click();
  await expect(academics).toBeHidden();
  await expect(page.getByText('9.45', { exact: true })).toBeVisible();

  await openSection(page, 'Assignments');
  await expect(bodyRows(page, 'Assignments').first()).toBeVisible();
  await screenshot(page, 'hod-assignments');
  await page.getByRole('button', { name: 'Auto-assign…' }).click();
  const auto = page.getByRole('dialog', { name: 'Auto-assign mentors' });
  await expect(auto.getByRole('tab', { name: 'Planned pairs (1)' })).toBeVisible();
  await page.waitForTimeout(400); // let the dialog finish opening
  await screenshot(page, 'hod-auto-assign');
  await auto.getByRole('button', { name: 'Assign 1 student' }).click();
  await expect(auto.getByText('1 student assigned')).toBeVisible();
  await auto.getByRole('button', { name: 'Done' }).click();
  const left = await callAs<{ total: number }>(app, hod, 'students:list', {
    unassigned: true,
    status: 'ACTIVE',
  });
  expect(left.total).toBe(0);
});

test('reports, risk thresholds, audit log and a new mentor account', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const hod = {
    email: demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!.email,
    password: demo.password,
  };
  await app.open(page);
  await signIn(page, hod.email, hod.password);

  await openSection(page, 'Reports');
  await screenshot(page, 'hod-reports');
  await page.getByRole('button', { name: 'Make report' }).click();
  await expect(page.getByRole('button', { name: 'Save as PDF' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/\.pdf · \d+ pages? · /)).toBeVisible();
  await screenshot(page, 'hod-report-ready');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save as PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);

  await openSection(page, 'Risk thresholds');
  await page.getByRole('textbox', { name: 'Attendance below: high risk' }).fill('80');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByText('HIGH must be lower than MEDIUM.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Attendance below: high risk' }).fill('60');
  await page.getByRole('textbox', { name: 'Attendance below: medium risk' }).fill('80');
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(page.getByText('Thresholds saved and every student re-evaluated')).toBeVisible();
  await screenshot(page, 'hod-risk');
  const saved = await callAs<{ thresholds: { attendancePct: { medium: number; high: number } } }>(
    app,
    hod,
    'risk:get-thresholds',
    {},
  );
  expect(saved.thresholds.attendancePct).toEqual({ medium: 80, high: 60 });

  await openSection(page, 'Audit log');
  await page.getByRole('combobox', { name: 'Action' }).fill('risk:set-thresholds');
  await page.getByRole('combobox', { name: 'Action' }).press('Enter');
  await expect(bodyRows(page, 'Audit log')).toHaveCount(1);
  await bodyRows(page, 'Audit log').first().getByRole('button').click();
  await expect(
    page.getByRole('dialog', { name: 'Audit entry' }).getByRole('table', { name: 'Changes' }),
  ).toContainText('attendancePct');
  await screenshot(page, 'hod-audit');
  await page.keyboard.press('Escape');

  await openSection(page, 'Users');
  await page.getByRole('button', { name: 'Add user' }).click();
  const add = page.getByRole('dialog', { name: 'Add a user' });
  await add.getByRole('textbox', { name: 'First name' }).fill('Lakshmi');
  await add.getByRole('textbox', { name: 'Last name' }).fill('Menon');
  await add.getByRole('textbox', { name: 'Email' }).fill('lakshmi.menon@college.edu');
  await add.getByRole('textbox', { name: 'Designation' }).fill('Assistant Professor');
  await add.getByRole('button', { name: 'Create and show code' }).click();
  const code = page.getByRole('dialog', { name: 'Account created' });
  await expect(code.getByText('Shown only now')).toBeVisible();
  await page.waitForTimeout(400); // let the dialog finish opening
  await screenshot(page, 'hod-user-code');
  await code.getByRole('button', { name: 'Done' }).click();
  await expect(bodyRows(page, 'Users').filter({ hasText: 'lakshmi.menon@college.edu' })).toContainText(
    'Invited',
  );
  await screenshot(page, 'hod-users');
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, signIn, test } from './fixtures.ts';
import { callAs, openSection } from './hod-support.ts';

// A small student roster: three good rows (one names a mentor) and one with a broken email. The
// preview marks the bad cell, the import skips that row, and the error report lists it.

interface Mentor {
  email: string;
  firstName: string;
  lastName: string;
}

test('import a small roster CSV, skipping the invalid row', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const hod = {
    email: demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!.email,
    password: demo.password,
  };
  const mentor = (await callAs<{ rows: Mentor[] }>(app, hod, 'mentors:list', { hasCapacity: true })).rows[0]!;
  const dir = mkdtempSync(join(tmpdir(), 'smms-roster-'));
  const file = join(dir, 'new-intake.csv');
  writeFileSync(
    file,
    [
      'Roll Number,First Name,Last Name,Email,Phone,Program,Year,GPA,Attendance %,Mentor Email',
      `26CSE9001,Kiran,Patil,kiran.patil@college.edu,9876500001,B.Tech CSE,1,7.5,88,${mentor.email}`,
      '26CSE9002,Meera,Joshi,meera.joshi@college.edu,,B.Tech CSE,1,8.1,92,',
      '26CSE9003,Rohan,Kulkarni,rohan.kulkarni-at-college,,B.Tech CSE,1,6.9,81,',
      '26CSE9004,Sana,Shaikh,sana.shaikh@college.edu,,B.Tech CSE,1,,,',
    ].join('\r\n'),
  );

  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Import roster');
  await page.getByLabel('Roster file').setInputFiles(file);

  const rows = page.getByRole('table', { name: 'Roster rows' });
  await expect(page.getByText('Problems 1')).toBeVisible();
  await expect(page.getByText('New 3')).toBeVisible();
  // The problems filter is on first: the bad email is the row shown, its cell marked.
  await expect(rows.locator('tbody tr[data-index]')).toHaveCount(1);
  await expect(rows.locator('tbody tr[data-index]').first()).toContainText('rohan.kulkarni-at-college');
  await expect(rows.getByText('rohan.kulkarni-at-college', { exact: true })).toHaveCSS(
    'text-decoration-style',
    'wavy',
  );
  await expect(page.getByRole('combobox', { name: 'Email *' })).toHaveValue('Email');
  await screenshot(page, 'hod-import-preview');

  await expect(page.getByRole('button', { name: 'Import 3 rows' })).toBeEnabled();
  await page.getByRole('radio', { name: 'Import nothing if any row has a problem' }).check();
  await expect(page.getByRole('button', { name: 'Import 0 rows' })).toBeDisabled();
  await page.getByRole('radio', { name: /^Skip them and import the other 3/ }).check();
  await page.getByRole('button', { name: 'Import 3 rows' }).click();

  await expect(page.getByText('Imported new-intake.csv')).toBeVisible();
  await expect(page.getByText('1 row was left out because of problems', { exact: false })).toBeVisible();
  for (const [label, n] of [
    ['Created', 3],
    ['Skipped', 1],
    ['Assignments', 1],
  ] as const) {
    await expect(page.getByRole('main').getByText(label, { exact: true }).locator('xpath=..')).toContainText(
      String(n),
    );
  }
  await expect(page.getByRole('table', { name: 'Rows left out' })).toContainText('rohan.kulkarni-at-college');
  await screenshot(page, 'hod-import-summary');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Error report (.csv)' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/\.csv$/);
  const report = readFileSync(await saved.path(), 'utf8');
  expect(report).toContain('rohan.kulkarni-at-college');
  expect(report).not.toContain('kiran.patil@college.edu');

  const imported = await callAs<{ rows: { rollNumber: string; mentors: { firstName: string }[] }[] }>(
    app,
    hod,
    'students:list',
    {
      search: '26CSE900',
      sort: 'rollNumber',
    },
  );
  expect(imported.rows.map((s) => s.rollNumber)).toEqual(['26CSE9001', '26CSE9002', '26CSE9004']);
  expect(imported.rows[0]!.mentors.map((m) => m.firstName)).toEqual([mentor.firstName]);
});

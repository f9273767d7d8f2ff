import { expect, screenshot, signIn, test } from './fixtures.ts';
import { bodyRows, callAs, openSection, seedDemoHod } from './hod-support.ts';
import { savedPdf } from './pdf-support.ts';

// Issue 12 on the demo college: a mentor logs a parent contact on a mentee's Guardians tab and
// prints a letter from the department's template; the HOD opens the compliance sheet, sets the
// norms and prints the sheet, and sets whether a former mentor's staff notes follow a handover. The
// PDFs are checked for text and rendered to PNG to look at.

test('mentor: logs a parent contact with a follow-up and prints a letter', async ({ page, app }) => {
  test.setTimeout(150_000);
  const { demo, hod } = await seedDemoHod(app);
  await callAs(app, hod, 'letters:save-template', {
    name: 'Attendance shortfall',
    subject: 'Attendance of {{student.name}}',
    body:
      'The attendance of your ward {{student.name}} ({{student.rollNumber}}) stands at {{attendancePct}}%.\n\n' +
      'Please meet the mentor, {{mentor.name}}, at the {{department.name}} office.',
  });
  const mentor = demo.accounts.find((a) => a.role === 'MENTOR')!;
  await app.open(page);
  await signIn(page, mentor.email, demo.password);
  await openSection(page, 'My mentees');
  const first = page
    .getByRole('table', { name: 'My mentees' })
    .getByRole('row')
    .filter({ hasNot: page.getByText('Paused') })
    .nth(1);
  await first.dblclick();
  // The list's own heading is "My mentees"; read the name only once the detail page is there.
  const guardiansTab = page.getByRole('tab', { name: 'Guardians' });
  await expect(guardiansTab).toBeVisible();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).not.toHaveText('My mentees');
  const menteeName = (await heading.textContent())!.trim();
  await guardiansTab.click();
  await expect(page.getByText('No guardian contact saved yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Add guardian' }).click();
  await page.getByRole('textbox', { name: 'Phone' }).fill('call me');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByText('Enter the guardian’s name.')).toBeVisible();
  await expect(page.getByText('Enter a phone number (digits, spaces, + - and brackets).')).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill('Ramesh Kulkarni');
  await page.getByRole('textbox', { name: 'Phone' }).fill('+91 98450 12345');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(
    page.getByRole('table', { name: 'Guardian contacts' }).getByText('Ramesh Kulkarni'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Log a contact' }).click();
  await page.getByRole('textbox', { name: 'Reason' }).fill('Attendance below 75% this month');
  await page.getByRole('textbox', { name: 'Outcome' }).fill('Father will visit the department on Monday');
  await page.getByLabel('Follow up on').fill('2030-01-15');
  await page.getByRole('button', { name: 'Log contact' }).click();
  const log = page.getByRole('table', { name: 'Contact log' });
  await expect(log.getByText('Attendance below 75% this month')).toBeVisible();
  await expect(page.getByText('1 follow-up open')).toBeVisible();
  await expect(log.getByText('15 Jan 2030')).toBeVisible();
  await screenshot(page, 'mentor-guardians-tab');

  await page.getByRole('button', { name: 'Print a letter' }).click();
  await expect(page.getByLabel('Template', { exact: true }).first()).toHaveValue('Attendance shortfall');
  await expect(page.getByLabel('Addressed to', { exact: true }).first()).toHaveValue(
    'Ramesh Kulkarni (Father)',
  );
  const { text } = await savedPdf(
    page,
    () => page.getByRole('button', { name: 'Print letter (PDF)' }).click(),
    'mentor-guardian-letter',
  );
  expect(text).toContain('Dear Ramesh Kulkarni,');
  expect(text).toContain(`Subject: Attendance of ${menteeName}`);
  expect(text).not.toContain('{{');

  await page.getByRole('button', { name: /Mark the follow-up of .* done/ }).click();
  await expect(page.getByText('1 follow-up open')).toHaveCount(0);
  const saved = await callAs<{ log: { followUpDoneAt: string | null }[] }>(app, hod, 'guardians:list', {
    studentId: page.url().split('/mentees/')[1],
  });
  expect(saved.log[0]!.followUpDoneAt).not.toBeNull();
});

test('HOD: compliance sheet on screen, norms, printed with a sign-off line', async ({ page, app }) => {
  test.setTimeout(150_000);
  const { hod } = await seedDemoHod(app);
  const sheet = await callAs<{ mentors: { mentorName: string }[]; mentees: unknown[] }>(
    app,
    hod,
    'compliance:sheet',
    {},
  );
  await app.open(page);
  await signIn(page, hod.email, hod.password);

  await openSection(page, 'Risk thresholds');
  const meetings = page.getByRole('textbox', { name: 'Meetings per mentee per semester' });
  await meetings.fill('');
  await page.getByRole('button', { name: 'Save norms' }).click();
  await expect(page.getByText('Meetings per mentee per semester: enter a whole number.')).toBeVisible();
  await meetings.fill('5');
  await page.getByRole('button', { name: 'Save norms' }).click();
  await expect(page.getByText('Compliance norms saved.')).toBeVisible();
  await screenshot(page, 'hod-compliance-norms');

  await openSection(page, 'Compliance');
  await expect(page.getByText('at least 5 meetings per mentee')).toBeVisible();
  await expect(bodyRows(page, 'Mentors')).toHaveCount(sheet.mentors.length);
  await expect(bodyRows(page, 'Mentees').first()).toBeVisible();
  await screenshot(page, 'hod-compliance-sheet');
  const { text } = await savedPdf(
    page,
    () => page.getByRole('button', { name: 'Print sheet (PDF)' }).click(),
    'hod-compliance-sheet',
  );
  expect(text).toContain('Mentoring Compliance Sheet');
  expect(text).toContain('Head of Department (signature)');
  expect(text).toContain(sheet.mentors[0]!.mentorName);

  await page.getByRole('tab', { name: 'Letter templates' }).click();
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByRole('textbox', { name: 'Letter' }).fill('Born on {{student.dob}}');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByText(/Unknown placeholder \{\{student\.dob\}\}/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Letter' }).fill('Attendance is {{attendancePct}}%.');
  await page.getByRole('button', { name: 'Save template' }).click();
  await expect(
    page.getByRole('table', { name: 'Letter templates' }).getByText('Attendance shortfall'),
  ).toBeVisible();
  await screenshot(page, 'hod-letter-templates');
});

test('HOD: staff notes at a handover, switched on, saved and kept after a reload', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Risk thresholds');
  const follow = page.getByRole('switch', {
    name: 'The outgoing mentor’s staff notes stay visible to the new mentor',
  });
  const save = page.getByRole('button', { name: 'Save handover setting' });
  await expect(page.getByText('Using the default (off)')).toBeVisible();
  await expect(follow).not.toBeChecked();
  await expect(save).toBeDisabled();

  await follow.click();
  await expect(follow).toBeChecked();
  await save.click();
  await expect(
    page.getByText('Saved: a former mentor’s staff notes now stay visible to the new mentor.'),
  ).toBeVisible();
  await expect(page.getByText('Using the default (off)')).toHaveCount(0);
  await expect(save).toBeDisabled();
  await follow.scrollIntoViewIfNeeded();
  await screenshot(page, 'hod-handover-notes-setting');
  const saved = await callAs<{ notesFollowHandover: boolean; isDefault: boolean }>(
    app,
    hod,
    'notes:settings-get',
    {},
  );
  expect(saved).toMatchObject({ notesFollowHandover: true, isDefault: false });

  await page.reload();
  await expect(follow).toBeChecked();
  await follow.click();
  await save.click();
  await expect(
    page.getByText(
      'Saved: a former mentor’s staff notes now stay with their author and the department office.',
    ),
  ).toBeVisible();
  await page.reload();
  await expect(follow).not.toBeChecked();
  expect(await callAs(app, hod, 'notes:settings-get', {})).toMatchObject({ notesFollowHandover: false });
});

test('institution admin: sees a department’s handover setting, cannot change it', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const inst = demo.accounts.find((a) => a.role === 'INSTITUTION_ADMIN')!;
  await app.open(page);
  await signIn(page, inst.email, demo.password);
  await openSection(page, 'Risk thresholds');
  await page.getByRole('combobox', { name: 'Department' }).click();
  await page.getByRole('option').first().click();
  await expect(
    page.getByRole('switch', { name: 'The outgoing mentor’s staff notes stay visible to the new mentor' }),
  ).toBeDisabled();
  await expect(page.getByText('The department’s administrator sets this for their mentors.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save handover setting' })).toHaveCount(0);
});

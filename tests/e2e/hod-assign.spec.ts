import { expect, screenshot, signIn, test } from './fixtures.ts';
import { bodyRows, callAs, openSection } from './hod-support.ts';

// The HOD lowers a mentor's limit to the mentees it has, then assigns it the department's
// unassigned student: the core refuses, the dialog asks for a reason, and the override goes through.

interface Page<T> {
  rows: T[];
  total: number;
}
interface Mentor {
  id: string;
  firstName: string;
  lastName: string;
  activeMentees: number;
}
interface Student {
  id: string;
  firstName: string;
  lastName: string;
}

test('assign a mentor over its limit with a reason, from the unassigned list', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const hod = {
    email: demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!.email,
    password: demo.password,
  };
  const waiting = await callAs<Page<Student>>(app, hod, 'students:list', {
    unassigned: true,
    status: 'ACTIVE',
  });
  expect(waiting.total).toBeGreaterThan(0);
  const student = waiting.rows[0]!;
  const mentor = (await callAs<Page<Mentor>>(app, hod, 'mentors:list', { sort: 'name' })).rows[0]!;
  const mentorName = `${mentor.firstName} ${mentor.lastName}`;

  await app.open(page);
  await signIn(page, hod.email, hod.password);

  // 1. The mentor's limit goes down to what it has now.
  await openSection(page, 'Mentors');
  await page.getByRole('button', { name: `Actions for ${mentorName}` }).click();
  await page.getByRole('menuitem', { name: 'Edit profile and capacity…' }).click();
  const dialog = page.getByRole('dialog', { name: `Mentor profile: ${mentorName}` });
  await dialog.getByRole('textbox', { name: 'Maximum mentees' }).fill(String(mentor.activeMentees));
  await dialog.getByRole('button', { name: 'Save profile' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('progressbar', { name: `${mentor.activeMentees} of ${mentor.activeMentees} mentees` }),
  ).toBeVisible();
  await screenshot(page, 'hod-mentors');

  // 2. From the dashboard's "Without a mentor" to the student's record.
  await openSection(page, 'Dashboard');
  await page.getByRole('link', { name: /^Without a mentor: / }).click();
  await expect(bodyRows(page, 'Students')).toHaveCount(waiting.total);
  await page.getByRole('link', { name: `${student.firstName} ${student.lastName}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    `${student.firstName} ${student.lastName}`,
  );
  await expect(page.getByText('No mentor yet')).toBeVisible();

  // 3. Assign: refused for capacity, then overridden with a reason.
  await page.getByRole('button', { name: 'Assign mentor' }).click();
  const assign = page.getByRole('dialog', {
    name: `Assign a mentor to ${student.firstName} ${student.lastName}`,
  });
  await assign.getByRole('combobox', { name: 'Mentor' }).click();
  await assign.getByRole('combobox', { name: 'Mentor' }).fill(mentor.lastName);
  await page.getByRole('option', { name: new RegExp(`^${mentorName} \\(`) }).click();
  await assign.getByRole('textbox', { name: 'Office notes' }).fill('New admission in the second week.');
  await assign.getByRole('button', { name: 'Assign' }).click();
  await expect(
    assign.getByText(`already has ${mentor.activeMentees} of ${mentor.activeMentees} mentees`),
  ).toBeVisible();
  await assign.getByRole('button', { name: 'Override and assign' }).click();
  await expect(assign.getByText('Say in a few words why.')).toBeVisible();
  await assign
    .getByRole('textbox', { name: 'Reason for the override' })
    .fill('Same specialization as the student; HOD approved.');
  await assign.getByRole('button', { name: 'Override and assign' }).click();
  await expect(assign).toBeHidden();

  const history = page.getByRole('table', { name: 'Mentor history' });
  await expect(history.getByRole('row').nth(1)).toContainText(mentorName);
  await expect(history.getByRole('row').nth(1)).toContainText('Active');
  await expect(history.getByRole('row').nth(1)).toContainText('New admission in the second week.');
  await screenshot(page, 'hod-student-detail');

  const rows = (
    await callAs<{ rows: { mentorId: string; status: string }[] }>(app, hod, 'assignments:history', {
      studentId: student.id,
    })
  ).rows;
  expect(rows).toEqual([expect.objectContaining({ mentorId: mentor.id, status: 'ACTIVE' })]);
  const audit = await callAs<Page<{ after: unknown }>>(app, hod, 'audit:list', {
    action: 'assignments:assign',
    pageSize: 5,
  });
  expect(JSON.stringify(audit.rows[0]!.after)).toContain('Same specialization as the student; HOD approved.');
});

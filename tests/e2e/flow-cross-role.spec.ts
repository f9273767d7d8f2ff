import type { Page } from '@playwright/test';
import { expect, screenshot, signIn, test } from './fixtures.ts';

// The whole mentoring path through the UI, one role after another on the demo college:
// the HOD assigns a mentor on the Assignments screen → the mentor records a session with action
// items → the student sees it WITHOUT the mentor's summary and gives feedback meant for the
// department office only → the mentor cannot read that feedback → the HOD can.

const SUMMARY = 'Family moved to Pune; commute is long. Suggested the college bus and a study group.';
const TOPIC = 'Settling in: commute and study routine';
const COMMENT = 'I would like more time in the sessions; they are often cut short.';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account menu/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

test('HOD assigns → mentor records → student sees no summary and gives feedback → HOD reads it', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  const demo = await app.seedDemo();
  const hod = demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!;
  const mentor = demo.accounts.find((a) => a.role === 'MENTOR')!;
  const k = app.core.db.kysely;
  const hodRow = await k
    .selectFrom('users')
    .select('departmentId')
    .where('email', '=', hod.email)
    .executeTakeFirstOrThrow();
  // A student of the HOD's department still waiting for a mentor (the demo keeps one per department).
  const waiting = await k
    .selectFrom('users as u')
    .innerJoin('student_profiles as sp', 'sp.userId', 'u.id')
    .innerJoin('user_profiles as p', 'p.userId', 'u.id')
    .select(['u.email', 'p.firstName', 'p.lastName', 'sp.rollNumber'])
    .where('u.departmentId', '=', hodRow.departmentId)
    .where('u.status', '=', 'ACTIVE')
    .where('u.id', 'not in', k.selectFrom('mentor_assignments').select('studentId'))
    .executeTakeFirstOrThrow();
  const studentName = `${waiting.firstName} ${waiting.lastName}`;
  const mentorLast = mentor.name.split(' ').at(-1)!;

  // 1. The HOD assigns the mentor on the Assignments screen.
  await app.open(page);
  await signIn(page, hod.email, demo.password);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Assignments' }).click();
  await page.getByRole('button', { name: 'Assign mentor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Assign a mentor' });
  await dialog.getByRole('combobox', { name: 'Student' }).fill(waiting.rollNumber);
  await page.getByRole('option', { name: new RegExp(waiting.rollNumber) }).click();
  await dialog.getByRole('combobox', { name: 'Mentor' }).fill(mentorLast);
  await page
    .getByRole('option', { name: new RegExp(mentorLast) })
    .first()
    .click();
  await dialog.getByRole('button', { name: 'Assign' }).click();
  // A full mentor is refused unless the office gives a reason (audited).
  const override = dialog.getByRole('textbox', { name: 'Reason for the override' });
  if (await override.isVisible().catch(() => false)) {
    await override.fill('New admission mid-term; same hostel block as the mentor’s other mentees.');
    await dialog.getByRole('button', { name: 'Override and assign' }).click();
  }
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Assignments' }).getByText(studentName).first()).toBeVisible();
  await signOut(page);

  // 2. The mentor records a session with action items for the new mentee.
  await signIn(page, mentor.email, demo.password);
  await page.getByRole('button', { name: 'Record a session' }).click();
  await page.getByRole('combobox', { name: 'Mentee' }).click();
  await page.getByRole('option', { name: new RegExp(waiting.rollNumber) }).click();
  await page.getByRole('textbox', { name: 'Topic' }).fill(TOPIC);
  await page.getByRole('textbox', { name: 'Summary' }).fill(SUMMARY);
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.keyboard.type('Apply for the college bus pass');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Join the Thursday study group');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TOPIC })).toBeVisible();
  const sessionUrl = page.url();
  await signOut(page);

  // 3. The student sees the session, its action items, never the summary; gives confidential feedback.
  await signIn(page, waiting.email, demo.password);
  await expect(page.getByText('Session recorded.'), 'the mentor’s messages are gone').toHaveCount(0);
  await page.goto(sessionUrl);
  await expect(page.getByRole('heading', { level: 1, name: TOPIC })).toBeVisible();
  await expect(page.getByText('Apply for the college bus pass')).toBeVisible();
  await expect(page.getByText('Join the Thursday study group')).toBeVisible();
  await expect(page.getByText(SUMMARY)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Summary' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Give feedback' }).click();
  const fb = page.getByRole('dialog', { name: 'Give feedback' });
  await fb.getByRole('radio', { name: '3' }).focus();
  await page.keyboard.press('Space');
  await fb.getByRole('textbox', { name: 'Comments (optional)' }).fill(COMMENT);
  await fb.getByRole('radio', { name: 'Department office only' }).check();
  await fb.getByRole('button', { name: 'Give feedback' }).click();
  await expect(fb).toBeHidden();
  await expect(page.getByText(COMMENT)).toBeVisible();
  await screenshot(page, 'flow-student-session');
  await signOut(page);

  // 4. The mentor cannot read feedback kept for the department office.
  await signIn(page, mentor.email, demo.password);
  await page.goto(sessionUrl);
  await expect(page.getByRole('heading', { level: 1, name: TOPIC })).toBeVisible();
  await expect(page.getByText('No feedback you can read yet.')).toBeVisible();
  await expect(page.getByText(COMMENT)).toHaveCount(0);
  await signOut(page);

  // 5. The HOD reads it, marked as confidential to the office.
  await signIn(page, hod.email, demo.password);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Feedback' }).click();
  const row = page
    .getByRole('table', { name: 'Feedback' })
    .getByRole('row', { name: new RegExp(COMMENT.slice(0, 30)) });
  await expect(row).toContainText(studentName);
  await expect(row).toContainText('Department office only');
  await screenshot(page, 'flow-hod-feedback');
});

import type { Page } from '@playwright/test';
import { expect, screenshot, signIn, test } from './fixtures.ts';

// A student on the demo college: dashboard, mentor, own sessions (never the mentor's summary),
// ticking an action item, feedback with the visibility choice in words, a goal progress note and a
// session request. Screenshots of each at 1366×768.

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

test('student: dashboard, my mentor, sessions without summary, action items, feedback, goals, request', async ({
  page,
  app,
}) => {
  test.setTimeout(150_000);
  const demo = await app.seedDemo();
  const student = demo.accounts.find((a) => a.role === 'STUDENT')!;
  // The summaries of this student's sessions: none may ever reach the student's screen.
  const summaries = await app.core.db.kysely
    .selectFrom('session_records as s')
    .innerJoin('mentor_assignments as a', 'a.id', 's.assignmentId')
    .innerJoin('users as u', 'u.id', 'a.studentId')
    .select('s.summary')
    .where('u.email', '=', student.email)
    .where('s.summary', 'is not', null)
    .execute();
  expect(summaries.length).toBeGreaterThan(0);

  await app.open(page);
  await signIn(page, student.email, demo.password);
  await expect(page).toHaveURL(/#\/student$/);
  await expect(page.getByRole('heading', { name: 'My mentor' })).toBeVisible();
  await screenshot(page, 'student-dashboard');

  await nav(page).getByRole('link', { name: 'My mentor' }).click();
  await expect(page.getByRole('heading', { name: 'Mentoring history' })).toBeVisible();
  await screenshot(page, 'student-my-mentor');

  await nav(page).getByRole('link', { name: 'My sessions' }).click();
  await page.getByRole('tab', { name: 'Completed' }).click();
  const table = page.getByRole('table', { name: 'Sessions' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(table.getByRole('columnheader', { name: /summary/i })).toHaveCount(0);
  await screenshot(page, 'student-sessions');

  // A completed session with an open action item: tick it, and give feedback for the office only.
  await table
    .getByRole('row')
    .filter({ has: page.locator('.mantine-Badge-root', { hasText: /^\d+$/ }) })
    .first()
    .dblclick();
  await expect(page.getByRole('heading', { name: 'Action items' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Summary' })).toHaveCount(0);
  for (const s of summaries) await expect(page.getByText(s.summary!, { exact: false })).toHaveCount(0);
  const open = page.getByRole('checkbox', { checked: false }).first();
  const label = (await open.getAttribute('aria-label'))!;
  await open.click();
  await expect(page.getByRole('checkbox', { name: label })).toBeChecked();

  await screenshot(page, 'student-session-detail');

  // Feedback on a completed session, for the department office only (the mentor must not read it).
  await nav(page).getByRole('link', { name: 'Feedback' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting for your feedback' })).toBeVisible();
  await page.getByRole('button', { name: 'Give feedback' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Give feedback' });
  await dialog.getByRole('button', { name: 'Give feedback' }).click();
  await expect(dialog.getByText('Choose a rating from 1 to 5.')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Department office only' }).check();
  await expect(dialog.getByText('your mentor will not see it', { exact: false })).toBeVisible();
  // The stars are radio buttons: reachable and chosen from the keyboard.
  await dialog.getByRole('radio', { name: '4' }).focus();
  await page.keyboard.press('Space');
  await expect(dialog.getByText('Choose a rating from 1 to 5.')).toBeHidden();
  await dialog
    .getByRole('textbox', { name: 'Comments (optional)' })
    .fill('The lab in-charge was not available twice.');
  await screenshot(page, 'student-feedback-form');
  await dialog.getByRole('button', { name: 'Give feedback' }).click();
  await expect(dialog).toBeHidden();
  const given = page
    .getByRole('table', { name: 'Feedback' })
    .getByRole('row', { name: /The lab in-charge was not available twice/ });
  await expect(given).toContainText('Department office only');
  // The list fits under the waiting card (which loads after it): its pagination stays on screen.
  await expect(page.getByRole('button', { name: 'next page' })).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'student-feedback');

  await nav(page).getByRole('link', { name: 'Action items' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Action items' })).toBeVisible();
  await screenshot(page, 'student-action-items');

  await nav(page).getByRole('link', { name: 'Goals' }).click();
  await page.getByRole('button', { name: 'New goal' }).click();
  const goalForm = page.getByRole('dialog', { name: 'New goal' });
  await goalForm
    .getByRole('textbox', { name: 'Goal' })
    .fill('Read two chapters of Operating Systems each week');
  await goalForm.getByRole('textbox', { name: 'Target date' }).fill('31/12/2026');
  await page.keyboard.press('Tab');
  await goalForm.getByRole('button', { name: 'Set goal' }).click();
  // The new goal opens straight away, ready for its first progress note.
  await expect(
    page.getByRole('heading', { name: 'Read two chapters of Operating Systems each week' }),
  ).toBeVisible();
  await page.getByRole('textbox', { name: 'What happened' }).fill('Finished two more chapters this week.');
  await page.getByRole('textbox', { name: 'Progress in per cent' }).fill('80');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('Finished two more chapters this week.')).toBeVisible();
  await screenshot(page, 'student-goal');
  await page.keyboard.press('Escape');

  await nav(page).getByRole('link', { name: 'My sessions' }).click();
  await page.getByRole('button', { name: 'Request a session' }).click();
  const request = page.getByRole('dialog', { name: 'Request a session' });
  await request
    .getByRole('textbox', { name: 'What you would like to talk about' })
    .fill('Choosing electives for next semester');
  await screenshot(page, 'student-request');
  await request.getByRole('button', { name: 'Send request' }).click();
  await expect(request).toBeHidden();
  await expect(
    page.getByRole('table', { name: 'Sessions' }).getByText('Choosing electives for next semester'),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sessions' }).getByText('Requested')).toBeVisible();
});

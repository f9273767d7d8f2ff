import type { Page } from '@playwright/test';
import { expect, screenshot, signIn, test } from './fixtures.ts';

// A mentor's working day on the demo college (dated today): dashboard, mentees, one mentee, the
// session form with action items, the session it saved, calendar, requests, goals, feedback,
// notifications, search and the Sync screen. Screenshots of each at 1366×768.

const nav = (page: Page) => page.getByRole('navigation', { name: 'Sections' });

test('mentor: dashboard, mentees, record a session with action items, calendar, goals, search', async ({
  page,
  app,
}) => {
  test.setTimeout(150_000);
  const demo = await app.seedDemo();
  const mentor = demo.accounts.find((a) => a.role === 'MENTOR')!;
  await app.open(page);
  await signIn(page, mentor.email, demo.password);

  // "/" opens the mentor's own dashboard.
  await expect(page).toHaveURL(/#\/mentor$/);
  await expect(
    page.getByRole('heading', { level: 1, name: /^Good (morning|afternoon|evening), / }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'My mentees' }).getByRole('row').nth(1)).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Home' })).toHaveCount(0);
  await screenshot(page, 'mentor-dashboard');

  await nav(page).getByRole('link', { name: 'My mentees' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My mentees' })).toBeVisible();
  // An active mentee (a paused assignment takes no new sessions).
  const firstMentee = page
    .getByRole('table', { name: 'My mentees' })
    .getByRole('row')
    .filter({ hasNot: page.getByText('Paused') })
    .nth(1);
  await expect(firstMentee).toBeVisible();
  await screenshot(page, 'mentor-mentees');
  await firstMentee.dblclick();
  await expect(page.getByRole('tab', { name: 'Sessions' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sessions' }).getByRole('row').nth(1)).toBeVisible();
  const menteeName = (await page.getByRole('heading', { level: 1 }).textContent())!;
  await screenshot(page, 'mentor-mentee');

  // Record a session for this mentee, keyboard first.
  await page.getByRole('button', { name: 'Record a session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a session' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Mentee' })).toHaveValue(new RegExp(menteeName));
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByText('Enter a topic.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Topic' }).fill('Internal assessment marks and lab attendance');
  await page
    .getByRole('textbox', { name: 'Summary' })
    .fill('Marks in DBMS are low; agreed on a weekly plan.');
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.keyboard.type('Meet the DBMS lab in-charge');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Submit the two pending lab records');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Share the weekly study plan');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('textbox', { name: 'Action item 2', exact: true })).toHaveValue(
    'Share the weekly study plan',
  );
  await page.getByRole('button', { name: 'Remove action item 3' }).click();
  await screenshot(page, 'mentor-session-form');
  await page.keyboard.press('Control+Enter');

  await expect(
    page.getByRole('heading', { level: 1, name: 'Internal assessment marks and lab attendance' }),
  ).toBeVisible();
  await expect(page.getByText('Marks in DBMS are low; agreed on a weekly plan.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Meet the DBMS lab in-charge: done' })).not.toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Submit the two pending lab records: done' })).toHaveCount(
    0,
  );
  await page.getByRole('checkbox', { name: 'Share the weekly study plan: done' }).check();
  await expect(page.getByRole('checkbox', { name: 'Share the weekly study plan: done' })).toBeChecked();
  await screenshot(page, 'mentor-session-detail');

  await nav(page).getByRole('link', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  // The session just recorded, on this week's calendar under its mentee's name. The form dates it
  // at the half hour after an hour ago: in a Monday's first half hour (UTC), that is last week.
  const now = new Date();
  if (now.getUTCDay() === 1 && now.getUTCHours() === 0 && now.getUTCMinutes() < 30)
    await page.getByRole('button', { name: 'Previous week' }).click();
  await expect(
    page.getByRole('link', { name: `${menteeName}: Internal assessment marks and lab attendance` }),
  ).toBeVisible();
  await screenshot(page, 'mentor-calendar-week');
  await page.getByText('Month', { exact: true }).click();
  await expect(
    page.getByText(
      /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}$/,
    ),
  ).toBeVisible();
  await screenshot(page, 'mentor-calendar-month');

  await nav(page).getByRole('link', { name: 'Goals' }).click();
  await expect(page.getByRole('table', { name: 'Goals' }).getByRole('row').nth(1)).toBeVisible();
  // A goal title cut off with an ellipsis shows in full on hover.
  const goalCells = page.getByRole('table', { name: 'Goals' }).locator('tbody td:first-child');
  const cut = await goalCells.evaluateAll((tds) =>
    tds.findIndex((td) => [...td.querySelectorAll('*')].some((el) => el.scrollWidth > el.clientWidth)),
  );
  expect(cut).toBeGreaterThanOrEqual(0);
  await goalCells.nth(cut).hover();
  await expect(goalCells.nth(cut)).toHaveAttribute('title', /\S{3,}.*\n/);
  await page.getByRole('table', { name: 'Goals' }).getByRole('row').nth(1).dblclick();
  await expect(page.getByRole('heading', { name: 'Progress notes' })).toBeVisible();
  await screenshot(page, 'mentor-goal');
  await page.keyboard.press('Escape');

  await nav(page).getByRole('link', { name: 'Feedback' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Feedback' })).toBeVisible();
  await screenshot(page, 'mentor-feedback');

  await nav(page).getByRole('link', { name: 'Action items' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Action items' })).toBeVisible();
  await screenshot(page, 'mentor-action-items');

  await page.getByRole('button', { name: /^Notifications/ }).click();
  await expect(page.getByRole('link', { name: 'See all notifications' })).toBeVisible();
  await screenshot(page, 'notifications-bell');
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+k');
  const search = page.getByRole('textbox', { name: 'Search students and mentors' });
  await search.fill(menteeName.split(' ')[0]!);
  await expect(
    page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first(),
  ).toBeVisible();
  await screenshot(page, 'search');
  await search.press('Enter');
  await expect(page.getByRole('tab', { name: 'Sessions' })).toBeVisible();

  await page.getByRole('link', { name: /^Sync: standalone/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await screenshot(page, 'sync-standalone');
});

test('mentor: confirms a student’s request and records a planned session whose time has passed', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const demo = await app.seedDemo();
  const mentor = demo.accounts.find((a) => a.role === 'MENTOR')!;
  const student = demo.accounts.find((a) => a.role === 'STUDENT')!;
  // The student asks for a meeting (straight through the core, as the student).
  const s = app.core.openSession();
  await app.core.dispatch('auth:login', { email: student.email, password: demo.password }, s);
  const tomorrow = new Date(Date.now() + 86_400_000);
  tomorrow.setUTCHours(10, 0, 0, 0);
  const asked = await app.core.dispatch(
    'sessions:request',
    { sessionDate: tomorrow.toISOString(), mode: 'ONLINE', topic: 'Help with the DBMS mini project' },
    s,
  );
  expect(asked.ok).toBe(true);

  await app.open(page);
  await signIn(page, mentor.email, demo.password);
  // The bell follows the core's 'notifications:changed' event, not a reload (its poll is a minute).
  const bell = page.getByRole('button', { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName(/unread/);
  const before = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label'))!)![1]);
  const again = await app.core.dispatch(
    'sessions:request',
    {
      sessionDate: new Date(tomorrow.getTime() + 3_600_000).toISOString(),
      mode: 'PHONE',
      topic: 'Scholarship form',
    },
    s,
  );
  expect(again.ok).toBe(true);
  await expect(bell).toHaveAccessibleName(`Notifications: ${before + 1} unread`);

  await nav(page).getByRole('link', { name: 'Requests and pending' }).click();
  const requests = page.getByRole('table', { name: 'Session requests' });
  const request = requests.getByRole('row', { name: /Help with the DBMS mini project/ });
  await expect(request).toBeVisible();
  await screenshot(page, 'mentor-requests');
  await request.getByRole('button', { name: 'Confirm' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm request' });
  await confirm.getByRole('textbox', { name: 'Location' }).fill('Google Meet link sent by email');
  await confirm.getByRole('button', { name: 'Confirm session' }).click();
  await expect(confirm).toBeHidden();
  await expect(request).toBeHidden();

  const pending = page.getByRole('table', { name: 'Sessions not recorded' });
  const first = pending.getByRole('row').nth(1);
  const topic = (await first.getByRole('cell').nth(2).textContent())!;
  await first.getByRole('button', { name: 'Record' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record this session' })).toBeVisible();
  await page.getByText('Did not come').click();
  await page.getByRole('textbox', { name: 'Summary' }).fill('The student did not come; called the parent.');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: topic })).toBeVisible();
  await expect(page.getByText('Absent')).toBeVisible();
  await expect(page.getByText('Completed', { exact: true })).toBeVisible();
});

import type { Page } from '@playwright/test';
import type { FeedbackSummaryRow } from '../../src/shared/contract/feedback.contract.ts';
import {
  defaultRange,
  formatAverage,
  rangeInput,
  type RatingsPeriod,
} from '../../src/renderer/features/feedback/ratings-range.ts';
import { expect, screenshot, signIn, test, type AppUnderTest } from './fixtures.ts';
import { bodyRows, callAs, openSection, seedDemoHod } from './hod-support.ts';

// The Mentor ratings tab of the Feedback page (feedback:summary) on the demo college: a HOD sees
// every mentor's average per month and per semester, as the core computes it, and an empty state
// for a range without ratings; a mentor sees only its own rows.

/** What the view asks for by default (the last 12 months, or this and last semester), in UTC days (the browser runs in UTC). */
const summaryInput = (period: RatingsPeriod) => ({
  period,
  ...rangeInput(defaultRange(period, new Date().toISOString().slice(0, 10))),
});

const table = (page: Page) => page.getByRole('table', { name: 'Mentor ratings' });

/** Opens the app signed in as `who`, on one of the Feedback page's ratings tabs. */
async function openRatings(
  page: Page,
  app: AppUnderTest,
  who: { email: string; password: string },
  tab = 'Ratings by mentor',
): Promise<void> {
  await app.open(page);
  await signIn(page, who.email, who.password);
  await openSection(page, 'Feedback');
  await page.getByRole('tab', { name: tab }).click();
}

/** The first rows on screen match the call's first rows, in its order, and the row count its total. */
async function expectRows(page: Page, rows: FeedbackSummaryRow[]): Promise<void> {
  expect(rows.length).toBeGreaterThan(0);
  await expect(table(page)).toHaveAttribute('aria-rowcount', String(rows.length + 1));
  for (const [i, r] of rows.slice(0, 3).entries()) {
    const cells = bodyRows(page, 'Mentor ratings').nth(i).getByRole('cell');
    await expect(cells.nth(0)).toHaveText(r.mentorName);
    await expect(cells.nth(1)).toHaveText(r.label);
    await expect(cells.nth(2)).toHaveText(String(r.count));
    await expect(cells.nth(3)).toHaveText(formatAverage(r.average));
  }
}

test('HOD: mentor ratings per month and per semester, and an empty range', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  const months = await callAs<{ rows: FeedbackSummaryRow[] }>(
    app,
    hod,
    'feedback:summary',
    summaryInput('month'),
  );
  const semesters = await callAs<{ rows: FeedbackSummaryRow[] }>(
    app,
    hod,
    'feedback:summary',
    summaryInput('semester'),
  );
  await openRatings(page, app, hod);
  await expect(page).toHaveURL(/view=ratings/);
  await expectRows(page, months.rows);
  // A department office sees one department: no department filter.
  await expect(page.getByRole('combobox', { name: 'Department' })).toHaveCount(0);
  await screenshot(page, 'hod-mentor-ratings');

  // By keyboard: the period switch is a radio group, moved with the arrow keys.
  await page.getByRole('radio', { name: 'Month' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Semester' })).toBeChecked();
  await expect(page).toHaveURL(/period=semester/);
  await expectRows(page, semesters.rows);
  await screenshot(page, 'hod-mentor-ratings-semester');

  // The search narrows to one mentor, client-side.
  const one = semesters.rows[0]!;
  await page.getByRole('textbox', { name: 'Mentor' }).fill(one.mentorName);
  await expect(bodyRows(page, 'Mentor ratings')).toHaveCount(
    semesters.rows.filter((r) => r.mentorName.includes(one.mentorName)).length,
  );
  // Kept in the address with the other filters.
  await expect(page).toHaveURL(/mentor=/);
  await page.getByRole('textbox', { name: 'Mentor' }).fill('');

  // Dates typed as an office user writes them; years before the demo college has any session.
  await page.getByRole('textbox', { name: 'From', exact: true }).fill('01/01/2015');
  await page.getByRole('textbox', { name: 'To', exact: true }).fill('31/01/2015');
  await page.getByRole('textbox', { name: 'To', exact: true }).press('Tab');
  await expect(page.getByText('No ratings in this period')).toBeVisible();
  await expect(page).toHaveURL(/from=2015-01-01/);
  await expect(page).toHaveURL(/to=2015-01-31/);
  await screenshot(page, 'hod-mentor-ratings-empty');
  // "To" before "From": said, and nothing asked of the core.
  await page.getByRole('textbox', { name: 'From', exact: true }).fill('01/02/2015');
  await expect(page.getByText('Check the dates')).toBeVisible();
  // The marked field says why to a screen reader too.
  await expect(page.getByRole('textbox', { name: 'To', exact: true })).toHaveAccessibleDescription(
    /“To” is before “From”/,
  );
  await screenshot(page, 'hod-mentor-ratings-dates-out-of-order');

  // Back to the default range: the same rows as before.
  await page.getByRole('button', { name: 'This and last semester' }).click();
  await expectRows(page, semesters.rows);
});

test('mentor: sees only its own ratings', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const mentors = demo.accounts.filter((a) => a.role === 'MENTOR');
  const login = { email: mentors[0]!.email, password: demo.password };
  const own = await callAs<{ rows: FeedbackSummaryRow[] }>(
    app,
    login,
    'feedback:summary',
    summaryInput('month'),
  );
  const names = new Set(own.rows.map((r) => r.mentorName));
  expect(names.size).toBe(1);
  const [name] = [...names];

  await openRatings(page, app, login, 'My ratings');
  await expectRows(page, own.rows);
  const shown = await bodyRows(page, 'Mentor ratings').locator('td:first-child').allTextContents();
  expect(new Set(shown)).toEqual(new Set([name]));
  // Nothing to search or choose among: a mentor's rows are its own.
  await expect(page.getByRole('textbox', { name: 'Mentor' })).toHaveCount(0);
  await screenshot(page, 'mentor-my-ratings');
  await page.getByRole('tab', { name: 'All feedback' }).click();
  await expect(bodyRows(page, 'Feedback').first()).toBeVisible();
  // The waiting card loads above the list after the table has measured where it starts: the table
  // refits, so its pagination stays on screen at 1366×768 (it was cut off under a fixed height).
  await expect(page.getByText('Waiting for your feedback')).toBeVisible();
  await expect(page.getByRole('button', { name: 'next page' })).toBeInViewport({ ratio: 1 });
  await screenshot(page, 'mentor-feedback-all');
});

test('institution admin: chooses a department', async ({ page, app }) => {
  const demo = await app.seedDemo();
  const dean = {
    email: demo.accounts.find((a) => a.role === 'INSTITUTION_ADMIN')!.email,
    password: demo.password,
  };
  const departments = await callAs<{ rows: { id: string; name: string; code: string }[] }>(
    app,
    dean,
    'departments:list',
    { pageSize: 200 },
  );
  const cse = departments.rows.find((d) => d.code === 'CSE')!;
  const all = await callAs<{ rows: FeedbackSummaryRow[] }>(
    app,
    dean,
    'feedback:summary',
    summaryInput('month'),
  );
  const one = await callAs<{ rows: FeedbackSummaryRow[] }>(app, dean, 'feedback:summary', {
    ...summaryInput('month'),
    departmentId: cse.id,
  });
  expect(one.rows.length).toBeLessThan(all.rows.length);

  await openRatings(page, app, dean);
  await expectRows(page, all.rows);
  await page.getByRole('combobox', { name: 'Department' }).click();
  await page.getByRole('option', { name: `${cse.name} (${cse.code})` }).click();
  await expect(page).toHaveURL(/department=/);
  await expectRows(page, one.rows);
  await screenshot(page, 'dean-mentor-ratings');
});

/** To the ratings tab, which unmounts the All feedback list, and back. */
async function tripToRatings(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Ratings by mentor' }).click();
  await expect(table(page)).toBeVisible();
  await page.getByRole('tab', { name: 'All feedback' }).click();
}

test('HOD: the All feedback filter survives a trip to the ratings tab', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  const list = (type?: string) =>
    callAs<{ rows: { giverName: string }[]; total: number }>(app, hod, 'feedback:list', {
      type,
      sort: 'createdAt',
      dir: 'desc',
    });
  const [all, mentors] = [await list(), await list('MENTOR_TO_STUDENT')];
  expect(mentors.total).toBeGreaterThan(0);
  expect(mentors.total).toBeLessThan(all.total);
  const direction = page.getByRole('combobox', { name: 'Direction' });
  const range = page.getByText(/^\d+–\d+ of \d+$/);
  const expectFiltered = async (): Promise<void> => {
    await expect(direction).toHaveValue('Mentors about students');
    await expect(range).toHaveText(new RegExp(` of ${mentors.total}$`));
    await expect(bodyRows(page, 'Feedback').first()).toContainText(mentors.rows[0]!.giverName);
  };

  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Feedback');
  await expect(range).toHaveText(new RegExp(` of ${all.total}$`));
  await direction.click();
  await page.getByRole('option', { name: 'Mentors about students' }).click();
  await expectFiltered();
  await tripToRatings(page);
  await expectFiltered();
  await screenshot(page, 'hod-feedback-filtered');
});

test('HOD: the All feedback sort and page survive a trip to the ratings tab', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  // Rating is a number: its first click sorts the best first.
  const best = await callAs<{ rows: { giverName: string; recipientName: string }[]; total: number }>(
    app,
    hod,
    'feedback:list',
    { sort: 'rating', dir: 'desc', page: 2 },
  );
  expect(best.total).toBeGreaterThan(100);
  const rating = page.getByRole('columnheader', { name: 'Rating' });
  const range = page.getByText(/^\d+–\d+ of \d+$/);
  const expectSecondBestPage = async (): Promise<void> => {
    await expect(rating).toHaveAttribute('aria-sort', 'descending');
    await expect(range).toHaveText(`51–100 of ${best.total}`);
    const first = bodyRows(page, 'Feedback').first();
    await expect(first).toContainText(best.rows[0]!.giverName);
    await expect(first).toContainText(best.rows[0]!.recipientName);
  };

  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Feedback');
  await expect(range).toHaveText(`1–50 of ${best.total}`);
  await rating.getByRole('button').click();
  await expect(rating).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('button', { name: 'next page' }).click();
  await expectSecondBestPage();
  await tripToRatings(page);
  // It used to come back newest first, on page 1.
  await expectSecondBestPage();
  await expect(page).toHaveURL(/sort=rating&dir=desc&page=2/);
  // A new filter starts again at page 1, in the address too, and keeps the sort.
  await page.getByRole('combobox', { name: 'Direction' }).click();
  await page.getByRole('option', { name: 'Students about mentors' }).click();
  await expect(range).toHaveText(/^1–50 of /);
  await expect(page).not.toHaveURL(/page=/);
  await expect(rating).toHaveAttribute('aria-sort', 'descending');
});

test('HOD: two dates changed in one moment are both kept in the address', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  await openRatings(page, app, hod);
  await expect(table(page)).toBeVisible();
  // Both fields take their text in one task, before the page renders again: what a busy machine
  // does when "To" is typed right after "From". The second change used to start from the address
  // as it was before the first, and undo it.
  await page.evaluate(() => {
    const type = (label: string, text: string): void => {
      const field = [...document.querySelectorAll('label')]
        .find((l) => l.textContent?.trim() === label)!
        .closest('.mantine-InputWrapper-root')!
        .querySelector('input')!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, text);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    };
    type('From', '01/01/2015');
    type('To', '31/01/2015');
  });
  await expect(page).toHaveURL(/from=2015-01-01/);
  await expect(page).toHaveURL(/to=2015-01-31/);
  await expect(page.getByText('No ratings in this period')).toBeVisible();
});

test('HOD: the ratings sort survives a trip to All feedback', async ({ page, app }) => {
  const { hod } = await seedDemoHod(app);
  const { rows } = await callAs<{ rows: FeedbackSummaryRow[] }>(
    app,
    hod,
    'feedback:summary',
    summaryInput('month'),
  );
  const best = formatAverage(Math.max(...rows.map((r) => r.average)));
  await openRatings(page, app, hod);
  const average = page.getByRole('columnheader', { name: 'Average' });
  const expectBestFirst = async (): Promise<void> => {
    await expect(average).toHaveAttribute('aria-sort', 'descending');
    await expect(bodyRows(page, 'Mentor ratings').first().getByRole('cell').nth(3)).toHaveText(best);
  };
  await expect(table(page)).toBeVisible();
  // A number column sorts the best first on its first click.
  await average.getByRole('button').click();
  await expectBestFirst();
  await expect(page).toHaveURL(/rsort=average%3Adesc/);
  await page.getByRole('tab', { name: 'All feedback' }).click();
  await expect(bodyRows(page, 'Feedback').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Ratings by mentor' }).click();
  // It used to come back unsorted.
  await expectBestFirst();
});

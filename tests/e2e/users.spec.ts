import { ADMIN, expect, screenshot, signIn, test } from './fixtures.ts';

// The users list is the first DataTable on a real list call: server-side paging, sorting and
// filtering, virtualised rows, keyboard navigation, empty state.

const MENTORS = 60;
const pad = (n: number): string => String(n).padStart(2, '0');

test.beforeEach(async ({ app }) => {
  await app.seedAdmin();
  await app.asAdmin(async (dispatch, { departmentId }) => {
    for (let i = 1; i <= MENTORS; i += 1) {
      await dispatch('users:create', {
        email: `mentor${pad(i)}@riverside.edu`,
        firstName: `Mentor${pad(i)}`,
        lastName: i % 2 ? 'Iyer' : 'Khan',
        role: 'MENTOR',
        departmentId,
      });
    }
  });
});

test('users list pages, sorts, filters and is keyboard navigable', async ({ page, app }) => {
  await app.open(page);
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).click();
  const table = page.getByRole('table', { name: 'Users' });
  const range = page.getByText(/of 61$/);
  await expect(range).toHaveText('1–50 of 61');
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await screenshot(page, 'users');

  // The table fits the window, and refits when content above it loads or goes away (as a waiting
  // card does on the Feedback page): its pagination ends at the same place after both.
  const next = page.getByRole('button', { name: 'next page' });
  const bottom = async (): Promise<number> => {
    const box = await next.boundingBox();
    return Math.round(box!.y + box!.height);
  };
  const fitted = await bottom();
  expect(fitted).toBeGreaterThan(700);
  expect(fitted).toBeLessThanOrEqual(768);
  await page.evaluate(() => {
    const paper = document.querySelector('table[aria-label="Users"]')!.closest('.mantine-Paper-root')!;
    const card = document.createElement('div');
    card.id = 'probe-card';
    card.style.height = '120px';
    paper.before(card);
  });
  await expect.poll(bottom).toBe(fitted);
  await page.evaluate(() => document.getElementById('probe-card')!.remove());
  await expect.poll(bottom).toBe(fitted);

  // Server-side sort by email, descending on the second click.
  const emailHeader = table.getByRole('columnheader', { name: 'Email' });
  await emailHeader.getByRole('button').click();
  await expect(emailHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText(ADMIN.email);
  await emailHeader.getByRole('button').click();
  await expect(emailHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('mentor60@riverside.edu');

  // Server-side paging.
  await page.getByRole('button', { name: 'next page' }).click();
  await expect(range).toHaveText('51–61 of 61');
  await expect(table.getByRole('row').nth(1)).toContainText('mentor10@riverside.edu');

  // Keyboard: rows take focus, arrows and End move it.
  await table.getByRole('row').nth(1).focus();
  await page.keyboard.press('ArrowDown');
  await expect(table.getByRole('row').nth(2)).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('tbody tr:focus')).toContainText(ADMIN.email);

  // Filters go back to page 1 and narrow the rows on the server.
  await page.getByRole('textbox', { name: 'Search' }).fill('Mentor07');
  await expect(page.getByText('1–1 of 1')).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText('mentor07@riverside.edu');
  await page.getByRole('textbox', { name: 'Search' }).fill('');
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Invited' }).click();
  await expect(page.getByText('1–50 of 60')).toBeVisible();

  await page.getByRole('textbox', { name: 'Search' }).fill('nobody-by-this-name');
  await expect(page.getByText('No users match')).toBeVisible();
});

import { expect, screenshot, signIn, test } from './fixtures.ts';

// The promise of synced mode, end to end: a mentor whose laptop loses the central database keeps
// working; the session is saved on the laptop and queued (the badge says so); when central is
// back the loop sends it on its own and the badge returns to "Synced" with nothing pending.

const TOPIC = 'Hostel move and study timetable';

test('offline: a session recorded without central is queued, then synced when central is back', async ({
  page,
  laptop,
}) => {
  test.setTimeout(120_000);
  await laptop.open(page);
  await signIn(page, laptop.mentor.email, laptop.mentor.password);
  await expect(page).toHaveURL(/#\/mentor$/);
  const badge = page.getByRole('link', { name: /^Sync:/ });
  await expect(badge).toHaveAccessibleName(/^Sync: Synced\./, { timeout: 20_000 });

  await laptop.centralDown();

  await page.getByRole('button', { name: 'Record a session' }).click();
  await page.getByRole('combobox', { name: 'Mentee' }).click();
  await page.getByRole('option', { name: new RegExp(laptop.student.name) }).click();
  await page.getByRole('textbox', { name: 'Topic' }).fill(TOPIC);
  await page.getByRole('textbox', { name: 'Summary' }).fill('Moving to the new hostel block next week.');
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.keyboard.type('Send the new room number to the office');
  await page.getByRole('button', { name: 'Save session' }).click();

  // Saved locally at once; the toast says where it is.
  await expect(page.getByRole('heading', { level: 1, name: TOPIC })).toBeVisible();
  await expect(
    page.getByText('Saved on this computer; it goes to the central database with the next sync.', {
      exact: false,
    }),
  ).toBeVisible();
  await expect(badge).toHaveAccessibleName(/^Sync: Offline, 1 pending/, { timeout: 20_000 });
  const onCentral = () =>
    laptop.central.kysely
      .selectFrom('session_records')
      .select(['id', 'summary'])
      .where('topic', '=', TOPIC)
      .execute();
  expect(await onCentral(), 'nothing reached central while it was down').toEqual([]);
  await screenshot(page, 'offline-session-saved');

  await badge.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync' })).toBeVisible();
  await expect(page.getByText(`Recorded a session: ${TOPIC}`)).toBeVisible();
  await expect(page.getByText('Waiting to send')).toBeVisible();
  await expect(
    page.getByText('The central database cannot be reached', { exact: false }).first(),
  ).toBeVisible();
  await screenshot(page, 'offline-sync-screen');

  await laptop.centralUp();
  // No button press: the loop retries on its own and the badge follows its events.
  await expect(badge).toHaveAccessibleName(/^Sync: Synced\./, { timeout: 45_000 });
  await expect(page.getByText(`Recorded a session: ${TOPIC}`)).toBeHidden();
  expect(await onCentral()).toEqual([
    { id: expect.any(String), summary: 'Moving to the new hostel block next week.' },
  ]);
  await page.getByRole('tab', { name: 'Sent' }).click();
  await expect(page.getByText(`Recorded a session: ${TOPIC}`)).toBeVisible();
  await screenshot(page, 'offline-synced');
});

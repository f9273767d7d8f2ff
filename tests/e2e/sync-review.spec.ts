import { sql } from 'kysely';
import { expect, screenshot, signIn, test } from './fixtures.ts';

// SYNC.md: "A replay the rules reject is kept as REJECTED with its reason ... the user sees the
// rejected mutation, with its original input, on the Sync screen to redo or discard." Here the
// office ends the mentor's assignment on central while the laptop is offline; the session the
// mentor records meanwhile is refused when central is back, shown for review, and discarded.

const TOPIC = 'Exam anxiety and sleep';

test('sync review: a change central refuses is shown with its reason, and can be discarded', async ({
  page,
  laptop,
}) => {
  test.setTimeout(120_000);
  await laptop.open(page);
  await signIn(page, laptop.mentor.email, laptop.mentor.password);
  const badge = page.getByRole('link', { name: /^Sync:/ });
  await expect(badge).toHaveAccessibleName(/^Sync: Synced\./, { timeout: 20_000 });

  await laptop.centralDown();
  await page.getByRole('button', { name: 'Record a session' }).click();
  await page.getByRole('combobox', { name: 'Mentee' }).click();
  await page.getByRole('option', { name: new RegExp(laptop.student.name) }).click();
  await page.getByRole('textbox', { name: 'Topic' }).fill(TOPIC);
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TOPIC })).toBeVisible();
  await expect(badge).toHaveAccessibleName(/^Sync: Offline, 1 pending/, { timeout: 20_000 });

  // Meanwhile the office ends the assignment on central (another tool; the triggers log it).
  await sql`update mentor_assignments set status = 'ENDED', endedAt = ${new Date().toISOString()}, updatedAt = ${new Date().toISOString()} where mentorId = ${laptop.mentor.id}`.execute(
    laptop.central.kysely,
  );
  await laptop.centralUp();

  await expect(badge).toHaveAccessibleName(/^Sync: Synced, 1 to review\./, { timeout: 45_000 });
  await badge.click();
  const entry = page.getByText(`Recorded a session: ${TOPIC}`);
  await expect(entry).toBeVisible();
  await expect(page.getByText('Refused by central')).toBeVisible();
  await expect(page.getByText(/assignment/i).first()).toBeVisible();
  await screenshot(page, 'sync-rejected');
  const centralRows = await laptop.central.kysely
    .selectFrom('session_records')
    .select('id')
    .where('topic', '=', TOPIC)
    .execute();
  expect(centralRows, 'the refused session is not on central').toEqual([]);

  await page.getByRole('button', { name: 'Discard' }).click();
  const confirm = page.getByRole('dialog', { name: 'Discard this change?' });
  await expect(confirm).toContainText('cannot be undone');
  await confirm.getByRole('button', { name: 'Discard change' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('Nothing needs your attention')).toBeVisible();
  await page.getByRole('tab', { name: 'Discarded' }).click();
  await expect(entry).toBeVisible();
  await expect(badge).toHaveAccessibleName(/^Sync: Synced\./);
  await screenshot(page, 'sync-discarded');
});

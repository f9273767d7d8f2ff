import type { NotificationType } from '../../shared/domain/enums.ts';
import type { ServiceContext } from '../context.ts';
import { officeDb } from '../db/office.tables.ts';
import { istDay, istDayStart } from '../reports/format.ts';
import { col, isIn, TRUE, userIdsInScope } from '../scope/index.ts';
import { clipTitle } from './notify.ts';
import { reminderId } from './reminders.ts';

// The daily digest pass (issue 12 item 6). Everything held back for a user before today (IST
// midnight) becomes ONE notification. Idempotent: the digest's id derives from (user, day), and the
// items it carries are marked with it, so a second run finds nothing to gather and a concurrent run
// elsewhere inserts the same id, which is skipped. Items that arrive for a day already digested
// (late sync) go into the next day's digest.

/** When a digest holds several types, it takes the most pressing one (the inbox filters by type). */
const URGENCY: NotificationType[] = ['ALERT', 'SESSION_REMINDER', 'GOAL_DUE', 'ASSIGNMENT', 'FEEDBACK'];

export async function runDigest(ctx: ServiceContext): Promise<number> {
  const today = istDay(ctx.now);
  const cutoff = istDayStart(today);
  const odb = officeDb(ctx.db);
  const items = await odb
    .selectFrom('notification_digest_items as d')
    .select(['d.id', 'd.userId', 'd.type', 'd.title', 'd.body', 'd.payload', 'd.createdAt'])
    .where('d.digestId', 'is', null)
    .where('d.createdAt', '<', cutoff)
    .where(ctx.actor ? isIn(col('d', 'userId'), userIdsInScope(ctx.actor)) : TRUE)
    .orderBy('d.createdAt')
    .orderBy('d.id')
    .execute();
  const byUser = new Map<string, typeof items>();
  for (const it of items) byUser.set(it.userId, [...(byUser.get(it.userId) ?? []), it]);

  let created = 0;
  for (const [userId, list] of byUser) {
    const id = reminderId(`DIGEST\u0000${userId}\u0000${today}`);
    const type = URGENCY.find((t) => list.some((i) => i.type === t)) ?? list[0]!.type;
    const body = list.map((i) => `• ${i.title}: ${i.body}`).join('\n');
    const payload = JSON.stringify({
      kind: 'DIGEST',
      day: today,
      items: list.map((i) => ({
        type: i.type,
        title: i.title,
        body: i.body,
        createdAt: i.createdAt,
        payload: i.payload === null ? null : (JSON.parse(i.payload) as unknown),
      })),
    });
    const row = {
      id,
      userId,
      type,
      title: clipTitle(`Daily digest: ${list.length} notification${list.length === 1 ? '' : 's'}`),
      body,
      payload,
      readAt: null,
      createdAt: ctx.now,
    };
    const q = ctx.db.insertInto('notifications').values(row);
    const r =
      ctx.dialect === 'sqlite'
        ? await q.onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst()
        : await q.ignore().executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0n) > 0) {
      created++;
      ctx.publish({ type: 'notifications:changed', userId });
    }
    const ids = list.map((i) => i.id);
    for (let i = 0; i < ids.length; i += 500) {
      await odb
        .updateTable('notification_digest_items')
        .set({ digestId: id })
        .where('id', 'in', ids.slice(i, i + 500))
        .where('digestId', 'is', null)
        .execute();
    }
  }
  return created;
}

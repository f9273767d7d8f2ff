import type { NotificationType } from '../../shared/domain/enums.ts';
import type { ServiceContext } from '../context.ts';
import { bulkInsert } from '../db/bulk-insert.ts';
import { officeDb } from '../db/office.tables.ts';

// Where a notification goes (issue 12 item 6): straight to the inbox, or, when its recipient chose
// the daily digest for its type, to notification_digest_items until the digest pass gathers them.
// No preference row = IMMEDIATE, so nothing changes for anyone who never opened the settings.

export interface NotificationInsert {
  id: string;
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  payload: string | null;
  createdAt: string;
}

export const prefId = (userId: string, type: NotificationType): string => `${userId}:${type}`;

/** Of these (user, type) rows, the ones whose user chose DIGEST for that type. */
async function digestKeys(ctx: ServiceContext, rows: readonly NotificationInsert[]): Promise<Set<string>> {
  const ids = [...new Set(rows.map((r) => prefId(r.userId, r.type)))];
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const found = await officeDb(ctx.db)
      .selectFrom('notification_prefs')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .where('delivery', '=', 'DIGEST')
      .execute();
    for (const f of found) out.add(f.id);
  }
  return out;
}

/**
 * Inserts each row into the inbox or the digest queue. `ignoreDuplicates` (derived reminder ids)
 * skips rows whose id is already in either place. Returns the users whose inbox changed.
 */
export async function deliver(
  ctx: ServiceContext,
  rows: readonly NotificationInsert[],
  ignoreDuplicates = false,
): Promise<{ inserted: number; inboxUsers: string[] }> {
  if (rows.length === 0) return { inserted: 0, inboxUsers: [] };
  const digest = await digestKeys(ctx, rows);
  const queued = rows.filter((r) => digest.has(prefId(r.userId, r.type)));
  const immediate = rows.filter((r) => !digest.has(prefId(r.userId, r.type)));
  let inserted = 0;
  if (immediate.length) {
    const values = immediate.map((r) => ({ ...r, readAt: null }));
    if (!ignoreDuplicates) {
      // Thousands at once after a roster import's risk run: chunked multi-row statements.
      await bulkInsert(ctx.db, 'notifications', values);
      inserted += values.length;
    } else {
      const q = ctx.db.insertInto('notifications').values(values);
      const r =
        ctx.dialect === 'sqlite'
          ? await q.onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst()
          : await q.ignore().executeTakeFirst();
      inserted += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
  }
  if (queued.length) {
    const q = officeDb(ctx.db)
      .insertInto('notification_digest_items')
      .values(queued.map((r) => ({ ...r, digestId: null })));
    const r = !ignoreDuplicates
      ? await q.executeTakeFirst()
      : ctx.dialect === 'sqlite'
        ? await q.onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst()
        : await q.ignore().executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  return { inserted, inboxUsers: [...new Set(immediate.map((r) => r.userId))] };
}

/** Which of these ids already exist as a notification or a waiting digest item. */
export async function existingIds(ctx: ServiceContext, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const a = await ctx.db
    .selectFrom('notifications')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  const b = await officeDb(ctx.db)
    .selectFrom('notification_digest_items')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set([...a, ...b].map((r) => r.id));
}

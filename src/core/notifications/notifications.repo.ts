import { sql, type Kysely } from 'kysely';
import type { NotificationRow } from '../../shared/contract/notifications.contract.ts';
import type { NotificationType } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  col,
  countRows,
  inList,
  pageQuery,
  scopeNotifications,
  type Page,
  type PageInput,
} from '../scope/index.ts';

// A user's own inbox. Every query goes through scopeNotifications ("Everybody: own notifications",
// and nobody else's, admins included). Served by the seed's INDEX(userId, readAt).

export interface NotificationListFilters extends PageInput {
  sort: 'createdAt';
  unreadOnly?: boolean;
  unreadFirst?: boolean;
  type?: NotificationType;
}

function parsePayload(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const inbox = (db: Kysely<Database>, actor: Actor) =>
  db.selectFrom('notifications as n').where(scopeNotifications(actor, 'n'));

export async function listNotifications(
  db: Kysely<Database>,
  actor: Actor,
  f: NotificationListFilters,
): Promise<Page<NotificationRow>> {
  let q = inbox(db, actor);
  if (f.unreadOnly) q = q.where('n.readAt', 'is', null);
  if (f.type) q = q.where('n.type', '=', f.type);
  const total = await countRows(q);
  // Unread first regardless of the direction asked for the dates.
  const unreadFirst = sql`case when ${col('n', 'readAt')} is null then 0 else 1 end`;
  const rows = await pageQuery(
    (f.unreadFirst ? q.orderBy(unreadFirst, 'asc') : q).select([
      'n.id',
      'n.type',
      'n.title',
      'n.body',
      'n.payload',
      'n.readAt',
      'n.createdAt',
    ]),
    f,
    [col('n', 'createdAt')],
    col('n', 'id'),
  ).execute();
  return { rows: rows.map((r) => ({ ...r, payload: parsePayload(r.payload) })), total };
}

export async function unreadCount(db: Kysely<Database>, actor: Actor): Promise<number> {
  return countRows(inbox(db, actor).where('n.readAt', 'is', null).select('n.id'));
}

/** Marks the actor's own unread notifications among `ids` (others' ids are silently not touched). */
export async function markRead(
  db: Kysely<Database>,
  actor: Actor,
  ids: readonly string[] | 'all',
  now: string,
): Promise<number> {
  let q = db
    .updateTable('notifications as n')
    .set({ readAt: now })
    .where(scopeNotifications(actor, 'n'))
    .where('n.readAt', 'is', null);
  if (ids !== 'all') q = q.where(inList(col('n', 'id'), [...new Set(ids)]));
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

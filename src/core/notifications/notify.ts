import type { NotificationType } from '../../shared/domain/enums.ts';
import type { ServiceContext } from '../context.ts';
import { deliver } from './delivery.ts';

export interface NotifyInput {
  userIds: readonly string[];
  type: NotificationType;
  title: string;
  body: string;
  /** Anything JSON can hold: what the notification is about (ids the UI can open). */
  payload?: unknown;
}

const TITLE_MAX = 255;

/** Titles are VARCHAR(255); a long student name must shorten the title, not fail the caller's write. */
export function clipTitle(title: string): string {
  const t = title.trim();
  return t.length <= TITLE_MAX ? t : `${t.slice(0, TITLE_MAX - 1)}…`;
}

/**
 * Creates one notification per distinct user, inside the caller's transaction (ctx.db), so the
 * notification exists exactly when the change it announces does. Ids come from ctx.ids (a sync
 * replay reproduces them) and createdAt is the call's instant.
 */
export async function notify(ctx: ServiceContext, n: NotifyInput): Promise<void> {
  await notifyMany(ctx, [n]);
}

/**
 * Many notifications at once (a risk run over an imported roster raises thousands of alerts): the
 * same rows notify() writes, in multi-row statements, and one event per user reached.
 */
export async function notifyMany(ctx: ServiceContext, items: readonly NotifyInput[]): Promise<void> {
  const rows = items.flatMap((n) => {
    const payload = n.payload === undefined ? null : JSON.stringify(n.payload);
    return [...new Set(n.userIds.filter((u) => u.length > 0))].map((userId) => ({
      id: ctx.ids(),
      userId,
      type: n.type,
      title: clipTitle(n.title),
      body: n.body,
      payload,
      createdAt: ctx.now,
    }));
  });
  // A recipient who chose the daily digest for this type gets it in tomorrow's digest instead.
  const { inboxUsers } = await deliver(ctx, rows);
  for (const userId of inboxUsers) ctx.publish({ type: 'notifications:changed', userId });
}

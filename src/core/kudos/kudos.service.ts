import { NOTIFICATION_TYPES } from '../../shared/domain/enums.ts';
import type { kudosContract } from '../../shared/contract/kudos.contract.ts';
import type { AuthedContext } from '../context.ts';
import { officeDb } from '../db/office.tables.ts';
import { invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { notify } from '../notifications/notify.ts';
import { prefId } from '../notifications/delivery.ts';
import { personName } from '../reports/format.ts';
import { scopeKudos, scopeStudents } from '../scope/index.ts';

// Kudos (issue 12 item 6): a mentor for its current mentees, a department admin for students of
// its department. The student sees them on its dashboard and gets a FEEDBACK notification (the seed
// has no KUDOS type; the payload says kind KUDOS), delivered now or in its digest as it chose.

async function readKudos(ctx: AuthedContext, where: { id?: string; studentId?: string }) {
  let q = officeDb(ctx.db)
    .selectFrom('kudos as k')
    .innerJoin('user_profiles as s', 's.userId', 'k.studentId')
    .leftJoin('user_profiles as f', 'f.userId', 'k.fromUserId')
    .select([
      'k.id',
      'k.studentId',
      'k.fromUserId',
      'k.message',
      'k.createdAt',
      's.firstName as sFirst',
      's.lastName as sLast',
      's.title as sTitle',
      'f.firstName as fFirst',
      'f.lastName as fLast',
      'f.title as fTitle',
    ])
    .where(scopeKudos(ctx.actor, 'k'));
  if (where.id) q = q.where('k.id', '=', where.id);
  if (where.studentId) q = q.where('k.studentId', '=', where.studentId);
  else if (ctx.actor.role !== 'STUDENT') q = q.where('k.fromUserId', '=', ctx.actor.userId);
  const rows = await q.orderBy('k.createdAt', 'desc').orderBy('k.id', 'desc').limit(200).execute();
  return rows.map((r) => ({
    id: r.id,
    studentId: r.studentId,
    studentName: personName({ firstName: r.sFirst, lastName: r.sLast, title: r.sTitle }),
    fromUserId: r.fromUserId,
    fromName:
      r.fFirst && r.fLast ? personName({ firstName: r.fFirst, lastName: r.fLast, title: r.fTitle }) : null,
    message: r.message,
    createdAt: r.createdAt,
  }));
}

async function readPrefs(ctx: AuthedContext) {
  const rows = await officeDb(ctx.db)
    .selectFrom('notification_prefs')
    .select(['type', 'delivery'])
    .where('userId', '=', ctx.actor.userId)
    .execute();
  const chosen = new Map(rows.map((r) => [r.type, r.delivery]));
  return { prefs: NOTIFICATION_TYPES.map((type) => ({ type, delivery: chosen.get(type) ?? 'IMMEDIATE' })) };
}

export const kudosHandlers: HandlersFor<typeof kudosContract> = {
  'kudos:send': async (ctx, input) => {
    const student = await ctx.db
      .selectFrom('student_profiles as sp')
      .select('sp.userId')
      .where('sp.userId', '=', input.studentId)
      .where(scopeStudents(ctx.actor, 'sp'))
      .executeTakeFirst();
    if (!student) throw notFound('The student');
    const id = ctx.ids();
    await officeDb(ctx.db)
      .insertInto('kudos')
      .values({
        id,
        studentId: input.studentId,
        fromUserId: ctx.actor.userId,
        message: input.message,
        createdAt: ctx.now,
      })
      .execute();
    await ctx.audit({
      entity: 'kudos',
      entityId: id,
      after: { studentId: input.studentId, message: input.message },
    });
    const [row] = await readKudos(ctx, { id });
    await notify(ctx, {
      userIds: [input.studentId],
      type: 'FEEDBACK',
      title: `Kudos from ${row!.fromName ?? 'your mentor'}`,
      body: input.message,
      payload: { kind: 'KUDOS', kudosId: id },
    });
    return row!;
  },
  'kudos:list': async (ctx, input) => {
    if (ctx.actor.role === 'STUDENT' && input.studentId && input.studentId !== ctx.actor.userId)
      throw notFound('The student');
    return {
      rows: await readKudos(ctx, {
        studentId: input.studentId ?? (ctx.actor.role === 'STUDENT' ? ctx.actor.userId : undefined),
      }),
    };
  },
  'notifications:get-prefs': (ctx) => readPrefs(ctx),
  'notifications:set-prefs': async (ctx, input) => {
    const types = input.prefs.map((p) => p.type);
    if (new Set(types).size !== types.length) throw invalid('prefs', 'Each notification type once.');
    const before = await readPrefs(ctx);
    const odb = officeDb(ctx.db);
    for (const p of input.prefs) {
      const id = prefId(ctx.actor.userId, p.type);
      const r = await odb
        .updateTable('notification_prefs')
        .set({ delivery: p.delivery, updatedAt: ctx.now })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) {
        await odb
          .insertInto('notification_prefs')
          .values({ id, userId: ctx.actor.userId, type: p.type, delivery: p.delivery, updatedAt: ctx.now })
          .execute();
      }
    }
    const after = await readPrefs(ctx);
    await ctx.audit({ entity: 'notification_prefs', entityId: ctx.actor.userId, before, after });
    return after;
  },
};

import type { z } from 'zod';
import type { guardiansContract } from '../../shared/contract/guardians.contract.ts';
import type { AuthedContext } from '../context.ts';
import { officeDb } from '../db/office.tables.ts';
import { notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { personName } from '../reports/format.ts';
import { istDayStart } from '../reports/format.ts';
import { scopeGuardianRows, scopeStudents } from '../scope/index.ts';
import { letterHandlers } from './letters.service.ts';

// Guardian contacts and the contact log (issue 12 item 4). Who: the student's current mentors and
// admins in scope (scopeGuardianRows, the same predicate the sync pull uses); students never. A
// mentor writes for its current mentees, admins for students in scope: the read and write scopes
// are the same here, since the log is the office's record of its own calls and letters.

type Out<K extends keyof typeof guardiansContract> = z.input<(typeof guardiansContract)[K]['output']>;

/** The student, if the actor may see it and its guardian records; else "not found". */
export async function studentInScope(ctx: AuthedContext, studentId: string): Promise<void> {
  if (ctx.actor.role === 'STUDENT') throw notFound('The student');
  const row = await ctx.db
    .selectFrom('student_profiles as sp')
    .select('sp.userId')
    .where('sp.userId', '=', studentId)
    .where(scopeStudents(ctx.actor, 'sp'))
    .executeTakeFirst();
  if (!row) throw notFound('The student');
}

const contactColumns = [
  'g.id',
  'g.studentId',
  'g.name',
  'g.relation',
  'g.phone',
  'g.email',
  'g.updatedAt',
] as const;

async function readLog(ctx: AuthedContext, where: { studentId?: string; id?: string }) {
  let q = officeDb(ctx.db)
    .selectFrom('guardian_contact_log as l')
    .leftJoin('guardian_contacts as g', 'g.id', 'l.guardianId')
    .leftJoin('user_profiles as p', 'p.userId', 'l.createdById')
    .select([
      'l.id',
      'l.studentId',
      'l.guardianId',
      'g.name as guardianName',
      'l.contactedAt',
      'l.mode',
      'l.reason',
      'l.outcome',
      'l.followUpOn',
      'l.followUpDoneAt',
      'l.createdById',
      'p.firstName',
      'p.lastName',
      'p.title',
    ])
    .where(scopeGuardianRows(ctx.actor, 'l'));
  if (where.studentId) q = q.where('l.studentId', '=', where.studentId);
  if (where.id) q = q.where('l.id', '=', where.id);
  const rows = await q.orderBy('l.contactedAt', 'desc').orderBy('l.id', 'desc').execute();
  return rows.map(({ firstName, lastName, title, ...r }) => ({
    ...r,
    createdByName: firstName && lastName ? personName({ firstName, lastName, title }) : null,
  }));
}

async function oneLogEntry(ctx: AuthedContext, id: string): Promise<Out<'guardians:log-contact'>> {
  const [row] = await readLog(ctx, { id });
  if (!row) throw notFound('The contact entry');
  return row;
}

async function oneContact(ctx: AuthedContext, id: string) {
  const row = await officeDb(ctx.db)
    .selectFrom('guardian_contacts as g')
    .select(contactColumns)
    .where('g.id', '=', id)
    .where(scopeGuardianRows(ctx.actor, 'g'))
    .executeTakeFirst();
  if (!row) throw notFound('The guardian contact');
  return row;
}

export const guardiansHandlers: HandlersFor<typeof guardiansContract> = {
  ...letterHandlers,
  'guardians:list': async (ctx, input) => {
    await studentInScope(ctx, input.studentId);
    const contacts = await officeDb(ctx.db)
      .selectFrom('guardian_contacts as g')
      .select(contactColumns)
      .where('g.studentId', '=', input.studentId)
      .where(scopeGuardianRows(ctx.actor, 'g'))
      .orderBy('g.name')
      .orderBy('g.id')
      .execute();
    return { contacts, log: await readLog(ctx, { studentId: input.studentId }), canWrite: true };
  },
  'guardians:save-contact': async (ctx, input) => {
    await studentInScope(ctx, input.studentId);
    const values = { name: input.name, relation: input.relation, phone: input.phone, email: input.email };
    if (input.id) {
      const before = await oneContact(ctx, input.id);
      if (before.studentId !== input.studentId) throw notFound('The guardian contact');
      await officeDb(ctx.db)
        .updateTable('guardian_contacts')
        .set({ ...values, updatedAt: ctx.now })
        .where('id', '=', input.id)
        .execute();
      await ctx.audit({ entity: 'guardian_contacts', entityId: input.id, before, after: values });
      return oneContact(ctx, input.id);
    }
    const id = ctx.ids();
    await officeDb(ctx.db)
      .insertInto('guardian_contacts')
      .values({
        id,
        studentId: input.studentId,
        ...values,
        createdById: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .execute();
    await ctx.audit({
      entity: 'guardian_contacts',
      entityId: id,
      after: { studentId: input.studentId, ...values },
    });
    return oneContact(ctx, id);
  },
  'guardians:delete-contact': async (ctx, input) => {
    const before = await oneContact(ctx, input.id);
    await officeDb(ctx.db).deleteFrom('guardian_contacts').where('id', '=', input.id).execute();
    await ctx.audit({ entity: 'guardian_contacts', entityId: input.id, before });
    return { deleted: true };
  },
  'guardians:log-contact': async (ctx, input) => {
    await studentInScope(ctx, input.studentId);
    if (input.guardianId) {
      const g = await oneContact(ctx, input.guardianId);
      if (g.studentId !== input.studentId) throw notFound('The guardian contact');
    }
    const id = ctx.ids();
    const row = {
      id,
      studentId: input.studentId,
      guardianId: input.guardianId,
      contactedAt: input.contactedAt,
      mode: input.mode,
      reason: input.reason,
      outcome: input.outcome,
      followUpOn: input.followUpOn ? istDayStart(input.followUpOn) : null,
      followUpDoneAt: null,
      createdById: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    };
    await officeDb(ctx.db).insertInto('guardian_contact_log').values(row).execute();
    await ctx.audit({ entity: 'guardian_contact_log', entityId: id, after: row });
    return oneLogEntry(ctx, id);
  },
  'guardians:complete-follow-up': async (ctx, input) => {
    const before = await oneLogEntry(ctx, input.id);
    if (before.followUpOn === null || before.followUpDoneAt !== null) return before;
    await officeDb(ctx.db)
      .updateTable('guardian_contact_log')
      .set({ followUpDoneAt: ctx.now, updatedAt: ctx.now })
      .where('id', '=', input.id)
      .execute();
    await ctx.audit({
      entity: 'guardian_contact_log',
      entityId: input.id,
      after: { followUpDoneAt: ctx.now },
    });
    return oneLogEntry(ctx, input.id);
  },
};

import type { z } from 'zod';
import { LETTER_PLACEHOLDERS, type guardiansContract } from '../../shared/contract/guardians.contract.ts';
import type { AuthedContext } from '../context.ts';
import { officeDb } from '../db/office.tables.ts';
import { invalid, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { departmentFor } from '../risk/risk.service.ts';
import { scopeDepartmentRows } from '../scope/index.ts';
import { unknownPlaceholders } from './letter-fill.ts';
import { printLetter } from './letter-print.ts';

// Letter templates of a department (HOD-managed) and printing one for a student's guardian.

type Calls = Pick<
  typeof guardiansContract,
  'letters:templates' | 'letters:save-template' | 'letters:delete-template' | 'letters:print'
>;
type Out<K extends keyof Calls> = z.input<Calls[K]['output']>;

const columns = ['t.id', 't.departmentId', 't.name', 't.subject', 't.body', 't.updatedAt'] as const;

export async function templateInScope(ctx: AuthedContext, id: string): Promise<Out<'letters:save-template'>> {
  const row = await officeDb(ctx.db)
    .selectFrom('letter_templates as t')
    .select(columns)
    .where('t.id', '=', id)
    .where(scopeDepartmentRows(ctx.actor, 't'))
    .executeTakeFirst();
  if (!row) throw notFound('The letter template');
  return row;
}

function checkPlaceholders(subject: string, body: string): void {
  const bad = unknownPlaceholders(`${subject}\n${body}`);
  if (bad.length) {
    throw invalid(
      'body',
      `Unknown placeholder${bad.length > 1 ? 's' : ''} ${bad.map((b) => `{{${b}}}`).join(', ')}. ` +
        `Use: ${LETTER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
    );
  }
}

export const letterHandlers: HandlersFor<Calls> = {
  'letters:templates': async (ctx, input) => {
    const dept = await departmentFor(ctx, input.departmentId);
    const templates = await officeDb(ctx.db)
      .selectFrom('letter_templates as t')
      .select(columns)
      .where('t.departmentId', '=', dept.id)
      .where(scopeDepartmentRows(ctx.actor, 't'))
      .orderBy('t.name')
      .orderBy('t.id')
      .execute();
    return { templates, placeholders: [...LETTER_PLACEHOLDERS] };
  },
  'letters:save-template': async (ctx, input) => {
    checkPlaceholders(input.subject, input.body);
    const values = { name: input.name, subject: input.subject, body: input.body };
    if (input.id) {
      const before = await templateInScope(ctx, input.id);
      await officeDb(ctx.db)
        .updateTable('letter_templates')
        .set({ ...values, updatedById: ctx.actor.userId, updatedAt: ctx.now })
        .where('id', '=', input.id)
        .execute();
      await ctx.audit({ entity: 'letter_templates', entityId: input.id, before, after: values });
      return templateInScope(ctx, input.id);
    }
    const dept = await departmentFor(ctx, input.departmentId);
    const id = ctx.ids();
    await officeDb(ctx.db)
      .insertInto('letter_templates')
      .values({
        id,
        departmentId: dept.id,
        ...values,
        updatedById: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .execute();
    await ctx.audit({
      entity: 'letter_templates',
      entityId: id,
      after: { departmentId: dept.id, ...values },
    });
    return templateInScope(ctx, id);
  },
  'letters:delete-template': async (ctx, input) => {
    const before = await templateInScope(ctx, input.id);
    await officeDb(ctx.db).deleteFrom('letter_templates').where('id', '=', input.id).execute();
    await ctx.audit({ entity: 'letter_templates', entityId: input.id, before });
    return { deleted: true };
  },
  'letters:print': (ctx, input) => printLetter(ctx, input),
};

import type { z } from 'zod';
import type { AlertRowDto, alertsContract } from '../../shared/contract/alerts.contract.ts';
import { resultOf, type AuthedContext } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { isAdminRole } from '../auth/actor.ts';
import { notify } from '../notifications/notify.ts';
import { evaluateStudentRisk } from '../risk/engine.ts';
import { ENGINE_CATEGORIES } from '../risk/rules.ts';
import { scopeStudents } from '../scope/index.ts';
import { alertById, alertRecipients, insertAlert, studentLabel, updateAlert } from './alerts.repo.ts';
import { findAlert, listAlerts } from './alerts-list.repo.ts';

type In<K extends keyof typeof alertsContract> = z.output<(typeof alertsContract)[K]['input']>;

async function readBack(ctx: AuthedContext, id: string): Promise<AlertRowDto> {
  const row = await findAlert(ctx.db, ctx.actor, id);
  if (!row) throw notFound('Alert');
  return row;
}

/**
 * ROLES.md MENTOR: "raise manual alerts (BEHAVIOR, GRIEVANCE) for its mentees"; admins may raise
 * them for students in their scope. The student's other mentors and the department admins hear
 * about it; the person who raised it does not need telling.
 */
async function raise(ctx: AuthedContext, input: In<'alerts:raise'>): Promise<AlertRowDto> {
  const student = await ctx.db
    .selectFrom('student_profiles as sp')
    .select('sp.userId')
    .where('sp.userId', '=', input.studentId)
    .where(scopeStudents(ctx.actor, 'sp'))
    .executeTakeFirst();
  if (!student) throw notFound('Student');
  const id = ctx.ids();
  const sourceRef = { source: 'manual', raisedById: ctx.actor.userId };
  const alert = {
    id,
    studentId: student.userId,
    severity: input.severity,
    category: input.category,
    message: input.message,
    sourceRef,
    createdAt: ctx.now,
  };
  await insertAlert(ctx.db, alert);
  await ctx.audit({ entity: 'alerts', entityId: id, after: alert });
  const who = await studentLabel(ctx.db, student.userId);
  const recipients = (await alertRecipients(ctx.db, student.userId)).filter((u) => u !== ctx.actor.userId);
  await notify(ctx, {
    userIds: recipients,
    type: 'ALERT',
    title: `${input.category === 'BEHAVIOR' ? 'Behaviour' : 'Grievance'} alert: ${who}`,
    body: input.message,
    payload: {
      alertId: id,
      studentId: student.userId,
      category: input.category,
      severity: input.severity,
      kind: 'raised',
    },
  });
  return resultOf(ctx, () => readBack(ctx, id));
}

/**
 * ROLES.md DEPARTMENT_ADMIN: "close alerts (with a closing note)". A mentor may close only the
 * manual alerts it raised itself; automatic alerts belong to the office (and close themselves).
 * Closing an automatic alert whose condition still holds acknowledges it: the engine will not
 * raise that category again at the same severity until the condition has cleared once.
 */
async function close(ctx: AuthedContext, input: In<'alerts:close'>): Promise<AlertRowDto> {
  const visible = await findAlert(ctx.db, ctx.actor, input.id);
  const alert = visible && (await alertById(ctx.db, input.id));
  if (!alert) throw notFound('Alert');
  if (alert.status === 'CLOSED') throw conflict('This alert is already closed.');
  const raisedByMe = alert.sourceRef?.source === 'manual' && alert.sourceRef.raisedById === ctx.actor.userId;
  if (!isAdminRole(ctx.actor.role) && !raisedByMe) {
    throw forbidden(
      'Only the department office can close this alert (a mentor closes only alerts it raised).',
    );
  }
  const automatic = (ENGINE_CATEGORIES as readonly string[]).includes(alert.category);
  const sourceRef = {
    ...(alert.sourceRef ?? { source: 'other' }),
    closingNote: input.note,
    closedBy: ctx.actor.userId,
    ...(automatic ? { suppress: true } : {}),
  };
  await updateAlert(ctx.db, alert.id, {
    status: 'CLOSED',
    closedAt: ctx.now,
    closedById: ctx.actor.userId,
    sourceRef,
  });
  await ctx.audit({
    entity: 'alerts',
    entityId: alert.id,
    before: { status: 'OPEN' },
    after: { status: 'CLOSED', closingNote: input.note },
  });
  // Lifts the acknowledgement at once if the condition has in fact cleared.
  if (automatic) await evaluateStudentRisk(ctx, alert.studentId);
  return resultOf(ctx, () => readBack(ctx, alert.id));
}

export const alertsHandlers: HandlersFor<typeof alertsContract> = {
  'alerts:list': (ctx, input) => listAlerts(ctx.db, ctx.actor, input),
  'alerts:raise': raise,
  'alerts:close': close,
};

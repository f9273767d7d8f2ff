import type { RoleName } from '../../shared/domain/enums.ts';
import type { Calendar } from './calendar.ts';
import { iso } from './calendar.ts';
import type { DepartmentSpec } from './departments.ts';
import type { Rng } from './rng.ts';
import type { BatchWriter } from './writer.ts';

/** What every part of the generator shares for one run. */
export interface DemoContext {
  w: BatchWriter;
  cal: Calendar;
  /** One scrypt hash of the demo password, reused by every demo user (see generate.ts). */
  passwordHash: string;
  roleIds: Record<RoleName, number>;
  institutionId: string;
  superAdminId: string;
  deanId: string;
  /** Every e-mail handed out so far (mentor names repeat across a large institution). */
  emails: Set<string>;
}

export interface MentorRef {
  id: string;
  firstName: string;
  lastName: string;
  /** "Dr. Lakshmi Iyer" as students see it. */
  display: string;
  cabin: string;
  maxMentees: number;
  active: number;
}

export interface DeptContext {
  ctx: DemoContext;
  rng: Rng;
  spec: DepartmentSpec;
  id: string;
  hodId: string;
  mentors: MentorRef[];
  /** Next roll-number serial per admission year. */
  serials: Map<number, number>;
  firstStudentId: string;
}

const UA = ['SMMS/0.1.0 (win32)', 'SMMS/0.1.0 (win32)', 'SMMS/0.1.0 (linux)', 'SMMS/0.1.0 (darwin)'];

export interface AuditInput {
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  at: number;
}

/** One audit row in the shape the app's dispatcher writes (action = call name, entity = table). */
export function audit(ctx: DemoContext, rng: Rng, e: AuditInput): void {
  ctx.w.add('audit_logs', {
    userId: e.userId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    beforeState: e.before === undefined ? null : JSON.stringify(e.before),
    afterState: e.after === undefined ? null : JSON.stringify(e.after),
    ip: `10.20.${rng.int(1, 40)}.${rng.int(2, 250)}`,
    userAgent: rng.pick(UA),
    createdAt: iso(e.at),
  });
}

export interface NotifyInput {
  userId: string;
  type: 'SESSION_REMINDER' | 'GOAL_DUE' | 'ALERT' | 'ASSIGNMENT' | 'FEEDBACK';
  title: string;
  body: string;
  payload: Record<string, unknown>;
  at: number;
}

/**
 * A notification, read or not as people do: most old ones were read within a day or two, recent
 * ones often still wait. Nothing is created or read after the calendar's "now".
 */
export function notify(ctx: DemoContext, rng: Rng, n: NotifyInput): void {
  if (n.at > ctx.cal.now) return;
  const age = ctx.cal.now - n.at;
  const readP = age > 14 * 86_400_000 ? 0.9 : age > 2 * 86_400_000 ? 0.6 : 0.25;
  const readAt = rng.chance(readP) ? Math.min(ctx.cal.now, n.at + rng.int(5, 60 * 36) * 60_000) : null;
  ctx.w.add('notifications', {
    id: rng.uuid(n.at),
    userId: n.userId,
    type: n.type,
    title: n.title,
    body: n.body,
    payload: JSON.stringify(n.payload),
    readAt: readAt === null ? null : iso(readAt),
    createdAt: iso(n.at),
  });
}

import type { Kysely } from 'kysely';
import type { Actor, ServiceContext } from '../../../src/core/context.ts';
import type { Database } from '../../../src/core/db/schema.ts';
import type { Dialect } from '../../../src/core/db/connect.ts';
import { insertAudit } from '../../../src/core/audit/audit.repo.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import { silentLogger } from '../../../src/core/log.ts';
import type { Attendance, GoalStatus, SessionStatus } from '../../../src/shared/domain/enums.ts';

// Builders and a bare ServiceContext for the care features' tests (risk, alerts, notifications,
// attachments, dashboards): rows go straight into the database, services run in a transaction
// like dispatch runs them.

/** A context like dispatch builds, for calling core functions (notify, the risk engine) directly. */
export function serviceCtx(
  db: Kysely<Database>,
  dialect: Dialect,
  now: string,
  actor: Actor | null = null,
): ServiceContext {
  return {
    db,
    dialect,
    actor,
    clock: new ManualClock(now),
    ids: () => uuidv7(),
    now,
    callName: 'test',
    session: { id: 'test', userId: actor?.userId ?? null, lastActivityMs: 0, ip: null, userAgent: 'vitest' },
    publish: () => {},
    log: silentLogger,
    audit: (e) =>
      insertAudit(db, {
        userId: e.userId !== undefined ? e.userId : (actor?.userId ?? null),
        action: e.action ?? 'test',
        entity: e.entity,
        entityId: e.entityId ?? null,
        before: e.before,
        after: e.after,
        ip: null,
        userAgent: 'vitest',
        createdAt: now,
      }),
  };
}

/** Runs `fn` in one transaction with a context on it (what a write call does). */
export async function inTx<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  now: string,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((trx) => fn(serviceCtx(trx, dialect, now)));
}

export async function addSession(
  db: Kysely<Database>,
  s: {
    assignmentId: string;
    createdById: string;
    sessionDate: string;
    status?: SessionStatus;
    attendance?: Attendance;
    topic?: string;
    summary?: string | null;
    actionItems?: { text: string; done: boolean; dueOn?: string }[] | null;
    nextMeetingOn?: string | null;
  },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('session_records')
    .values({
      id,
      assignmentId: s.assignmentId,
      sessionDate: s.sessionDate,
      mode: 'IN_PERSON',
      location: null,
      topic: s.topic ?? 'Progress review',
      summary: s.summary ?? null,
      actionItems: s.actionItems ? JSON.stringify(s.actionItems) : null,
      nextMeetingOn: s.nextMeetingOn ?? null,
      attendance: s.attendance ?? 'PRESENT',
      status: s.status ?? 'COMPLETED',
      createdById: s.createdById,
      createdAt: s.sessionDate,
      updatedAt: s.sessionDate,
    })
    .execute();
  return id;
}

export async function addGoal(
  db: Kysely<Database>,
  g: {
    studentId: string;
    createdById: string;
    status?: GoalStatus;
    targetDate?: string | null;
    progressPct?: number;
    title?: string;
  },
): Promise<string> {
  const id = uuidv7();
  await db
    .insertInto('goals')
    .values({
      id,
      studentId: g.studentId,
      title: g.title ?? 'Improve attendance',
      category: 'ACADEMIC',
      description: null,
      targetDate: g.targetDate ?? null,
      status: g.status ?? 'IN_PROGRESS',
      progressPct: g.progressPct ?? 0,
      createdById: g.createdById,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    })
    .execute();
  return id;
}

export async function setAcademics(
  db: Kysely<Database>,
  studentId: string,
  v: { gpa?: number | null; attendancePct?: number | null },
): Promise<void> {
  await db.updateTable('student_profiles').set(v).where('userId', '=', studentId).execute();
}

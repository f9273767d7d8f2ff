import { DEFAULT_RISK_THRESHOLDS } from '../../../src/shared/contract/risk.contract.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import { blobPath, putBlob } from '../../../src/core/attachments/blobs.repo.ts';
import type { CallCase, CaseCtx } from './cases.ts';
import { actorOf } from './world.ts';

// RBAC matrix rows for the care features (risk, alerts, notifications, reminders, attachments,
// dashboards), from ROLES.md. Spread into CASES in cases.ts.

const ALL = 'AAAAA' as const;
const ADMINS = 'AAADD' as const;
const STAFF = 'AAAAD' as const;

/** The signed-in cast member for the case's role (the mentor for anonymous, never used then). */
const me = (c: CaseCtx): string => actorOf(c.w, c.role ?? 'MENTOR').id;

async function openAlert(c: CaseCtx, raisedById: string): Promise<string> {
  const id = uuidv7();
  await c.h.db.kysely
    .insertInto('alerts')
    .values({
      id,
      studentId: c.w.student.id,
      severity: 'WARN',
      category: 'BEHAVIOR',
      message: 'Disruptive in lab sessions',
      sourceRef: JSON.stringify({ source: 'manual', raisedById }),
      status: 'OPEN',
      createdAt: c.h.clock.now().toISOString(),
      closedAt: null,
      closedById: null,
    })
    .execute();
  return id;
}

async function ownNotification(c: CaseCtx): Promise<string> {
  const id = uuidv7();
  await c.h.db.kysely
    .insertInto('notifications')
    .values({
      id,
      userId: me(c),
      type: 'FEEDBACK',
      title: 'New feedback',
      body: 'Your mentor left feedback.',
      payload: null,
      readAt: null,
      createdAt: c.h.clock.now().toISOString(),
    })
    .execute();
  return id;
}

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/** An attachment owned by the case's actor on the world's active assignment (bytes stored too). */
async function ownAttachment(c: CaseCtx): Promise<string> {
  const id = uuidv7();
  const now = c.h.clock.now().toISOString();
  const sha = await putBlob(c.h.db.kysely, c.h.db.dialect, PDF, now);
  await c.h.db.kysely
    .insertInto('attachments')
    .values({
      id,
      relatedType: 'ASSIGNMENT',
      relatedId: c.w.assignment,
      ownerUserId: me(c),
      fileName: 'minutes.pdf',
      mimeType: 'application/pdf',
      sizeBytes: PDF.length,
      storagePath: blobPath(sha),
      createdAt: now,
    })
    .execute();
  return id;
}

/** A record each role may write: its own goal for a student, the active assignment otherwise. */
async function attachTarget(c: CaseCtx): Promise<{ relatedType: 'GOAL' | 'ASSIGNMENT'; relatedId: string }> {
  if (c.role !== 'STUDENT') return { relatedType: 'ASSIGNMENT', relatedId: c.w.assignment };
  const id = uuidv7();
  const now = c.h.clock.now().toISOString();
  await c.h.db.kysely
    .insertInto('goals')
    .values({
      id,
      studentId: c.w.student.id,
      title: 'Matrix goal',
      category: 'CAREER',
      description: null,
      targetDate: null,
      status: 'NOT_STARTED',
      progressPct: 0,
      createdById: c.w.student.id,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return { relatedType: 'GOAL', relatedId: id };
}

export const CARE_CASES: Record<string, CallCase> = {
  'risk:get-thresholds': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: risk thresholds for its department (and admins above it)',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'risk:set-thresholds': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: risk thresholds for its department',
    input: (c) => ({ departmentId: c.w.dept.id, thresholds: DEFAULT_RISK_THRESHOLDS }),
  },
  'risk:run-department': {
    allow: ADMINS,
    rule: 'department office re-evaluates its students on demand',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'alerts:list': {
    allow: STAFF,
    rule: 'alerts are staff flags: admins in scope and current mentors; students none',
    input: () => ({ status: 'OPEN' }),
  },
  'alerts:raise': {
    allow: STAFF,
    rule: 'MENTOR: raise manual alerts (BEHAVIOR, GRIEVANCE) for its mentees; admins in scope',
    input: (c) => ({
      studentId: c.w.student.id,
      category: 'BEHAVIOR',
      message: 'Missed two lab submissions',
    }),
  },
  'alerts:close': {
    allow: STAFF,
    rule: 'DEPARTMENT_ADMIN: close alerts with a note; a MENTOR the manual alerts it raised',
    input: async (c) => ({ id: await openAlert(c, me(c)), note: 'Spoke with the student; resolved.' }),
  },
  'notifications:list': {
    allow: ALL,
    rule: 'Everybody: own notifications',
    input: () => ({ unreadFirst: true }),
  },
  'notifications:unread-count': { allow: ALL, rule: 'Everybody: own notifications', input: () => ({}) },
  'notifications:mark-read': {
    allow: ALL,
    rule: 'Everybody: own notifications (read/mark read)',
    input: async (c) => ({ ids: [await ownNotification(c)] }),
  },
  'notifications:mark-all-read': { allow: ALL, rule: 'Everybody: own notifications', input: () => ({}) },
  'reminders:run': {
    allow: ADMINS,
    rule: 'office runs the reminder pass for its scope (the app timer runs it too)',
    input: () => ({}),
  },
  'attachments:upload': {
    allow: ALL,
    rule: 'files on records the actor can write (a student: its own goals)',
    input: async (c) => ({
      ...(await attachTarget(c)),
      fileName: 'minutes.pdf',
      contentBase64: PDF.toString('base64'),
    }),
  },
  'attachments:list': {
    allow: ALL,
    rule: 'files on records the actor can read (a student: its own assignment)',
    input: (c) => ({ relatedType: 'ASSIGNMENT', relatedId: c.w.assignment }),
  },
  'attachments:download': {
    allow: ALL,
    rule: 'download/open what the actor can read',
    input: async (c) => ({ id: await ownAttachment(c) }),
  },
  'attachments:delete': {
    allow: ALL,
    rule: 'delete by owner or admin, audited',
    input: async (c) => ({ id: await ownAttachment(c) }),
  },
  'dashboards:admin': {
    allow: ADMINS,
    rule: 'admins: overview of their scope (counts, sync health)',
    input: () => ({}),
  },
  'dashboards:department': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: its department; admins above: a department in scope',
    input: (c) => ({ departmentId: c.w.dept.id }),
  },
  'dashboards:mentor': { allow: 'DDDAD', rule: 'MENTOR: its own mentees', input: () => ({}) },
  'dashboards:student': { allow: 'DDDDA', rule: 'STUDENT: self and its current mentors', input: () => ({}) },
};

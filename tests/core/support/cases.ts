import type { RoleName } from '../../../src/shared/domain/enums.ts';
import { ROLE_NAMES } from '../../../src/shared/domain/enums.ts';
import { generateResetToken, hashResetToken } from '../../../src/core/auth/reset-token.ts';
import { uuidv7 } from '../../../src/core/ids.ts';
import { makeUser, type MadeUser } from '../../fixtures/builders.ts';
import type { Harness } from './harness.ts';
import { actorOf, type World } from './world.ts';
import { CARE_CASES } from './cases-care.ts';
import { MENTORING_CASES } from './cases-mentoring.ts';
import { ROSTER_CASES } from './cases-roster.ts';
import { REPORT_CASES } from './cases-reports.ts';
import { DEMO_SEARCH_CASES } from './cases-demo.ts';
import { OPS_CASES } from './cases-ops.ts';
import { OFFICE_CASES } from './cases-office.ts';
import { NOTES_CASES } from './cases-notes.ts';

// The RBAC matrix, written from ROLES.md (not from the contract), and one valid in-scope input per
// call and role. Every call in the contract must have a row here: tests/core/rbac-matrix.test.ts
// fails for a call without one, so a new feature states who may use it.
//
// `allow` lists the five roles in the order SUPER_ADMIN, INSTITUTION_ADMIN, DEPARTMENT_ADMIN,
// MENTOR, STUDENT: A = allowed, D = refused (FORBIDDEN). 'PUBLIC' = no sign-in needed.

export type Allow = `${'A' | 'D'}${'A' | 'D'}${'A' | 'D'}${'A' | 'D'}${'A' | 'D'}` | 'PUBLIC';

export interface CaseCtx {
  h: Harness;
  w: World;
  /** null = anonymous session (PUBLIC calls only). */
  role: RoleName | null;
}

export interface CallCase {
  allow: Allow;
  /** Why, in ROLES.md's words. */
  rule: string;
  /** A valid input in the actor's scope (may insert rows it needs). */
  input(c: CaseCtx): Promise<unknown> | unknown;
  /** The user the session is signed in as (default: the cast member of the role). */
  actor?(c: CaseCtx): Promise<string | null>;
  /** When allowed, the call must succeed (default) — or only not be refused ('not-denied'). */
  expect?: 'ok' | 'not-denied';
}

let n = 0;
const uniq = (): string => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

const placeOf = (u: MadeUser) => ({ institutionId: u.institutionId, departmentId: u.departmentId });

/** A fresh user with the role's placement, so password-changing cases leave the cast intact. */
async function freshActor(c: CaseCtx): Promise<MadeUser> {
  const role = c.role ?? 'MENTOR';
  const like = actorOf(c.w, role);
  return makeUser(c.h.db.kysely, role, { ...placeOf(like), password: 'Matrix-Start-Pass-2026' });
}

/** Someone in the actor's read scope who is not the actor. */
function visibleUser(c: CaseCtx): MadeUser {
  if (c.role === 'MENTOR') return c.w.student;
  if (c.role === 'STUDENT') return c.w.mentor;
  return c.w.unassigned;
}

const ALL: Allow = 'AAAAA';
const ADMINS: Allow = 'AAADD';

export const CASES: Record<string, CallCase> = {
  'auth:login': {
    allow: 'PUBLIC',
    rule: 'Authentication facts: everyone signs in',
    actor: async () => null,
    input: async (c) => {
      const u = await freshActor(c);
      return { email: u.email, password: u.password };
    },
  },
  'auth:logout': { allow: 'PUBLIC', rule: 'everyone signs out', input: () => ({}) },
  'auth:me': { allow: 'PUBLIC', rule: 'the window asks who is signed in', input: () => ({}) },
  'auth:change-password': {
    allow: ALL,
    rule: 'Everybody: change own password',
    actor: async (c) => (c.role ? (await freshActor(c)).id : null),
    input: () => ({ currentPassword: 'Matrix-Start-Pass-2026', newPassword: 'Matrix-Next-Pass-2027' }),
  },
  'auth:reset-password': {
    allow: 'PUBLIC',
    rule: 'Password reset with an admin-issued one-time token',
    input: async (c) => {
      const u = await makeUser(c.h.db.kysely, 'STUDENT', { ...placeOf(c.w.student), status: 'INVITED' });
      const token = generateResetToken();
      const now = c.h.clock.now().getTime();
      await c.h.db.kysely
        .insertInto('password_resets')
        .values({
          id: uuidv7(),
          userId: u.id,
          tokenHash: hashResetToken(token),
          expiresAt: new Date(now + 3_600_000).toISOString(),
          usedAt: null,
          createdAt: new Date(now).toISOString(),
        })
        .execute();
      return { email: u.email, token, newPassword: 'Chosen-By-Student-1' };
    },
  },
  'auth:issue-reset': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: reset password of its mentor and student accounts (and admins above)',
    input: (c) => ({ userId: c.w.unassigned.id }),
  },
  'setup:status': { allow: 'PUBLIC', rule: 'first-run screen', input: () => ({}) },
  'setup:initialize': {
    allow: 'PUBLIC',
    rule: 'first run only; refused with CONFLICT once set up',
    expect: 'not-denied',
    input: () => ({
      institution: { name: 'Another College', code: 'ANC' },
      department: { name: 'Physics', code: 'PHY' },
      admin: { firstName: 'A', lastName: 'B', email: 'setup@x.edu', password: 'Long-Enough-Pass-1' },
    }),
  },
  'institutions:list': { allow: ADMINS, rule: 'admins read their institution', input: () => ({}) },
  'institutions:create': {
    allow: 'ADDDD',
    rule: 'SUPER_ADMIN: institutions',
    input: () => ({ name: 'Matrix College', code: `MX${uniq()}`.slice(0, 20) }),
  },
  'institutions:update': {
    allow: 'AADDD',
    rule: 'SUPER_ADMIN: institutions; INSTITUTION_ADMIN its own (not the code)',
    input: (c) => ({ id: c.w.inst.id, address: '1 Campus Road, Pune' }),
  },
  'departments:list': { allow: ADMINS, rule: 'admins read departments in scope', input: () => ({}) },
  'departments:create': {
    allow: 'AADDD',
    rule: 'INSTITUTION_ADMIN: departments of its institution',
    input: (c) => ({ institutionId: c.w.inst.id, name: 'Matrix Studies', code: `MD${uniq()}`.slice(0, 20) }),
  },
  'departments:update': {
    allow: 'AADDD',
    rule: 'INSTITUTION_ADMIN: departments of its institution',
    input: (c) => ({ id: c.w.otherDept.id, name: 'Mechanical Engg.' }),
  },
  'users:list': { allow: ADMINS, rule: 'admins: users in scope', input: () => ({ search: 'test' }) },
  'users:get': {
    allow: ALL,
    rule: 'scope: admins their users; MENTOR its mentees; STUDENT its current mentors',
    input: (c) => ({ id: visibleUser(c).id }),
  },
  'users:create': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: mentor and student accounts of its department (create, invite)',
    input: (c) => {
      const u = uniq();
      return {
        email: `new.${u.toLowerCase()}@test.smms`,
        firstName: 'New',
        lastName: 'Student',
        role: 'STUDENT',
        departmentId: c.w.dept.id,
        student: { rollNumber: `NS${u}`.slice(0, 50) },
      };
    },
  },
  'users:update': {
    allow: ADMINS,
    rule: 'admins edit users they manage',
    input: (c) => ({ id: c.w.unassigned.id, phone: '+91 98765 43210' }),
  },
  'users:set-status': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: disable mentor and student accounts',
    input: async (c) => ({
      id: (await makeUser(c.h.db.kysely, 'STUDENT', placeOf(c.w.student))).id,
      status: 'DISABLED',
    }),
  },
  'users:update-own-profile': {
    allow: ALL,
    rule: 'Everybody: own profile',
    input: () => ({ phone: '0123 456789', bio: 'Hello' }),
  },
  'students:list': {
    allow: 'AAAAD',
    rule: 'admins: students in scope; MENTOR: its mentees',
    input: () => ({}),
  },
  'students:get': {
    allow: ALL,
    rule: 'MENTOR: its mentees; STUDENT: self',
    input: (c) => ({ id: c.role === 'STUDENT' || c.role === 'MENTOR' ? c.w.student.id : c.w.unassigned.id }),
  },
  'students:update-academics': {
    allow: ADMINS,
    rule: 'DEPARTMENT_ADMIN: student academic fields; MENTOR cannot',
    input: (c) => ({ id: c.w.student.id, gpa: 8.25, attendancePct: 91.5 }),
  },
  'mentors:list': {
    allow: ALL,
    rule: 'admins: mentors in scope; MENTOR itself; STUDENT its current mentors',
    input: () => ({}),
  },
  'mentors:update-profile': {
    allow: 'AAAAD',
    rule: 'admins: mentor profiles in scope; MENTOR: own availability',
    input: (c) =>
      c.role === 'MENTOR'
        ? { id: c.w.mentor.id, availabilityStatus: 'LIMITED' }
        : { id: c.w.otherMentor.id, maxMentees: 12 },
  },
  'audit:list': { allow: ADMINS, rule: 'Audit logs readable by admins in scope only', input: () => ({}) },
  'sync:status': { allow: ALL, rule: "every role: this laptop's sync state", input: () => ({}) },
  'sync:outbox': { allow: ALL, rule: 'every role: its own queued changes', input: () => ({}) },
  'sync:retry': {
    allow: ALL,
    rule: 'every role: its own queued changes (none here: standalone)',
    expect: 'not-denied',
    input: () => ({ mutationId: 'no-such-mutation' }),
  },
  'sync:discard': {
    allow: ALL,
    rule: 'every role: its own queued changes (none here: standalone)',
    expect: 'not-denied',
    input: () => ({ mutationId: 'no-such-mutation' }),
  },
  'sync:now': {
    allow: ALL,
    rule: 'every role: syncs the computer it is signed in on (none here: standalone)',
    expect: 'not-denied',
    input: () => ({}),
  },
  'sync:get-connection': {
    allow: ALL,
    rule: 'every role: where this computer syncs, never the password',
    input: () => ({}),
  },
  'sync:test-connection': {
    allow: 'ADDDD',
    rule: 'SUPER_ADMIN: system settings (the install’s admin); no connection manager in this core',
    expect: 'not-denied',
    input: () => ({ host: '127.0.0.1', port: 3306, database: 'smms', user: 'smms_app' }),
  },
  'sync:set-connection': {
    allow: 'ADDDD',
    rule: 'SUPER_ADMIN: system settings (the install’s admin); no connection manager in this core',
    expect: 'not-denied',
    input: () => ({ host: '127.0.0.1', port: 3306, database: 'smms', user: 'smms_app' }),
  },
  'sync:test-join': {
    allow: 'PUBLIC',
    rule: 'first run only (before any account exists); refused with CONFLICT once set up',
    expect: 'not-denied',
    input: () => ({ host: '127.0.0.1', port: 3306, database: 'smms', user: 'smms_app' }),
  },
  'sync:join': {
    allow: 'PUBLIC',
    rule: 'first run only (before any account exists); refused with CONFLICT once set up',
    expect: 'not-denied',
    input: () => ({
      connection: { host: '127.0.0.1', port: 3306, database: 'smms', user: 'smms_app' },
      email: 'mentor@x.edu',
      password: 'Long-Enough-Pass-1',
    }),
  },
  'sync:disconnect': {
    allow: 'ADDDD',
    rule: 'SUPER_ADMIN: system settings (the install’s admin); no connection manager in this core',
    expect: 'not-denied',
    input: () => ({}),
  },
  ...CARE_CASES,
  ...MENTORING_CASES,
  ...ROSTER_CASES,
  ...REPORT_CASES,
  ...DEMO_SEARCH_CASES,
  ...OPS_CASES,
  ...OFFICE_CASES,
  ...NOTES_CASES,
};

export function expectedFor(c: CallCase, role: RoleName | null): 'allow' | 'deny' | 'unauthenticated' {
  if (c.allow === 'PUBLIC') return 'allow';
  if (role === null) return 'unauthenticated';
  return c.allow[ROLE_NAMES.indexOf(role)] === 'A' ? 'allow' : 'deny';
}

export async function sessionForCase(c: CallCase, ctx: CaseCtx): Promise<string> {
  if (c.actor) return ctx.h.sessionFor(await c.actor(ctx));
  return ctx.role === null ? ctx.h.sessionFor(null) : ctx.h.as(ctx.role);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CONTRACT, type CallName } from '../../src/shared/contract/index.ts';
import { ROLE_NAMES, type RoleName } from '../../src/shared/domain/enums.ts';
import { DIALECTS } from '../helpers/db.ts';
import { CASES, expectedFor, sessionForCase } from './support/cases.ts';
import { fingerprint, makeHarness, type Harness } from './support/harness.ts';
import type { World } from './support/world.ts';

const CALLS = Object.keys(CONTRACT) as CallName[];
const WRITE_CALLS = CALLS.filter((c) => CONTRACT[c].write);

describe('audit trail is append-only through the app', () => {
  it('has no call under audit: other than list/export, and no write call on the audit feature', () => {
    const audit: string[] = CALLS.filter((c) => c.startsWith('audit:'));
    expect(audit).toContain('audit:list');
    expect(audit.filter((c) => c !== 'audit:list' && c !== 'audit:export')).toEqual([]);
    expect(CALLS.filter((c) => c.startsWith('audit:') && CONTRACT[c].write)).toEqual([]);
  });
});

/** The first role allowed to make the call (a signed-in student for PUBLIC ones, e.g. sign-out). */
function allowedRole(call: CallName): RoleName {
  const c = CASES[call]!;
  return ROLE_NAMES.find((r) => expectedFor(c, r) === 'allow') ?? 'STUDENT';
}

describe.each(DIALECTS)('audit on %s', (dialect) => {
  let h: Harness;
  let w: World;
  beforeAll(async () => {
    h = await makeHarness(dialect);
    w = h.world;
  });
  afterAll(async () => {
    await h.close();
  });

  const auditRows = (since: number) =>
    h.db.kysely.selectFrom('audit_logs').selectAll().where('id', '>', since).orderBy('id').execute();
  const lastAuditId = async () =>
    Number(
      (
        await h.db.kysely
          .selectFrom('audit_logs')
          .select(sql<number>`coalesce(max(id), 0)`.as('m'))
          .executeTakeFirstOrThrow()
      ).m,
    );

  it.each(WRITE_CALLS)(
    '%s: a successful call writes its audit row(s) at the call time; a refused one none',
    async (call) => {
      h.clock.advance(1000);
      const role = allowedRole(call);
      const c = CASES[call]!;
      const ctx = { h, w, role };
      const session = await sessionForCase(c, ctx);
      const input = await c.input(ctx);
      const before = await lastAuditId();
      const r = await h.core.dispatch(call, input, session);
      const rows = await auditRows(before);
      if (r.ok) {
        expect(rows.length, `${call} wrote no audit row`).toBeGreaterThanOrEqual(1);
        expect(rows.map((x) => x.action)).toContain(call);
        for (const row of rows) expect(row.createdAt).toBe(h.clock.now().toISOString());
        expect(rows[0]!.userAgent).toContain('SMMS/test');
      } else {
        expect(c.expect).toBe('not-denied');
        expect(rows).toEqual([]);
      }
      // The same call by a refused role writes nothing at all.
      const denied = ROLE_NAMES.find((x) => expectedFor(c, x) === 'deny');
      if (denied) {
        const prints = await fingerprint(h.db.kysely);
        const d = await h.core.dispatch(call, await c.input({ h, w, role: denied }), h.as(denied));
        expect(d).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(await auditRows(before + rows.length)).toEqual([]);
        const after = await fingerprint(h.db.kysely);
        // input() may insert the rows it needs (a fresh account); the refused call itself adds nothing.
        expect(after.audit_logs).toBe(prints.audit_logs);
      }
    },
  );

  it('a failing write leaves neither its rows nor an audit row', async () => {
    const s = h.as('DEPARTMENT_ADMIN');
    const prints = await fingerprint(h.db.kysely);
    h.clock.advance(1000);
    const dup = await h.call(s, 'users:create', {
      email: w.mentor.email,
      firstName: 'D',
      lastName: 'U',
      role: 'MENTOR',
    });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await h.call(s, 'students:update-academics', { id: w.inst2Student.id, gpa: 1 })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    expect(await fingerprint(h.db.kysely)).toEqual(prints);
  });

  it('the change and its audit row commit together: a failing audit insert undoes the change', async () => {
    const db = h.db.kysely;
    if (dialect === 'sqlite') {
      await sql`create trigger audit_block before insert on audit_logs when new.action = 'users:update'
        begin select raise(abort, 'audit blocked'); end`.execute(db);
    } else {
      await sql`create trigger audit_block before insert on audit_logs for each row begin
        if new.action = 'users:update' then signal sqlstate '45000' set message_text = 'audit blocked'; end if; end`.execute(
        db,
      );
    }
    try {
      const r = await h.call(h.as('DEPARTMENT_ADMIN'), 'users:update', {
        id: w.otherMentor.id,
        firstName: 'Changed',
      });
      expect(r).toMatchObject({ ok: false });
      const row = await db
        .selectFrom('user_profiles')
        .select('firstName')
        .where('userId', '=', w.otherMentor.id)
        .executeTakeFirstOrThrow();
      expect(row.firstName).toBe('Other');
    } finally {
      h.errors.length = 0;
      await sql`drop trigger audit_block`.execute(db);
    }
  });

  it('audit:list: newest first, filters, paging, parsed before/after, scoped per admin', async () => {
    h.clock.set('2026-03-01T10:00:00.000Z');
    await h.must(h.as('DEPARTMENT_ADMIN'), 'students:update-academics', {
      id: w.student.id,
      attendancePct: 70,
    });
    h.clock.set('2026-03-02T10:00:00.000Z');
    const dept = h.as('DEPARTMENT_ADMIN');
    await h.must(dept, 'students:update-academics', { id: w.student.id, attendancePct: 71 });
    await h.must(h.as('SUPER_ADMIN'), 'institutions:update', { id: w.inst2.id, address: 'Far away' });
    // The action filter matters: a risk re-evaluation may add its own student_profiles row.
    const mine = await h.must(dept, 'audit:list', {
      entity: 'student_profiles',
      entityId: w.student.id,
      action: 'students:update-academics',
      from: '2026-03-01T00:00:00.000Z',
    });
    expect(mine.total).toBe(2);
    expect(mine.rows.map((r) => (r.after as { attendancePct: number }).attendancePct)).toEqual([71, 70]);
    expect(mine.rows[0]).toMatchObject({
      action: 'students:update-academics',
      userId: w.deptAdmin.id,
      userEmail: w.deptAdmin.email,
      userName: 'Test DEPARTMENT_ADMIN',
      before: { attendancePct: 70 },
      ip: '127.0.0.1',
    });
    const day1 = await h.must(dept, 'audit:list', {
      action: 'students:update-academics',
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-02T00:00:00.000Z',
    });
    expect(day1.rows.map((r) => (r.after as { attendancePct: number }).attendancePct)).toEqual([70]);
    const byUser = await h.must(dept, 'audit:list', { userId: w.deptAdmin.id, pageSize: 1, page: 2 });
    expect(byUser.rows).toHaveLength(1);
    expect(byUser.total).toBeGreaterThanOrEqual(2);
    const oldestFirst = await h.must(dept, 'audit:list', { dir: 'asc', pageSize: 200 });
    const times = oldestFirst.rows.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort());
    // Scope: the department admin never sees the other institution's row; its institution admin
    // does not either; the other institution's admin does.
    const about = { entity: 'institutions', entityId: w.inst2.id };
    expect((await h.must(dept, 'audit:list', about)).total).toBe(0);
    expect((await h.must(h.as('INSTITUTION_ADMIN'), 'audit:list', about)).total).toBe(0);
    expect((await h.must(h.sessionFor(w.inst2Admin.id), 'audit:list', about)).total).toBe(1);
    expect(await h.call(dept, 'audit:list', { from: 'yesterday' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });
});

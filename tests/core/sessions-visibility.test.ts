import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignmentNotes, scopeActionItemsWritable, sessionSummary } from '../../src/core/scope/index.ts';
import { CONTRACT, type CallName } from '../../src/shared/contract/index.ts';
import { type MadeUser, actorOfUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addFeedback, addGoal, addSession, at, makeUnit, type Unit } from './support/mentoring-fixtures.ts';

// ROLES.md: "Session summary (mentor's notes) is staff-only ... The student sees date, mode,
// location, topic, attendance, status, action items and next meeting, never the summary." Proven
// by deep-scanning the output of every call a student may make, and by the predicates themselves.

const SECRET = 'ZX-SUMMARY-9431: family trouble, do not share';
const NOTE_SECRET = 'ZX-NOTE-5570: counsellor referral';

describe.each(DIALECTS)('session summary and staff notes never reach a student on %s', (dialect) => {
  let h: Harness;
  let u: Unit;
  let ids: { assignment: string; session: string; scheduled: string; goal: string; feedback: string };
  beforeAll(async () => {
    h = await makeHarness(dialect);
    u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 2, students: 2 });
    const [m, s] = [u.mentors[0]!, u.students[0]!];
    const assignment = await u.link(m, s);
    await h.db.kysely
      .updateTable('mentor_assignments')
      .set({ notes: NOTE_SECRET })
      .where('id', '=', assignment)
      .execute();
    const now = h.clock.now();
    const mentor = h.sessionFor(m.id);
    const rec = await h.must(mentor, 'sessions:record', {
      assignmentId: assignment,
      sessionDate: at(now, -2),
      topic: 'Personal matters',
      mode: 'IN_PERSON',
      summary: SECRET,
      actionItems: [{ text: 'See the counsellor' }],
    });
    const scheduled = await addSession(h.db.kysely, {
      assignmentId: assignment,
      createdById: m.id,
      sessionDate: at(now, 3),
      status: 'SCHEDULED',
      summary: SECRET,
    });
    const goal = await addGoal(h.db.kysely, { studentId: s.id, createdById: m.id, createdAt: at(now, -5) });
    const feedback = await addFeedback(h.db.kysely, {
      sessionId: rec.id,
      giver: m,
      recipient: s,
      visibility: 'STUDENT',
      createdAt: at(now, -1),
    });
    ids = { assignment, session: rec.id, scheduled, goal, feedback };
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  it('the owning mentor and the department admin read the summary; the student never does', async () => {
    const [m, s] = [u.mentors[0]!, u.students[0]!];
    expect((await h.must(h.sessionFor(m.id), 'sessions:get', { id: ids.session })).summary).toBe(SECRET);
    expect((await h.must(h.sessionFor(u.admin.id), 'sessions:get', { id: ids.session })).summary).toBe(
      SECRET,
    );
    expect(await h.call(h.sessionFor(u.mentors[1]!.id), 'sessions:get', { id: ids.session })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    const asStudent = await h.must(h.sessionFor(s.id), 'sessions:get', { id: ids.session });
    expect(asStudent).toMatchObject({
      summary: null,
      topic: 'Personal matters',
      actionItems: [{ text: 'See the counsellor', done: false }],
    });
  });

  it('deep scan: no output of any call a student may make carries the summary or the office notes', async () => {
    const s = u.students[0]!;
    const session = h.sessionFor(s.id);
    const now = h.clock.now();
    const candidates = [
      {},
      { id: ids.session },
      { id: ids.scheduled },
      { id: ids.goal },
      { id: ids.assignment },
      { studentId: s.id },
      { sessionId: ids.session },
      { from: at(now, -30), to: at(now, 30) },
      { studentId: s.id, from: at(now, -30), to: at(now, 30) },
    ];
    const reads = (Object.keys(CONTRACT) as CallName[]).filter((c) => {
      const def = CONTRACT[c];
      return !def.write && def.roles !== 'PUBLIC' && (def.roles as readonly string[]).includes('STUDENT');
    });
    const answered = new Set<string>();
    for (const call of reads) {
      for (const input of candidates) {
        const r = await h.core.dispatch(call, input, session);
        const text = JSON.stringify(r);
        expect(text, `${call} ${JSON.stringify(input)}`).not.toContain('ZX-SUMMARY');
        expect(text, `${call} ${JSON.stringify(input)}`).not.toContain('ZX-NOTE');
        if (r.ok) answered.add(call);
      }
    }
    for (const c of [
      'sessions:get',
      'sessions:list',
      'sessions:calendar',
      'sessions:history',
      'assignments:list',
      'assignments:history',
      'feedback:list',
      'goals:get',
    ]) {
      expect(answered, c).toContain(c);
    }
    // The student's own writes answer with session details too.
    const toggled = await h.must(session, 'sessions:toggle-action-item', {
      id: ids.session,
      index: 0,
      done: true,
    });
    const requested = await h.must(session, 'sessions:request', {
      sessionDate: at(now, 4),
      mode: 'ONLINE',
      topic: 'Follow-up',
    });
    expect(JSON.stringify([toggled, requested])).not.toContain('ZX-');
    const inbox = await h.db.kysely
      .selectFrom('notifications')
      .select(['title', 'body', 'payload'])
      .where('userId', '=', s.id)
      .execute();
    expect(JSON.stringify(inbox)).not.toContain('ZX-');
  });

  it('predicates: sessionSummary and assignmentNotes by role; scopeActionItemsWritable by role and status', async () => {
    const [m, s] = [u.mentors[0]!, u.students[0]!];
    const summaryAs = async (who: MadeUser) =>
      (
        await h.db.kysely
          .selectFrom('session_records as x')
          .select(sessionSummary(actorOfUser(who), 'x').as('v'))
          .where('x.id', '=', ids.session)
          .executeTakeFirstOrThrow()
      ).v;
    expect(await summaryAs(m)).toBe(SECRET);
    expect(await summaryAs(u.admin)).toBe(SECRET);
    expect(await summaryAs(u.mentors[1]!)).toBeNull();
    expect(await summaryAs(s)).toBeNull();
    const notesAs = async (who: MadeUser) =>
      (
        await h.db.kysely
          .selectFrom('mentor_assignments as y')
          .select(assignmentNotes(actorOfUser(who), 'y').as('v'))
          .where('y.id', '=', ids.assignment)
          .executeTakeFirstOrThrow()
      ).v;
    expect(await notesAs(m)).toBe(NOTE_SECRET);
    expect(await notesAs(u.admin)).toBe(NOTE_SECRET);
    expect(await notesAs(s)).toBeNull();
    const tickable = async (who: MadeUser) =>
      (
        await h.db.kysely
          .selectFrom('session_records as z')
          .select('z.id')
          .where(scopeActionItemsWritable(actorOfUser(who), 'z'))
          .where('z.assignmentId', '=', ids.assignment)
          .execute()
      ).length;
    expect(await tickable(m)).toBeGreaterThanOrEqual(2);
    expect(await tickable(s)).toBeGreaterThanOrEqual(2);
    expect(await tickable(u.admin)).toBe(0);
    expect(await tickable(u.students[1]!)).toBe(0);
    expect(await tickable(u.mentors[1]!)).toBe(0);
    await h.db.kysely
      .updateTable('mentor_assignments')
      .set({ status: 'PAUSED' })
      .where('id', '=', ids.assignment)
      .execute();
    expect(await tickable(s)).toBeGreaterThanOrEqual(2);
    await h.db.kysely
      .updateTable('mentor_assignments')
      .set({ status: 'ENDED' })
      .where('id', '=', ids.assignment)
      .execute();
    expect(await tickable(s)).toBe(0);
    expect(await tickable(m)).toBe(0);
    await h.db.kysely
      .updateTable('mentor_assignments')
      .set({ status: 'ACTIVE' })
      .where('id', '=', ids.assignment)
      .execute();
  });
});

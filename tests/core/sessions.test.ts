import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarRow } from '../../src/shared/contract/sessions.contract.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { addSession, at, makeUnit } from './support/mentoring-fixtures.ts';

// Session rules on both dialects: schedule / record / complete / update by the recording mentor,
// cancel with a reason, reschedule, next meeting, student requests and confirmation, action items,
// PAUSED/ENDED assignments, and risk re-evaluation after attendance changes.

describe.each(DIALECTS)('sessions on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  /** A unit with mentor m (ACTIVE with student s, PAUSED with student p) and its sessions. */
  async function setup() {
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 2, students: 3 });
    const [m, s, p] = [u.mentors[0]!, u.students[0]!, u.students[1]!];
    const active = await u.link(m, s);
    const paused = await u.link(m, p, 'PAUSED');
    return {
      u,
      m,
      s,
      p,
      active,
      paused,
      mentor: h.sessionFor(m.id),
      student: h.sessionFor(s.id),
      admin: h.sessionFor(u.admin.id),
    };
  }
  const now = () => h.clock.now();
  const notices = (userId: string) =>
    h.db.kysely
      .selectFrom('notifications')
      .select(['type', 'title', 'body'])
      .where('userId', '=', userId)
      .orderBy('createdAt')
      .orderBy('id')
      .execute();

  it('schedule: ACTIVE assignments only, in the future; the other party is notified', async () => {
    const t = await setup();
    const input = {
      assignmentId: t.active,
      sessionDate: at(now(), 2),
      mode: 'IN_PERSON' as const,
      topic: 'Mid-semester plan',
      location: 'Cabin 4',
    };
    const d = await h.must(t.mentor, 'sessions:schedule', input);
    expect(d).toMatchObject({
      status: 'SCHEDULED',
      requested: false,
      createdById: t.m.id,
      summary: null,
      actionItems: [],
      studentId: t.s.id,
    });
    expect(await notices(t.s.id)).toEqual([
      expect.objectContaining({
        type: 'SESSION_REMINDER',
        title: expect.stringContaining('Session scheduled'),
      }),
    ]);
    expect(
      await h.call(t.mentor, 'sessions:schedule', { ...input, sessionDate: at(now(), -1) }),
    ).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'sessionDate' }] },
    });
    expect(await h.call(t.mentor, 'sessions:schedule', { ...input, assignmentId: t.paused })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('paused') },
    });
    const ended = await t.u.link(t.m, t.u.students[2]!, 'ENDED');
    expect(await h.call(t.mentor, 'sessions:schedule', { ...input, assignmentId: ended })).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('has ended') },
    });
    expect(await h.call(h.sessionFor(t.u.mentors[1]!.id), 'sessions:schedule', input)).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
    await h.must(t.admin, 'sessions:schedule', input);
    expect((await notices(t.m.id)).map((n) => n.title)).toEqual([
      expect.stringContaining('Session scheduled'),
    ]);
  });

  it('record: a new completed session or a scheduled one; never in the future; at most 50 action items', async () => {
    const t = await setup();
    const items = [
      { text: 'Submit the lab record', dueOn: '2026-01-20' },
      { text: 'Meet the HOD', done: true },
    ];
    const d = await h.must(t.mentor, 'sessions:record', {
      assignmentId: t.active,
      sessionDate: at(now(), -1),
      topic: 'Attendance shortfall',
      mode: 'PHONE',
      summary: 'Discussed the medical leave certificate.',
      attendance: 'PRESENT',
      actionItems: items,
      nextMeetingOn: at(now(), 10),
    });
    expect(d).toMatchObject({
      status: 'COMPLETED',
      summary: 'Discussed the medical leave certificate.',
      actionItems: [
        { text: 'Submit the lab record', done: false, dueOn: '2026-01-20' },
        { text: 'Meet the HOD', done: true },
      ],
      actionItemsOpen: 1,
      location: null,
    });
    const base = { assignmentId: t.active, topic: 'x', mode: 'ONLINE' as const };
    expect(await h.call(t.mentor, 'sessions:record', { ...base, sessionDate: at(now(), 1) })).toMatchObject({
      error: { code: 'VALIDATION', message: expect.any(String), issues: [{ path: 'sessionDate' }] },
    });
    const many = Array.from({ length: 51 }, (_, i) => ({ text: `Item ${i}` }));
    expect(
      await h.call(t.mentor, 'sessions:record', { ...base, sessionDate: at(now(), -1), actionItems: many }),
    ).toMatchObject({
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'actionItems', message: 'At most 50 action items per session.' }],
      },
    });
    expect(
      await h.call(t.mentor, 'sessions:record', {
        ...base,
        sessionDate: at(now(), -1),
        nextMeetingOn: at(now(), -2),
      }),
    ).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'nextMeetingOn' }] },
    });
    expect(
      await h.call(t.mentor, 'sessions:record', { ...base, sessionDate: at(now(), -1), sessionId: d.id }),
    ).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    expect(
      await h.call(t.mentor, 'sessions:record', {
        assignmentId: t.paused,
        sessionDate: at(now(), -1),
        topic: 'x',
        mode: 'PHONE',
      }),
    ).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    // A session the office scheduled: the mentor records it and becomes its recorder.
    const sched = await h.must(t.admin, 'sessions:schedule', {
      assignmentId: t.active,
      sessionDate: at(now(), 1),
      mode: 'IN_PERSON',
      topic: 'Plan',
    });
    h.clock.advance(2 * 86_400_000);
    const rec = await h.must(h.sessionFor(t.m.id), 'sessions:record', {
      sessionId: sched.id,
      summary: 'Went well',
      attendance: 'PRESENT',
    });
    expect(rec).toMatchObject({
      status: 'COMPLETED',
      createdById: t.m.id,
      topic: 'Plan',
      summary: 'Went well',
    });
    expect(await h.call(h.sessionFor(t.m.id), 'sessions:record', { sessionId: sched.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });

  it('update: only the recording mentor; cancelled sessions are frozen; planned ones move by reschedule', async () => {
    const t = await setup();
    const byOffice = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.u.admin.id,
      sessionDate: at(now(), -2),
      summary: 'Office note',
    });
    expect(await h.call(t.mentor, 'sessions:update', { id: byOffice, summary: 'mine now' })).toMatchObject({
      error: { code: 'FORBIDDEN', message: 'Only the mentor who recorded this session can change it.' },
    });
    expect(await h.call(t.admin, 'sessions:update', { id: byOffice, summary: 'x' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    const own = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), -2),
      summary: 'First draft',
    });
    const upd = await h.must(t.mentor, 'sessions:update', {
      id: own,
      summary: 'Final notes',
      actionItems: [{ text: 'Read chapter 3' }],
    });
    expect(upd).toMatchObject({
      summary: 'Final notes',
      actionItems: [{ text: 'Read chapter 3', done: false }],
    });
    const audit = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['beforeState', 'afterState'])
      .where('entityId', '=', own)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.beforeState!)).toMatchObject({ summary: 'First draft', actionItems: null });
    expect(await h.call(t.mentor, 'sessions:update', { id: own, sessionDate: at(now(), 1) })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    const planned = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), 2),
      status: 'SCHEDULED',
    });
    expect(
      await h.call(t.mentor, 'sessions:update', { id: planned, sessionDate: at(now(), 3) }),
    ).toMatchObject({
      error: { code: 'VALIDATION', message: 'Use Reschedule to move a planned session.' },
    });
    expect(await h.call(t.mentor, 'sessions:update', { id: own })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
    await h.must(t.mentor, 'sessions:cancel', { id: planned, reason: 'Exam duty' });
    expect(await h.call(t.mentor, 'sessions:update', { id: planned, topic: 'x' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });

  it('complete, cancel with a reason, reschedule: state rules and who is told', async () => {
    const t = await setup();
    const past = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), -1),
      status: 'SCHEDULED',
    });
    const future = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), 1),
      status: 'SCHEDULED',
    });
    expect(await h.call(t.mentor, 'sessions:complete', { id: future })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await h.must(t.mentor, 'sessions:complete', { id: past, attendance: 'ABSENT' })).toMatchObject({
      status: 'COMPLETED',
      attendance: 'ABSENT',
    });
    expect(await h.call(t.mentor, 'sessions:cancel', { id: past, reason: 'Too late' })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    expect(await h.call(t.mentor, 'sessions:cancel', { id: future, reason: ' ' })).toMatchObject({
      error: { code: 'VALIDATION', issues: [{ path: 'reason' }] },
    });
    expect(
      await h.call(t.mentor, 'sessions:reschedule', { id: future, sessionDate: at(now(), -3) }),
    ).toMatchObject({ error: { code: 'VALIDATION' } });
    const moved = await h.must(t.mentor, 'sessions:reschedule', {
      id: future,
      sessionDate: at(now(), 4),
      mode: 'ONLINE',
      location: 'Meet link',
      reason: 'Lab exam',
    });
    expect(moved).toMatchObject({ sessionDate: at(now(), 4), mode: 'ONLINE', location: 'Meet link' });
    const cancelled = await h.must(t.admin, 'sessions:cancel', {
      id: future,
      reason: 'College closed for elections',
    });
    expect(cancelled).toMatchObject({
      status: 'CANCELLED',
      summary: 'Cancelled: College closed for elections',
    });
    const toStudent = await notices(t.s.id);
    expect(toStudent.map((n) => n.title)).toEqual([
      expect.stringContaining('Session moved to'),
      expect.stringContaining('Session cancelled'),
    ]);
    expect(toStudent[0]!.body).toContain('Reason: Lab exam');
    expect(toStudent[1]!.body).toContain('Reason: College closed for elections');
    expect((await notices(t.m.id)).map((n) => n.title)).toEqual([
      expect.stringContaining('Session cancelled'),
    ]);
    const onPaused = await addSession(h.db.kysely, {
      assignmentId: t.paused,
      createdById: t.m.id,
      sessionDate: at(now(), 2),
      status: 'SCHEDULED',
    });
    expect(
      await h.call(t.mentor, 'sessions:reschedule', { id: onPaused, sessionDate: at(now(), 5) }),
    ).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('paused') },
    });
    expect((await h.must(t.mentor, 'sessions:cancel', { id: onPaused, reason: 'Paused' })).status).toBe(
      'CANCELLED',
    );
  });

  it('request → confirm or decline: the student asks, the mentor answers', async () => {
    const t = await setup();
    const ask = { sessionDate: at(now(), 3), mode: 'IN_PERSON' as const, topic: 'Internship offer letter' };
    const req = await h.must(t.student, 'sessions:request', ask);
    expect(req).toMatchObject({
      status: 'SCHEDULED',
      requested: true,
      createdById: t.s.id,
      assignmentId: t.active,
    });
    expect((await notices(t.m.id)).at(-1)!.title).toBe('Session request from Student0 S0');
    expect((await h.must(t.mentor, 'sessions:list', { requested: true })).rows.map((r) => r.id)).toEqual([
      req.id,
    ]);
    await h.must(t.student, 'sessions:request', ask);
    const third = await h.must(t.student, 'sessions:request', ask);
    expect(await h.call(t.student, 'sessions:request', ask)).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('3 requests') },
    });
    expect(await h.call(t.student, 'sessions:request', { ...ask, sessionDate: at(now(), -1) })).toMatchObject(
      { error: { code: 'VALIDATION' } },
    );
    expect(await h.call(h.sessionFor(t.p.id), 'sessions:request', ask)).toMatchObject({
      error: { code: 'CONFLICT', message: expect.stringContaining('no active mentor') },
    });
    expect(
      await h.call(h.sessionFor(t.p.id), 'sessions:request', { ...ask, assignmentId: t.paused }),
    ).toMatchObject({ error: { code: 'CONFLICT' } });
    const ok = await h.must(t.mentor, 'sessions:confirm', { id: req.id, location: 'Cabin 9' });
    expect(ok).toMatchObject({ requested: false, createdById: t.m.id, location: 'Cabin 9' });
    expect((await notices(t.s.id)).at(-1)!.title).toContain('Session confirmed');
    expect(await h.call(t.mentor, 'sessions:confirm', { id: req.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const declined = await h.must(t.mentor, 'sessions:cancel', {
      id: third.id,
      reason: 'Please ask the placement cell',
    });
    expect(declined.summary).toBe('Declined: Please ask the placement cell');
    expect((await notices(t.s.id)).at(-1)!.title).toContain('Session request declined');
    expect(await h.call(t.student, 'sessions:cancel', { id: third.id, reason: 'Not needed' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });

  it('action items: the mentor and the student tick them; nobody else; ENDED history is read-only', async () => {
    const t = await setup();
    const items = [
      { text: 'Pay exam fee', done: false },
      { text: 'Collect hall ticket', done: false },
    ];
    const id = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), -2),
      actionItems: items,
      summary: 'Private',
    });
    const byStudent = await h.must(t.student, 'sessions:toggle-action-item', { id, index: 1, done: true });
    expect(byStudent).toMatchObject({
      actionItems: [{ done: false }, { text: 'Collect hall ticket', done: true }],
      actionItemsOpen: 1,
      summary: null,
    });
    const byMentor = await h.must(t.mentor, 'sessions:toggle-action-item', { id, index: 0, done: true });
    expect(byMentor.actionItemsOpen).toBe(0);
    expect(await h.call(t.mentor, 'sessions:toggle-action-item', { id, index: 2, done: true })).toMatchObject(
      {
        error: { code: 'VALIDATION', issues: [{ path: 'index' }] },
      },
    );
    expect(
      await h.call(h.sessionFor(t.p.id), 'sessions:toggle-action-item', { id, index: 0, done: false }),
    ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await h.db.kysely
      .updateTable('mentor_assignments')
      .set({ status: 'ENDED', endedAt: now().toISOString() })
      .where('id', '=', t.active)
      .execute();
    expect(
      await h.call(t.student, 'sessions:toggle-action-item', { id, index: 0, done: false }),
    ).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringContaining('read-only') },
    });
    // The mentor still reads what it recorded, summary included, but cannot change it.
    expect(await h.must(t.mentor, 'sessions:get', { id })).toMatchObject({
      summary: 'Private',
      assignmentStatus: 'ENDED',
    });
    expect(await h.call(t.mentor, 'sessions:update', { id, topic: 'x' })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect(await h.call(t.mentor, 'sessions:set-next-meeting', { id, nextMeetingOn: null })).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    const byOffice = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.u.admin.id,
      sessionDate: at(now(), -5),
    });
    expect(await h.call(t.mentor, 'sessions:get', { id: byOffice })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('set-next-meeting; list, calendar, history and pending with their filters', async () => {
    const t = await setup();
    const s1 = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), -10),
    });
    const s2 = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), -3),
      status: 'SCHEDULED',
    });
    const s3 = await addSession(h.db.kysely, {
      assignmentId: t.paused,
      createdById: t.m.id,
      sessionDate: at(now(), -1),
      status: 'SCHEDULED',
    });
    const s4 = await addSession(h.db.kysely, {
      assignmentId: t.active,
      createdById: t.m.id,
      sessionDate: at(now(), 5),
      status: 'SCHEDULED',
    });
    expect(
      await h.call(t.mentor, 'sessions:set-next-meeting', { id: s1, nextMeetingOn: at(now(), -11) }),
    ).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(
      (await h.must(t.mentor, 'sessions:set-next-meeting', { id: s1, nextMeetingOn: at(now(), 5) }))
        .nextMeetingOn,
    ).toBe(at(now(), 5));
    const list = await h.must(t.admin, 'sessions:list', {
      from: at(now(), -5),
      to: at(now(), 10),
      sort: 'sessionDate',
      dir: 'asc',
    });
    expect(list.rows.map((r) => r.id)).toEqual([s2, s3, s4]);
    expect(list.rows.every((r) => !('summary' in r))).toBe(true);
    expect((await h.must(t.admin, 'sessions:list', { studentId: t.p.id })).rows.map((r) => r.id)).toEqual([
      s3,
    ]);
    expect((await h.must(t.admin, 'sessions:list', { status: 'COMPLETED', mentorId: t.m.id })).total).toBe(1);
    const cal = await h.must(t.student, 'sessions:calendar', { from: at(now(), -30), to: at(now(), 30) });
    expect(cal.rows.map((r) => r.id)).toEqual([s1, s2, s4]);
    expect(
      await h.call(t.student, 'sessions:calendar', { from: at(now(), 0), to: at(now(), -1) }),
    ).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(
      await h.call(t.student, 'sessions:calendar', { from: at(now(), 0), to: at(now(), 500) }),
    ).toMatchObject({ error: { code: 'VALIDATION' } });
    expect((await h.must(t.mentor, 'sessions:history', { studentId: t.s.id })).rows.map((r) => r.id)).toEqual(
      [s4, s2, s1],
    );
    expect((await h.must(t.student, 'sessions:history', { studentId: t.p.id })).total).toBe(0);
    const pending = await h.must(t.admin, 'sessions:pending', { departmentId: t.u.dept.id });
    expect(pending.rows.map((r) => r.id)).toEqual([s2, s3]);
    expect(pending.byMentor).toEqual([{ mentorId: t.m.id, mentorName: 'Mentor0 M0', count: 2 }]);
    expect(pending.byDepartment).toEqual([
      { departmentId: t.u.dept.id, departmentName: 'Unit under test', count: 2 },
    ]);
    expect((await h.must(h.sessionFor(t.u.mentors[1]!.id), 'sessions:pending', {})).rows).toEqual([]);
  });

  it("calendar: for every role, the session list's rows in date-then-id order, cut to what a calendar shows", async () => {
    // The calendar reads only what its screen shows (CalendarRow) and names its mentors in a second
    // read: its rows must be the list's (one joined read) cut to those fields, for every role.
    const t = await setup();
    const [m1, s2] = [t.u.mentors[1]!, t.u.students[2]!];
    const third = await t.u.link(m1, s2);
    // A mentor without a profile is named '' on both paths.
    await h.db.kysely.deleteFrom('user_profiles').where('userId', '=', m1.id).execute();
    const items = [
      { text: 'Read chapter 4', done: false },
      { text: 'Submit draft', done: true },
      { text: 'Book the lab', done: false, dueOn: '2026-04-01' },
    ];
    const day = at(now(), -2);
    const ids: string[] = [];
    for (const [i, assignmentId] of [t.active, t.paused, third, t.active, third].entries()) {
      // Three share one instant: the id breaks the tie.
      const sessionDate = i < 3 ? day : at(now(), -10 + i);
      ids.push(
        await addSession(h.db.kysely, { assignmentId, createdById: t.m.id, sessionDate, actionItems: items }),
      );
    }
    // Stored by other tools (both databases check only that it is JSON): a string, an object, and
    // items without text or not objects.
    const stored = [
      '"Read chapter 4"',
      '{"text":"x","done":false}',
      '[{"done":false},{"text":7},null,"x",{"text":"ok","done":"yes"}]',
    ];
    for (const [i, text] of stored.entries()) {
      await h.db.kysely
        .updateTable('session_records')
        .set({ actionItems: text })
        .where('id', '=', ids[i + 2]!)
        .execute();
    }
    // A student's request: `requested` on both paths.
    ids.push(
      await addSession(h.db.kysely, {
        assignmentId: t.active,
        createdById: t.s.id,
        sessionDate: at(now(), 3),
        status: 'SCHEDULED',
      }),
    );
    const range = { from: at(now(), -30), to: at(now(), 30) };
    const listed = async (who: typeof t.admin) =>
      (await h.must(who, 'sessions:list', { ...range, sort: 'sessionDate', dir: 'asc', pageSize: 200 })).rows;
    for (const who of [t.admin, t.mentor, h.sessionFor(m1.id), t.student, h.sessionFor(s2.id)]) {
      const cal = await h.must(who, 'sessions:calendar', range);
      expect(cal.truncated).toBe(false);
      expect(cal.rows).toEqual((await listed(who)).map((r) => calendarRow.parse(r)));
    }
    const cal = await h.must(t.admin, 'sessions:calendar', range);
    const open = [2, 2, 0, 0, 1, 0];
    const mentor = ['Mentor0 M0', 'Mentor0 M0', '', 'Mentor0 M0', '', 'Mentor0 M0'];
    const order = [3, 4, ...[0, 1, 2].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1)), 5];
    expect(cal.rows.map((r) => [r.id, r.mentorName, r.requested])).toEqual(
      order.map((k) => [ids[k], mentor[k], k === 5]),
    );
    expect((await listed(t.admin)).map((r) => [r.id, r.actionItemsOpen])).toEqual(
      order.map((k) => [ids[k], open[k]]),
    );
  });

  it("list: a department admin's pages, first (walked) and deep (sorted), hold its department's sessions only", async () => {
    // listSessions cuts early pages with the scope as a correlated EXISTS and deep pages with the
    // IN form (WALK_ROWS); both must give the same rows in the same order, and never another
    // department's sessions, here newer than ours and interleaved with them.
    const t = await setup();
    const other = await setup();
    const ours: { id: string; date: string }[] = [];
    for (let i = 0; i < 205; i++) {
      // Two sessions a day: the id breaks the tie.
      const date = at(now(), -1 - Math.floor(i / 2));
      const assignmentId = i % 3 === 0 ? t.paused : t.active;
      ours.push({
        id: await addSession(h.db.kysely, { assignmentId, createdById: t.m.id, sessionDate: date }),
        date,
      });
      if (i % 4 === 0) {
        await addSession(h.db.kysely, {
          assignmentId: other.active,
          createdById: other.m.id,
          sessionDate: date,
        });
      }
    }
    const expected = [...ours]
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : 1))
      .map((r) => r.id);
    const page = (n: number, pageSize: number) =>
      h.must(t.admin, 'sessions:list', { sort: 'sessionDate', dir: 'desc', page: n, pageSize });
    const [first, deep] = [await page(1, 200), await page(2, 200)];
    expect(first.total).toBe(205);
    expect(deep.total).toBe(205);
    expect([...first.rows, ...deep.rows].map((r) => r.id)).toEqual(expected);
    const small = [];
    for (let n = 1; n <= 9; n++) small.push(...(await page(n, 25)).rows.map((r) => r.id));
    expect(small).toEqual(expected.slice(0, 225));
    const byStudent = await h.must(t.admin, 'sessions:list', { sort: 'student', dir: 'asc', pageSize: 200 });
    expect(byStudent.rows.every((r) => r.departmentId === t.u.dept.id)).toBe(true);
    expect(byStudent.rows.map((r) => r.studentName)).toEqual(
      [...byStudent.rows.map((r) => r.studentName)].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('attendance drives the risk engine: two absences raise the level, a correction lowers it', async () => {
    const t = await setup();
    const level = async () =>
      (
        await h.db.kysely
          .selectFrom('student_profiles')
          .select('riskLevel')
          .where('userId', '=', t.s.id)
          .executeTakeFirstOrThrow()
      ).riskLevel;
    const base = {
      assignmentId: t.active,
      topic: 'Weekly',
      mode: 'IN_PERSON' as const,
      attendance: 'ABSENT' as const,
    };
    const first = await h.must(t.mentor, 'sessions:record', { ...base, sessionDate: at(now(), -8) });
    expect(await level()).toBe('LOW');
    await h.must(t.mentor, 'sessions:record', { ...base, sessionDate: at(now(), -1) });
    expect(await level()).toBe('MEDIUM');
    await h.must(t.mentor, 'sessions:update', { id: first.id, attendance: 'PRESENT' });
    expect(await level()).toBe('LOW');
  });
});

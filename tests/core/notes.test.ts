import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../fixtures/builders.ts';
import { DIALECTS } from '../helpers/db.ts';
import { makeHarness, type Harness } from './support/harness.ts';
import { makeUnit } from './support/mentoring-fixtures.ts';

// Restricted notes (issue 12 item 5) on both dialects: who may read a RESTRICTED note (author and the
// department admin of the student only), an audit row per read without the text, who may write, edit
// and delete, and the department setting that lets a former mentor's STAFF notes follow the student.

describe.each(DIALECTS)('student notes on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    expect(h.errors).toEqual([]);
    await h.close();
  });

  async function setup() {
    const u = await makeUnit(h.db.kysely, h.world.inst.id, { mentors: 3, students: 2 });
    const [m, co, stranger] = [u.mentors[0]!, u.mentors[1]!, u.mentors[2]!];
    const s = u.students[0]!;
    const mine = await u.link(m, s);
    await u.link(co, s);
    const instAdmin = await makeUser(h.db.kysely, 'INSTITUTION_ADMIN', u.place);
    const otherHod = h.world.deptAdmin; // department admin of another department
    const as = (id: string) => h.sessionFor(id);
    const restricted = await h.must(as(m.id), 'notes:create', {
      studentId: s.id,
      visibility: 'RESTRICTED',
      category: 'SAFEGUARDING',
      body: 'Disclosed a problem at the hostel; warden informed',
    });
    const staff = await h.must(as(m.id), 'notes:create', { studentId: s.id, body: 'Good at viva' });
    return { u, m, co, stranger, s, mine, instAdmin, otherHod, as, restricted, staff };
  }

  const codeOf = (r: { ok: true } | { ok: false; error: { code: string } }): string =>
    r.ok ? 'OK' : r.error.code;
  const ids = (r: { items: { id: string }[] }) => r.items.map((n) => n.id).sort();

  it('a RESTRICTED note is read by its author and the department admin only, and each read is audited', async () => {
    const x = await setup();
    const list = (who: string) => h.must(x.as(who), 'notes:list', { studentId: x.s.id });
    expect(ids(await list(x.m.id))).toEqual([x.restricted.id, x.staff.id].sort());
    expect(ids(await list(x.u.admin.id))).toEqual([x.restricted.id, x.staff.id].sort());
    expect(ids(await list(x.co.id))).toEqual([x.staff.id]);
    expect(ids(await list(x.instAdmin.id))).toEqual([x.staff.id]);
    expect(ids(await list(h.world.superAdmin.id))).toEqual([x.staff.id]);
    expect((await h.call(x.as(x.stranger.id), 'notes:list', { studentId: x.s.id })).ok).toBe(false);
    expect((await h.call(x.as(x.otherHod.id), 'notes:list', { studentId: x.s.id })).ok).toBe(false);
    expect(codeOf(await h.call(x.as(x.s.id), 'notes:list', { studentId: x.s.id }))).toBe('FORBIDDEN');

    const reads = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['userId', 'entityId', 'afterState'])
      .where('action', '=', 'notes:read-restricted')
      .where('entityId', '=', x.restricted.id)
      .execute();
    expect(reads.map((r) => r.userId).sort()).toEqual([x.m.id, x.u.admin.id].sort());
    const trail = await h.db.kysely
      .selectFrom('audit_logs')
      .select(['beforeState', 'afterState'])
      .where('entity', '=', 'student_notes')
      .execute();
    expect(JSON.stringify(trail)).not.toContain('hostel');
  });

  it('only the author edits; the author or the department admin deletes; non-mentees are refused', async () => {
    const x = await setup();
    const r = await h.call(x.as(x.u.admin.id), 'notes:update', { id: x.staff.id, body: 'Rewritten' });
    expect(codeOf(r)).toBe('NOT_FOUND');
    const edited = await h.must(x.as(x.m.id), 'notes:update', { id: x.staff.id, visibility: 'RESTRICTED' });
    expect(edited).toMatchObject({ visibility: 'RESTRICTED', body: 'Good at viva', canEdit: true });
    expect(ids(await h.must(x.as(x.co.id), 'notes:list', { studentId: x.s.id }))).toEqual([]);
    expect(codeOf(await h.call(x.as(x.co.id), 'notes:delete', { id: x.staff.id }))).toBe('NOT_FOUND');
    await h.must(x.as(x.u.admin.id), 'notes:delete', { id: x.staff.id });
    const other = x.u.students[1]!;
    const refused = await h.call(x.as(x.m.id), 'notes:create', { studentId: other.id, body: 'Not mine' });
    expect(codeOf(refused)).toBe('NOT_FOUND');
    const empty = await h.call(x.as(x.m.id), 'notes:create', { studentId: x.s.id, body: '   ' });
    expect(codeOf(empty)).toBe('VALIDATION');
  });

  it("a former mentor's STAFF notes follow the student only when the department allows it", async () => {
    const x = await setup();
    await h.must(x.as(x.u.admin.id), 'assignments:end', { id: x.mine, note: 'Moved to research group' });
    const coSees = async () => ids(await h.must(x.as(x.co.id), 'notes:list', { studentId: x.s.id }));
    expect(await coSees()).toEqual([]);
    const got = await h.must(x.as(x.u.admin.id), 'notes:settings-set', {
      departmentId: x.u.dept.id,
      notesFollowHandover: true,
    });
    expect(got).toMatchObject({ notesFollowHandover: true, isDefault: false });
    expect(await coSees()).toEqual([x.staff.id]);
    const packet = await h.must(x.as(x.co.id), 'handover:summary', { studentId: x.s.id });
    expect(packet.staffNotes.map((n) => n.body)).toEqual(['Good at viva']);
    expect(JSON.stringify(packet)).not.toContain('hostel');
    // The former mentor no longer opens the student's notes (not its mentee any more); its laptop keeps
    // its own notes as history (tests/sync/restricted-notes.test.ts).
    const former = await h.call(x.as(x.m.id), 'notes:list', { studentId: x.s.id });
    expect(codeOf(former)).toBe('NOT_FOUND');
  });

  it('a reassignment sends the new mentor a handover notice that links to the student', async () => {
    const x = await setup();
    // One active mentor per department: the co-mentor pairing (written directly by setup) goes first.
    await h.db.kysely
      .updateTable('mentor_assignments')
      .set({ status: 'ENDED', endedAt: h.clock.now().toISOString() })
      .where('mentorId', '=', x.co.id)
      .execute();
    await h.must(x.as(x.u.admin.id), 'assignments:reassign', { id: x.mine, mentorId: x.stranger.id });
    const notices = await h.db.kysely
      .selectFrom('notifications')
      .select(['title', 'body', 'payload'])
      .where('userId', '=', x.stranger.id)
      .where('title', 'like', 'Handover packet%')
      .execute();
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!.payload!)).toMatchObject({ kind: 'handover', studentId: x.s.id });
    const packet = await h.must(x.as(x.stranger.id), 'handover:summary', { studentId: x.s.id });
    expect(packet.previousMentor).not.toBeNull();
    // Default setting: the former mentor's STAFF note does not follow; the co-mentor's view is unchanged.
    expect(packet.staffNotes).toEqual([]);
  });
});

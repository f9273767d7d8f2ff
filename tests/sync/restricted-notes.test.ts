import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from '../fixtures/builders.ts';
import type { TestDb } from '../helpers/db.ts';
import { cacheIds, cacheRows, centralInScope, makeClient, makeWorld, type World } from './harness.ts';

// Issue 12 item 5: restricted text never leaves central for another user's cache. A mentor writes a
// RESTRICTED and a STAFF note on its laptop; after everyone syncs, the whole SQLite file of the other
// mentor, the student and the institution admin is searched for the restricted text.

const SECRET = 'Epilepsy medication changed in March; seizure plan with the warden';
const STAFF_TEXT = 'Prefers morning meetings; strong in lab work';

/** Every string in every table of a laptop's database (sync bookkeeping and audit included). */
async function everything(db: TestDb): Promise<string> {
  const { rows: tables } = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);
  const out: string[] = [];
  for (const t of tables) {
    const { rows } = await sql`select * from ${sql.table(t.name)}`.execute(db.kysely);
    out.push(JSON.stringify(rows));
  }
  return out.join('\n');
}

describe('restricted notes through sync (MariaDB central, SQLite laptops)', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  it('reach only the author and the department admin; students get no notes; the handover setting re-scopes caches', async () => {
    const { mentor, student, deptAdmin, instAdmin, dept, inst } = world.cast;
    const coMentor = await makeUser(world.central.kysely, 'MENTOR', {
      institutionId: inst.id,
      departmentId: dept.id,
      firstName: 'Co',
      lastName: 'Mentor',
    });
    const mine = await world.assign(mentor.id, student.id);
    await world.assign(coMentor.id, student.id);

    const m = await makeClient(world, mentor);
    const co = await makeClient(world, coMentor);
    const s = await makeClient(world, student);
    const office = await makeClient(world, deptAdmin);
    const inst2 = await makeClient(world, instAdmin);

    const restricted = await m.must('notes:create', {
      studentId: student.id,
      visibility: 'RESTRICTED',
      category: 'MEDICAL',
      body: SECRET,
    });
    const staff = await m.must('notes:create', {
      studentId: student.id,
      category: 'ACADEMIC',
      body: STAFF_TEXT,
    });
    expect(await m.sync()).toMatchObject({ pushed: 2, applied: 2 });
    for (const c of [co, s, office, inst2]) await c.sync();

    expect((await cacheIds(m.db)).student_notes.sort()).toEqual([restricted.id, staff.id].sort());
    expect((await cacheIds(office.db)).student_notes.sort()).toEqual([restricted.id, staff.id].sort());
    expect((await cacheIds(co.db)).student_notes).toEqual([staff.id]);
    expect((await cacheIds(inst2.db)).student_notes).toEqual([staff.id]);
    expect((await cacheIds(s.db)).student_notes).toEqual([]);
    for (const c of [co, s, inst2]) expect(await everything(c.db)).not.toContain(SECRET);
    expect(await everything(s.db)).not.toContain(STAFF_TEXT);
    for (const c of [m, co, s, office, inst2])
      expect(await cacheRows(c.db)).toEqual(await centralInScope(world.central, c.user.id));

    // The co-mentor's own list shows the STAFF note only; the office's read of the restricted one is audited.
    expect((await co.must('notes:list', { studentId: student.id })).items.map((n) => n.id)).toEqual([
      staff.id,
    ]);
    await office.must('notes:list', { studentId: student.id });
    const audits = await office.db.kysely
      .selectFrom('audit_logs')
      .select(['action', 'entityId', 'afterState'])
      .where('action', '=', 'notes:read-restricted')
      .execute();
    expect(audits.map((a) => a.entityId)).toEqual([restricted.id]);
    expect(JSON.stringify(audits)).not.toContain(SECRET);

    // Handover: the author's assignment ends. Its STAFF note stops reaching the co-mentor until the
    // department lets a former mentor's notes follow the student.
    world.clock.advance(60_000);
    await office.must('assignments:end', { id: mine, note: 'Mentor on leave' });
    await office.sync();
    await co.sync();
    expect((await cacheIds(co.db)).student_notes).toEqual([]);

    world.clock.advance(60_000);
    await office.must('notes:settings-set', { departmentId: dept.id, notesFollowHandover: true });
    expect(await office.sync()).toMatchObject({ applied: 1 });
    await co.sync();
    expect((await cacheIds(co.db)).student_notes).toEqual([staff.id]);
    expect(await everything(co.db)).not.toContain(SECRET);
    // The setting itself reaches the laptops of the department's staff: the handover summary made
    // offline says that notes follow; students' laptops get no setting.
    expect((await co.must('handover:summary', { studentId: student.id })).notesFollowHandover).toBe(true);
    expect((await co.must('notes:list', { studentId: student.id })).items.map((n) => n.id)).toEqual([
      staff.id,
    ]);
    expect((await cacheRows(co.db)).department_note_settings).toMatchObject([
      { departmentId: dept.id, notesFollowHandover: 1 },
    ]);
    for (const c of [m, co, s, office, inst2]) {
      await c.sync();
      expect(await cacheRows(c.db), `cache of ${c.user.role}`).toEqual(
        await centralInScope(world.central, c.user.id),
      );
    }
    expect((await cacheRows(s.db)).department_note_settings).toEqual([]);
    // The author keeps its own notes (history) after the assignment ended.
    await m.sync();
    expect((await cacheIds(m.db)).student_notes.sort()).toEqual([restricted.id, staff.id].sort());
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { CHUNK_BYTES, sha256Hex } from '../../src/core/attachments/blobs.repo.ts';
import { DEFAULT_RISK_THRESHOLDS } from '../../src/shared/contract/risk.contract.ts';
import { makeUser } from '../fixtures/builders.ts';
import type { TestDb } from '../helpers/db.ts';
import { makeClient, makeWorld, seed, type Client, type World } from './harness.ts';

// Attachment bytes and department settings reach the laptops that may read them (docs/attachments.md):
// a mentor uploads offline, the HOD's and the student's laptops download identical bytes, a mentor
// of other students never receives a chunk, and deleting the last attachment naming a blob evicts it.

/** A PDF by signature, 2.5 MiB of random body: three 1 MiB chunks, the last one partial. */
const bigPdf = (): Buffer =>
  Buffer.concat([
    Buffer.from('%PDF-1.4\n'),
    randomBytes(Math.floor(2.5 * CHUNK_BYTES)),
    Buffer.from('\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  ]);

async function chunkIds(db: TestDb): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from attachment_blobs order by id`.execute(db.kysely);
  return rows.map((r) => r.id);
}

async function settingsRows(db: TestDb): Promise<{ departmentId: string; riskThresholds: string }[]> {
  const { rows } = await sql<{
    departmentId: string;
    riskThresholds: string;
  }>`select departmentId, riskThresholds from department_settings`.execute(db.kysely);
  return rows;
}

async function download(c: Client, id: string): Promise<Buffer> {
  const r = await c.must('attachments:download', { id });
  return Buffer.from(r.contentBase64, 'base64');
}

describe('attachment bytes and department settings sync (MariaDB)', () => {
  let world: World;
  let assignmentId: string;
  let sessionId: string;
  let mentorA: Client;
  let hod: Client;
  let student: Client;
  let otherMentor: Client;
  const file = bigPdf();
  const sha = sha256Hex(file);
  let attachmentId: string;

  beforeAll(async () => {
    world = await makeWorld();
    const { mentor, student: s, deptAdmin, dept, inst } = world.cast;
    assignmentId = await world.assign(mentor.id, s.id);
    sessionId = await seed.session(world, assignmentId, mentor.id);
    const other = await makeUser(world.central.kysely, 'MENTOR', {
      institutionId: inst.id,
      departmentId: dept.id,
    });
    const otherStudent = await makeUser(world.central.kysely, 'STUDENT', {
      institutionId: inst.id,
      departmentId: dept.id,
    });
    await world.assign(other.id, otherStudent.id);
    mentorA = await makeClient(world, mentor);
    hod = await makeClient(world, deptAdmin);
    student = await makeClient(world, s);
    otherMentor = await makeClient(world, other);
  });
  afterAll(async () => {
    await world.close();
  });

  it('an attachment uploaded offline reaches the HOD and the student byte for byte, never another mentor', async () => {
    const up = await mentorA.must('attachments:upload', {
      relatedType: 'SESSION',
      relatedId: sessionId,
      fileName: 'plan.pdf',
      contentBase64: file.toString('base64'),
    });
    attachmentId = up.id;
    // Before anyone syncs, the HOD's laptop knows nothing of it.
    expect((await hod.call('attachments:download', { id: attachmentId })).ok).toBe(false);

    expect(await mentorA.sync()).toMatchObject({ pushed: 1, applied: 1, rejected: 0 });
    const parts = [0, 1, 2].map((p) => `${sha}:${p}`);
    expect(await chunkIds(world.central)).toEqual(parts);

    await hod.sync();
    expect((await download(hod, attachmentId)).equals(file)).toBe(true);
    expect(await chunkIds(hod.db)).toEqual(parts);

    await student.sync();
    expect((await download(student, attachmentId)).equals(file)).toBe(true);

    await otherMentor.sync();
    expect(await chunkIds(otherMentor.db)).toEqual([]);
    expect((await otherMentor.call('attachments:download', { id: attachmentId })).ok).toBe(false);

    // A second sync downloads nothing again (chunks never change once written).
    expect(await hod.sync()).toMatchObject({ pulled: 0 });
  });

  it('a new laptop gets the bytes in its initial sync', async () => {
    const fresh = await makeClient(world, world.cast.deptAdmin);
    expect((await download(fresh, attachmentId)).equals(file)).toBe(true);
    const other = await makeClient(world, otherMentorUser());
    expect(await chunkIds(other.db)).toEqual([]);
  });

  it('deleting one of two attachments naming a blob keeps it; deleting the last evicts its chunks everywhere', async () => {
    const twin = await mentorA.must('attachments:upload', {
      relatedType: 'ASSIGNMENT',
      relatedId: assignmentId,
      fileName: 'plan-copy.pdf',
      contentBase64: file.toString('base64'),
    });
    await mentorA.sync();
    await hod.sync();
    await hod.must('attachments:delete', { id: attachmentId });
    await hod.sync();
    await mentorA.sync();
    await student.sync();
    for (const c of [hod, mentorA, student]) {
      expect(await chunkIds(c.db)).toHaveLength(3);
      expect((await download(c, twin.id)).equals(file)).toBe(true);
    }

    await mentorA.must('attachments:delete', { id: twin.id });
    expect(await chunkIds(mentorA.db)).toEqual([]);
    await mentorA.sync();
    expect(await chunkIds(world.central)).toEqual([]);
    await hod.sync();
    await student.sync();
    expect(await chunkIds(hod.db)).toEqual([]);
    expect(await chunkIds(student.db)).toEqual([]);
  });

  it('an assignment that ends takes the student’s goal attachment and its blob out of the mentor’s laptop', async () => {
    const { inst, dept } = world.cast;
    const m = await makeUser(world.central.kysely, 'MENTOR', {
      institutionId: inst.id,
      departmentId: dept.id,
    });
    const s = await makeUser(world.central.kysely, 'STUDENT', {
      institutionId: inst.id,
      departmentId: dept.id,
    });
    const link = await world.assign(m.id, s.id);
    const goalId = await seed.goal(world, s.id, m.id);
    const laptop = await makeClient(world, m);
    const studentLaptop = await makeClient(world, s);
    const bytes = bigPdf();
    const up = await studentLaptop.must('attachments:upload', {
      relatedType: 'GOAL',
      relatedId: goalId,
      fileName: 'certificate.pdf',
      contentBase64: bytes.toString('base64'),
    });
    await studentLaptop.sync();
    await laptop.sync();
    expect((await download(laptop, up.id)).equals(bytes)).toBe(true);
    await hod.sync();
    await hod.must('assignments:end', { id: link, note: 'Moved to another mentor' });
    await hod.sync();
    await laptop.sync();
    expect(await chunkIds(laptop.db)).toEqual([]);
    expect((await download(hod, up.id)).equals(bytes)).toBe(true);
  });

  it('department settings reach the users of that department only', async () => {
    const thresholds = { ...DEFAULT_RISK_THRESHOLDS, gpa: { medium: 7, high: 5.5 } };
    await hod.must('risk:set-thresholds', { thresholds });
    await hod.sync();
    const { dept, otherDept, inst } = world.cast;
    for (const c of [mentorA, student]) {
      await c.sync();
      const rows = await settingsRows(c.db);
      expect(rows.map((r) => r.departmentId)).toEqual([dept.id]);
      expect(JSON.parse(rows[0]!.riskThresholds)).toMatchObject({ gpa: { medium: 7, high: 5.5 } });
    }
    // A mentor of another department never receives this department's settings.
    const elsewhere = await makeUser(world.central.kysely, 'MENTOR', {
      institutionId: inst.id,
      departmentId: otherDept.id,
    });
    const far = await makeClient(world, elsewhere);
    expect(await settingsRows(far.db)).toEqual([]);
  });

  function otherMentorUser() {
    return otherMentor.user;
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type Connection } from 'mysql2/promise';
import { parseDbUrl } from '../../src/core/db/url.ts';
import { getCursor } from '../../src/core/sync/local-state.ts';
import { makeUser } from '../fixtures/builders.ts';
import {
  cacheIds,
  cacheRows,
  centralInScope,
  makeClient,
  makeWorld,
  type Client,
  type World,
} from './harness.ts';

// SYNC.md proofs 5 and 7 through the real pull: writes that do not come from this app's push.

async function raw(world: World): Promise<Connection> {
  const u = parseDbUrl(world.central.urlText);
  if (u.kind !== 'mysql') throw new Error('mysql only');
  const c = await createConnection({
    host: u.host,
    port: u.port,
    user: u.user,
    password: u.password,
    database: u.database,
  });
  await c.query("SET time_zone = '+00:00'");
  return c;
}

const gpaOf = async (c: Client, userId: string) =>
  (
    await c.db.kysely
      .selectFrom('student_profiles')
      .select('gpa')
      .where('userId', '=', userId)
      .executeTakeFirst()
  )?.gpa;

describe('writes made outside the app reach the laptops (MariaDB)', () => {
  let world: World;
  let admin: Client;
  let mentor: Client;
  let student: Client;
  let otherAdmin: Client;
  beforeAll(async () => {
    world = await makeWorld();
    await world.assign(world.cast.mentor.id, world.cast.student.id);
    const other = await makeUser(world.central.kysely, 'DEPARTMENT_ADMIN', {
      institutionId: world.cast.inst.id,
      departmentId: world.cast.otherDept.id,
    });
    admin = await makeClient(world, world.cast.deptAdmin);
    mentor = await makeClient(world, world.cast.mentor);
    student = await makeClient(world, world.cast.student);
    otherAdmin = await makeClient(world, other);
  });
  afterAll(async () => {
    await world.close();
  });

  it('5. a writer that takes its seq first but commits last is still delivered', async () => {
    const [a, b] = await Promise.all([raw(world), raw(world)]);
    const second = await makeUser(world.central.kysely, 'STUDENT', { departmentId: world.cast.dept.id });
    await admin.sync();
    try {
      const cursor = await getCursor(admin.db.kysely);
      await a.beginTransaction();
      await a.query('UPDATE student_profiles SET gpa = 4.25 WHERE userId = ?', [world.cast.student.id]);
      await b.beginTransaction();
      // B's trigger queues on the counter row A holds, so B cannot take a seq before A commits.
      const bDone = b
        .query('UPDATE student_profiles SET gpa = 5.75 WHERE userId = ?', [second.id])
        .then(() => b.commit());
      await new Promise((r) => setTimeout(r, 300));
      await admin.sync();
      expect(await getCursor(admin.db.kysely)).toBe(cursor);
      await a.commit();
      await bDone;
      await admin.sync();
      expect(await gpaOf(admin, world.cast.student.id)).toBe(4.25);
      expect(await gpaOf(admin, second.id)).toBe(5.75);
      expect(await cacheRows(admin.db)).toEqual(await centralInScope(world.central, admin.user.id));
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('7. rows written directly in MySQL with plain SQL reach every client in scope, and only them', async () => {
    const c = await raw(world);
    try {
      const s = world.cast.student.id;
      await c.query(
        "UPDATE student_profiles SET gpa = 6.75, updatedAt = '2026-02-03 08:00:00.000' WHERE userId = ?",
        [s],
      );
      await c.query(
        `INSERT INTO goals (id, studentId, title, category, status, progressPct, createdById, createdAt, updatedAt)
         VALUES ('goal-plain-sql', ?, 'Clear the backlog in Maths', 'ACADEMIC', 'IN_PROGRESS', 10, ?, NOW(3), NOW(3))`,
        [s, world.cast.deptAdmin.id],
      );
      await c.query(
        `INSERT INTO alerts (id, studentId, severity, category, message, status, createdAt)
         VALUES ('alert-plain-sql', ?, 'CRITICAL', 'GPA', 'GPA below threshold', 'OPEN', NOW(3))`,
        [s],
      );
      for (const client of [admin, mentor, student, otherAdmin]) await client.sync();

      for (const client of [admin, mentor]) {
        expect(await gpaOf(client, s)).toBe(6.75);
        expect((await cacheIds(client.db)).goals).toContain('goal-plain-sql');
        expect((await cacheIds(client.db)).alerts).toContain('alert-plain-sql');
      }
      expect((await cacheIds(student.db)).goals).toContain('goal-plain-sql');
      expect((await cacheIds(student.db)).alerts).not.toContain('alert-plain-sql');
      expect((await cacheIds(otherAdmin.db)).goals).not.toContain('goal-plain-sql');
      expect((await cacheIds(otherAdmin.db)).student_profiles).not.toContain(s);
      for (const client of [admin, mentor, student, otherAdmin]) {
        expect(await cacheRows(client.db)).toEqual(await centralInScope(world.central, client.user.id));
      }

      await c.query("DELETE FROM goals WHERE id = 'goal-plain-sql'");
      for (const client of [admin, mentor, student]) {
        await client.sync();
        expect((await cacheIds(client.db)).goals).not.toContain('goal-plain-sql');
      }
    } finally {
      await c.end();
    }
  });
});

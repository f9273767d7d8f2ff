import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type Connection } from 'mysql2/promise';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { parseDbUrl } from '../../src/core/db/url.ts';
import { MIGRATIONS } from '../../migrations/index.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { makeCast, makeDepartment, makeInstitution } from '../fixtures/builders.ts';

const AT = '2026-01-20T10:00:00.000Z';

// Central change capture on real MariaDB (SYNC.md): triggers record every write with a
// commit-ordered seq. The negative control shows why a plain AUTO_INCREMENT log is not enough.

async function rawConnection(db: TestDb): Promise<Connection> {
  const u = parseDbUrl(db.urlText);
  if (u.kind !== 'mysql') throw new Error('mysql only');
  const c = await createConnection({
    host: u.host,
    port: u.port,
    user: u.user,
    password: u.password,
    database: u.database,
  });
  await c.query("SET time_zone = '+00:00', innodb_lock_wait_timeout = 20");
  return c;
}

const changes = async (c: Connection, after: number) =>
  (
    await c.query('SELECT seq, tableName, rowId, op FROM sync_changes WHERE seq > ? ORDER BY seq', [after])
  )[0] as {
    seq: number;
    tableName: string;
    rowId: string;
    op: string;
  }[];

const insertInstitution = (c: Connection, id: string) =>
  c.query(
    "INSERT INTO institutions (id, name, code, updatedAt) VALUES (?, ?, ?, '2026-01-01 00:00:00.000')",
    [id, `Inst ${id}`, id],
  );

describe('central change capture (MariaDB)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb('mysql');
  });
  afterAll(async () => {
    await db.drop();
  });

  it('records inserts, updates, deletes and primary-key changes with increasing seq', async () => {
    const c = await rawConnection(db);
    try {
      const start = (await changes(c, 0)).at(-1)?.seq ?? 0;
      const inst = await makeInstitution(db.kysely);
      await db.kysely
        .updateTable('institutions')
        .set({ name: 'Renamed' })
        .where('id', '=', inst.id)
        .execute();
      await c.query('UPDATE institutions SET id = ? WHERE id = ?', ['moved-id', inst.id]);
      await db.kysely.deleteFrom('institutions').where('id', '=', 'moved-id').execute();
      const got = await changes(c, start);
      expect(got.map((g) => [g.rowId, g.op])).toEqual([
        [inst.id, 'UPSERT'],
        [inst.id, 'UPSERT'],
        [inst.id, 'DELETE'],
        ['moved-id', 'UPSERT'],
        ['moved-id', 'DELETE'],
      ]);
      expect(got.map((g) => g.seq)).toEqual(got.map((_, i) => start + i + 1));
    } finally {
      await c.end();
    }
  });

  it('a write made with plain SQL by another tool is captured too', async () => {
    const c = await rawConnection(db);
    try {
      const before = (await changes(c, 0)).at(-1)?.seq ?? 0;
      await insertInstitution(c, 'plain-sql');
      expect(await changes(c, before)).toMatchObject([
        { tableName: 'institutions', rowId: 'plain-sql', op: 'UPSERT' },
      ]);
    } finally {
      await c.end();
    }
  });

  it('audit rows take no change-log version (no laptop pulls them; migration 0015)', async () => {
    const c = await rawConnection(db);
    try {
      const before = Number(
        ((await c.query('SELECT v FROM sync_counter WHERE id = 1'))[0] as { v: number }[])[0]!.v,
      );
      await c.query('START TRANSACTION');
      await insertInstitution(c, 'audited');
      await c.query(
        "INSERT INTO audit_logs (action, entity, entityId, createdAt) VALUES ('test', 'institutions', 'audited', '2026-01-01 00:00:00.000')",
      );
      await c.query("UPDATE audit_logs SET action = 'test2' WHERE entityId = 'audited'");
      await c.query('COMMIT');
      expect((await changes(c, before)).map((g) => g.tableName)).toEqual(['institutions']);
      const [triggers] = await c.query(
        "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 'audit_logs'",
      );
      expect(triggers).toEqual([]);
    } finally {
      await c.end();
    }
  });

  it('a transaction that started writing first but commits last is never skipped by a cursor', async () => {
    const [a, b, reader] = await Promise.all([rawConnection(db), rawConnection(db), rawConnection(db)]);
    try {
      let cursor = (await changes(reader, 0)).at(-1)?.seq ?? 0;
      const seen: string[] = [];
      const pull = async () => {
        for (const ch of await changes(reader, cursor)) {
          seen.push(ch.rowId);
          cursor = ch.seq;
        }
      };
      await a.beginTransaction();
      await insertInstitution(a, 'late-writer');
      await b.beginTransaction();
      // B's trigger waits on the counter row A holds: B cannot take a version until A commits.
      const bDone = insertInstitution(b, 'early-committer').then(() => b.commit());
      await new Promise((r) => setTimeout(r, 300));
      await pull();
      expect(seen).toEqual([]);
      await a.commit();
      await bDone;
      await pull();
      expect(seen.sort()).toEqual(['early-committer', 'late-writer']);
    } finally {
      await Promise.all([a.end(), b.end(), reader.end()]);
    }
  });

  it('negative control: a plain AUTO_INCREMENT log read by "seq > cursor" loses the late commit', async () => {
    const [setup, a, b, reader] = await Promise.all([
      rawConnection(db),
      rawConnection(db),
      rawConnection(db),
      rawConnection(db),
    ]);
    try {
      await setup.query(
        'CREATE TABLE naive_changes (seq BIGINT AUTO_INCREMENT PRIMARY KEY, rowId VARCHAR(191) NOT NULL) ENGINE=InnoDB',
      );
      let cursor = 0;
      const seen: string[] = [];
      const pull = async () => {
        const [rows] = await reader.query('SELECT seq, rowId FROM naive_changes WHERE seq > ? ORDER BY seq', [
          cursor,
        ]);
        for (const r of rows as { seq: number; rowId: string }[]) {
          seen.push(r.rowId);
          cursor = r.seq;
        }
      };
      await a.beginTransaction();
      await a.query("INSERT INTO naive_changes (rowId) VALUES ('late-writer')");
      await b.beginTransaction();
      await b.query("INSERT INTO naive_changes (rowId) VALUES ('early-committer')");
      await b.commit();
      await pull(); // sees seq 2, moves the cursor past the still-open seq 1
      await a.commit();
      await pull();
      expect(seen).toEqual(['early-committer']); // 'late-writer' is lost forever
    } finally {
      await Promise.all([setup.end(), a.end(), b.end(), reader.end()]);
    }
  });

  it('migration 0009 captures department_note_settings, and records the rows saved before it once', async () => {
    const older = await freshDb('mysql', { migrate: false });
    const c = await rawConnection(older);
    try {
      const upTo0008 = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0009'));
      await migrateToLatest(older, { migrations: { getMigrations: async () => upTo0008 } });
      const inst = await makeInstitution(older.kysely);
      const [a, b] = [
        await makeDepartment(older.kysely, inst.id),
        await makeDepartment(older.kysely, inst.id),
      ];
      const saved = {
        notesFollowHandover: 1,
        createdAt: '2026-01-05T10:00:00.000Z',
        updatedAt: '2026-01-05T10:00:00.000Z',
      };
      await older.kysely
        .insertInto('department_note_settings')
        .values({ departmentId: a.id, ...saved })
        .execute();
      const before = (await changes(c, 0)).at(-1)?.seq ?? 0;
      expect((await changes(c, before - 1)).map((g) => g.tableName)).not.toContain(
        'department_note_settings',
      );

      await migrateToLatest(older);
      expect(await changes(c, before)).toMatchObject([
        { seq: before + 1, tableName: 'department_note_settings', rowId: a.id, op: 'UPSERT' },
      ]);
      await older.kysely
        .insertInto('department_note_settings')
        .values({ departmentId: b.id, ...saved })
        .execute();
      await older.kysely.deleteFrom('department_note_settings').where('departmentId', '=', a.id).execute();
      expect((await changes(c, before + 1)).map((g) => [g.rowId, g.op])).toEqual([
        [b.id, 'UPSERT'],
        [a.id, 'DELETE'],
      ]);
    } finally {
      await c.end();
      await older.drop();
    }
  });

  it('migration 0017: a session change names its assignment; the triggers keep their names, none lost', async () => {
    const older = await freshDb('mysql', { migrate: false });
    const c = await rawConnection(older);
    const triggers = async () =>
      (
        (await c.query(
          "SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() AND EVENT_OBJECT_TABLE = 'session_records' ORDER BY name",
        )) as unknown as [{ name: string }[]]
      )[0].map((t) => t.name);
    const assignment = (cast: Awaited<ReturnType<typeof makeCast>>, id: string) =>
      older.kysely
        .insertInto('mentor_assignments')
        .values({
          id,
          mentorId: cast.mentor.id,
          studentId: cast.student.id,
          departmentId: cast.dept.id,
          assignedById: cast.deptAdmin.id,
          status: 'ACTIVE',
          assignedAt: AT,
          createdAt: AT,
          updatedAt: AT,
        })
        .execute();
    const session = (cast: Awaited<ReturnType<typeof makeCast>>, id: string, assignmentId: string) =>
      older.kysely
        .insertInto('session_records')
        .values({
          id,
          assignmentId,
          sessionDate: AT,
          mode: 'ONLINE',
          topic: 'Plan',
          createdById: cast.mentor.id,
          createdAt: AT,
          updatedAt: AT,
        })
        .execute();
    const sessionChanges = async (after: number) =>
      (
        (await c.query(
          "SELECT rowId, op, parentId FROM sync_changes WHERE seq > ? AND tableName = 'session_records' ORDER BY seq",
          [after],
        )) as unknown as [{ rowId: string; op: string; parentId: string | null }[]]
      )[0];
    try {
      const upTo0016 = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0017'));
      await migrateToLatest(older, { migrations: { getMigrations: async () => upTo0016 } });
      const cast = await makeCast(older.kysely);
      await assignment(cast, 'a-1');
      await assignment(cast, 'a-2');
      await session(cast, 's-old', 'a-1');

      await migrateToLatest(older);
      expect(await triggers()).toEqual([
        'smms_sync_session_records_ad',
        'smms_sync_session_records_ai',
        'smms_sync_session_records_au',
      ]);
      // Logged before the step: no parent (a pull asks about it whatever the laptop holds).
      expect(await sessionChanges(0)).toEqual([{ rowId: 's-old', op: 'UPSERT', parentId: null }]);
      const [[{ seq }]] = (await c.query('SELECT max(seq) AS seq FROM sync_changes')) as unknown as [
        [{ seq: number }],
      ];
      await session(cast, 's-new', 'a-1');
      await older.kysely
        .updateTable('session_records')
        .set({ assignmentId: 'a-2' })
        .where('id', '=', 's-new')
        .execute();
      await older.kysely
        .updateTable('session_records')
        .set({ id: 's-moved' })
        .where('id', '=', 's-new')
        .execute();
      await older.kysely.deleteFrom('session_records').where('id', '=', 's-moved').execute();
      expect(await sessionChanges(seq)).toEqual([
        { rowId: 's-new', op: 'UPSERT', parentId: 'a-1' },
        { rowId: 's-new', op: 'UPSERT', parentId: 'a-2' },
        { rowId: 's-new', op: 'DELETE', parentId: 'a-2' },
        { rowId: 's-moved', op: 'UPSERT', parentId: 'a-2' },
        { rowId: 's-moved', op: 'DELETE', parentId: 'a-2' },
      ]);
      // Other tables' rows name no parent.
      const [[other]] = (await c.query(
        "SELECT parentId FROM sync_changes WHERE tableName = 'mentor_assignments' ORDER BY seq DESC LIMIT 1",
      )) as unknown as [[{ parentId: string | null }]];
      expect(other).toEqual({ parentId: null });

      // Down and up again: back to 0003's triggers (no parent, and no column for it), and back.
      const step = MIGRATIONS['0017_session_change_parent']!;
      await step.down!(older.kysely);
      expect(await triggers()).toHaveLength(3);
      await session(cast, 's-down', 'a-1');
      await step.up(older.kysely);
      // A step that stopped half-way runs again: the column is there already, the triggers swap again.
      await step.up(older.kysely);
      expect(await triggers()).toHaveLength(3);
      await session(cast, 's-up', 'a-2');
      expect((await sessionChanges(seq)).slice(-2)).toEqual([
        { rowId: 's-down', op: 'UPSERT', parentId: null },
        { rowId: 's-up', op: 'UPSERT', parentId: 'a-2' },
      ]);
    } finally {
      await c.end();
      await older.drop();
    }
  });

  it('SQLite (local) has no triggers or central tables', async () => {
    const local = await freshDb('sqlite');
    try {
      const tables = (await local.kysely.introspection.getTables()).map((t) => t.name);
      expect(tables).toContain('sync_outbox');
      expect(tables).not.toContain('sync_changes');
    } finally {
      await local.drop();
    }
  });
});

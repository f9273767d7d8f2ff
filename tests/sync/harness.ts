import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely, type KyselyPlugin } from 'kysely';
import { connect, type Db } from '../../src/core/db/connect.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { createSyncedLocalCore, type SyncedLocalCore } from '../../src/core/sync/local-core.ts';
import { syncOnce, type SyncOnceOptions, type SyncReport } from '../../src/core/sync/engine.ts';
import { syncScopeFor } from '../../src/core/sync/scope.ts';
import { SYNCED_TABLE_NAMES, pkOf, type Row, type SyncedTable } from '../../src/core/sync/tables.ts';
import { loadActor } from '../../src/core/auth/actor.ts';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract/index.ts';
import type { Result } from '../../src/shared/result.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { makeCast, type MadeUser } from '../fixtures/builders.ts';

// A central MariaDB and laptops (in-memory SQLite caches) syncing against it through the real engine.

export type Cast = Awaited<ReturnType<typeof makeCast>>;

export interface World {
  central: TestDb;
  cast: Cast;
  clock: ManualClock;
  clients: Client[];
  /** An ACTIVE assignment of mentor → student, written directly (no assignment calls yet). */
  assign(mentorId: string, studentId: string): Promise<string>;
  close(): Promise<void>;
}

export interface Client {
  user: MadeUser;
  db: TestDb;
  local: SyncedLocalCore;
  session: string;
  /** File-backed clients only: close the database and open it again, as after a crash. */
  restart(): Promise<void>;
  sync(extra?: Partial<SyncOnceOptions>): Promise<SyncReport>;
  call<K extends CallName>(name: K, input: CallInput<K>): Promise<Result<CallOutput<K>>>;
  must<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>>;
}

export async function makeWorld(): Promise<World> {
  const central = await freshDb('mysql');
  const cast = await makeCast(central.kysely);
  const clock = new ManualClock('2026-02-01T09:00:00.000Z');
  const clients: Client[] = [];
  return {
    central,
    cast,
    clock,
    clients,
    async assign(mentorId, studentId) {
      const id = uuidv7();
      const now = clock.now().toISOString();
      await central.kysely
        .insertInto('mentor_assignments')
        .values({
          id,
          mentorId,
          studentId,
          departmentId: cast.dept.id,
          assignedById: cast.deptAdmin.id,
          status: 'ACTIVE',
          assignedAt: now,
          endedAt: null,
          notes: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      return id;
    },
    async close() {
      for (const c of clients) await c.db.drop();
      await central.drop();
    },
  };
}

async function openLocal(file: string | null): Promise<TestDb> {
  if (!file) return freshDb('sqlite');
  const db = connect(`sqlite:${file}`);
  await migrateToLatest(db);
  return { ...db, urlText: `sqlite:${file}`, drop: () => db.close() };
}

export interface ClientOptions {
  firstSync?: boolean;
  /** Back the cache with a file, so the client can be restarted. */
  file?: boolean;
}

/** A laptop for `user`: a fresh synced cache, snapshot taken, a trusted session open. */
export async function makeClient(world: World, user: MadeUser, options: ClientOptions = {}): Promise<Client> {
  const file = options.file ? join(mkdtempSync(join(tmpdir(), 'smms-sync-')), 'laptop.sqlite') : null;
  const open = async () => {
    const db = await openLocal(file);
    const local = await createSyncedLocalCore({
      db,
      appVersion: 'test',
      platform: 'test',
      clock: world.clock,
      validateOutput: true,
    });
    return { db, local, session: local.core.openTrustedSession(user.id) };
  };
  // Tests move the clock past the idle lock: each call signs in afresh (the user is at the laptop).
  const call = async <K extends CallName>(name: K, input: CallInput<K>) => {
    client.session = client.local.core.openTrustedSession(user.id);
    return (await client.local.core.dispatch(name, input, client.session)) as Result<CallOutput<K>>;
  };
  const client: Client = {
    user,
    ...(await open()),
    async restart() {
      if (!file) throw new Error('only file-backed clients restart');
      await client.db.drop();
      Object.assign(client, await open());
    },
    sync: (extra = {}) =>
      syncOnce({
        local: client.db,
        central: world.central,
        userId: user.id,
        appVersion: 'test',
        clock: world.clock,
        ...extra,
      }),
    call,
    async must(name, input) {
      const r = await call(name, input);
      if (!r.ok)
        throw new Error(
          `${name} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`,
        );
      return r.data;
    },
  };
  world.clients.push(client);
  if (options.firstSync ?? true) await client.sync();
  return client;
}

const sortRows = (rows: Row[], pk: string): Row[] =>
  [...rows].sort((a, b) => (String(a[pk]) < String(b[pk]) ? -1 : String(a[pk]) > String(b[pk]) ? 1 : 0));

/** Every synced table of a cache, rows sorted by primary key. */
export async function cacheRows(db: TestDb): Promise<Record<SyncedTable, Row[]>> {
  const out = {} as Record<SyncedTable, Row[]>;
  for (const t of SYNCED_TABLE_NAMES) {
    const { rows } = await sql<Row>`select * from ${sql.table(t)}`.execute(db.kysely);
    out[t] = sortRows(rows, pkOf(t));
  }
  return out;
}

/** Central restricted to the user's scope, with the same column masks a pull applies. */
export async function centralInScope(central: TestDb, userId: string): Promise<Record<SyncedTable, Row[]>> {
  const actor = await loadActor(central.kysely, userId);
  if (!actor) throw new Error(`user ${userId} is not active on central`);
  const scope = syncScopeFor(actor);
  const out = {} as Record<SyncedTable, Row[]>;
  for (const t of SYNCED_TABLE_NAMES) {
    const { rows } = await sql<Row>`select * from ${sql.table(t)} where ${scope.where(t)}`.execute(
      central.kysely,
    );
    out[t] = sortRows(
      rows.map((r) => mask(t, r, actor)),
      pkOf(t),
    );
  }
  return out;
}

function mask(table: SyncedTable, row: Row, actor: { userId: string; role: string }): Row {
  if (table === 'users' && row.id !== actor.userId) return { ...row, passwordHash: '' };
  if (table === 'session_records' && actor.role === 'STUDENT') return { ...row, summary: null };
  return row;
}

/** Ids per table of a cache (for "never outside scope" checks). */
export async function cacheIds(db: TestDb): Promise<Record<SyncedTable, string[]>> {
  const rows = await cacheRows(db);
  const out = {} as Record<SyncedTable, string[]>;
  for (const t of SYNCED_TABLE_NAMES) out[t] = rows[t].map((r) => String(r[pkOf(t)]));
  return out;
}

export async function outboxStatuses(client: Client): Promise<string[]> {
  const rows = await client.db.kysely.selectFrom('sync_outbox').select('status').orderBy('seq').execute();
  return rows.map((r) => r.status);
}

const AT = '2026-01-20T10:00:00.000Z';

/** Mentoring rows written straight into central (the mentoring calls are not built yet). */
export const seed = {
  async session(w: World, assignmentId: string, createdById: string, summary = 'Private notes') {
    const id = uuidv7();
    await w.central.kysely
      .insertInto('session_records')
      .values({
        id,
        assignmentId,
        sessionDate: AT,
        mode: 'IN_PERSON',
        location: 'Room 101',
        topic: 'Semester plan',
        summary,
        actionItems: JSON.stringify([{ text: 'Revise DBMS', done: false }]),
        nextMeetingOn: null,
        attendance: 'PRESENT',
        status: 'COMPLETED',
        createdById,
        createdAt: AT,
        updatedAt: AT,
      })
      .execute();
    return id;
  },
  async feedback(
    w: World,
    sessionId: string,
    giver: string,
    recipient: string,
    visibility: 'MENTOR' | 'STUDENT' | 'DEPARTMENT_ADMIN',
  ) {
    const id = uuidv7();
    await w.central.kysely
      .insertInto('session_feedback')
      .values({
        id,
        sessionId,
        giverUserId: giver,
        recipientUserId: recipient,
        type: 'STUDENT_TO_MENTOR',
        rating: 4,
        comments: `visible to ${visibility}`,
        visibility,
        createdAt: AT,
        updatedAt: AT,
      })
      .execute();
    return id;
  },
  async goal(w: World, studentId: string, createdById: string) {
    const id = uuidv7();
    await w.central.kysely
      .insertInto('goals')
      .values({
        id,
        studentId,
        title: 'Improve attendance',
        category: 'ACADEMIC',
        description: null,
        targetDate: null,
        createdById,
        createdAt: AT,
        updatedAt: AT,
      })
      .execute();
    await w.central.kysely
      .insertInto('goal_updates')
      .values({
        id: uuidv7(),
        goalId: id,
        notedById: createdById,
        note: 'Started',
        progressPct: 10,
        status: 'IN_PROGRESS',
        createdAt: AT,
      })
      .execute();
    return id;
  },
  async alert(w: World, studentId: string) {
    const id = uuidv7();
    await w.central.kysely
      .insertInto('alerts')
      .values({
        id,
        studentId,
        severity: 'WARN',
        category: 'ATTENDANCE',
        message: 'Attendance below 75%',
        sourceRef: null,
        createdAt: AT,
        closedAt: null,
        closedById: null,
      })
      .execute();
    return id;
  },
  async notification(w: World, userId: string) {
    const id = uuidv7();
    await w.central.kysely
      .insertInto('notifications')
      .values({
        id,
        userId,
        type: 'ASSIGNMENT',
        title: 'Welcome',
        body: 'Hello',
        payload: JSON.stringify({ k: 1 }),
        readAt: null,
        createdAt: AT,
      })
      .execute();
    return id;
  },
};

/** A plugin that records the SQL of every statement Kysely compiles (compiled by `compiler`). */
function recorder(compiler: Kysely<Database>, into: string[]): KyselyPlugin {
  return {
    transformQuery({ node, queryId }) {
      into.push(compiler.getExecutor().compileQuery(node, queryId).sql.replace(/\s+/g, ' '));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

/** world.central's database through a pool of its own that records every statement's SQL. */
export function recordingCentral(w: World): { db: Db; statements: string[] } {
  const statements: string[] = [];
  const db = connect(w.central.urlText, { poolSize: 2, plugins: [recorder(w.central.kysely, statements)] });
  return { db, statements };
}

/** A laptop's cache as a Db whose statements (through Kysely) are recorded. */
export function recordingLocal(c: Client): { db: Db; statements: string[] } {
  const statements: string[] = [];
  return { db: { ...c.db, kysely: c.db.kysely.withPlugin(recorder(c.db.kysely, statements)) }, statements };
}

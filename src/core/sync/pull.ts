import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  applyPlan,
  emptyPlan,
  localStatements,
  type ApplyPlan,
  type ApplyStats,
  type Uniques,
} from './apply.ts';
import { stopCapture } from './capture.ts';
import { central, counterValue } from './central.ts';
import type { EngineContext } from './engine-context.ts';
import { hit } from './faults.ts';
import { addRefetch, asLocal, protectedRows, setState } from './local-state.ts';
import { addId, descendants, type IdSets, type Roots } from './reconcile.ts';
import { fetchLargeRows } from './large-rows.ts';
import { centralIdsInScope, centralRowsByIds, localIdSet, localRowsByIds } from './rows.ts';
import type { SyncScope } from './scope.ts';
import { CHANGE_PARENT, LARGE_ROW_PAGE, isSyncedTable, pkOf, type Row, type SyncedTable } from './tables.ts';

// Pull (SYNC.md "Pull"; decisions 6–7). Each batch is read in ONE consistent MySQL snapshot: up to
// batchSize changes after the cursor, the current rows of the changed ids through the scope, and the
// rows whose scope those changes moved. The batch is then applied with the new cursor in ONE SQLite
// transaction, so a crash anywhere leaves either the old state and cursor or the new ones.

export interface Batch {
  /** The highest seq read, or null when central had nothing after the cursor. */
  lastSeq: number | null;
  changes: number;
  plan: ApplyPlan;
  /** Refetch requests this batch resolved (forgotten when the batch commits). */
  refetched: { tableName: string; rowId: string }[];
  /** The user's own role, department, institution or status changed: re-run the whole scope. */
  fullReconcile: boolean;
  /** The cursor is older than the pruned log: only a fresh snapshot is correct. */
  resync: boolean;
}

const SCOPE_COLUMNS = ['roleId', 'departmentId', 'institutionId', 'status'];

async function inSnapshot<T>(db: Kysely<Database>, fn: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  return central(() =>
    db.connection().execute(async (conn) => {
      // REPEATABLE READ is the session's level on every central connection (db/connect.ts).
      await sql`start transaction with consistent snapshot, read only`.execute(conn);
      let failed = false;
      try {
        return await fn(conn);
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        // A dropped connection cannot commit; the original error is the one worth reporting.
        await sql`commit`.execute(conn).catch((e: unknown) => {
          if (!failed) throw e;
        });
      }
    }),
  );
}

async function needsResync(conn: Kysely<Database>, cursor: number): Promise<boolean> {
  const { rows } = await sql<{ m: number | string | null }>`select min(seq) as m from sync_changes`.execute(
    conn,
  );
  const oldest = rows[0]?.m;
  if (oldest === null || oldest === undefined) return (await counterValue(conn)) > cursor;
  return Number(oldest) > cursor + 1;
}

/** Users whose links to the actor a changed assignment may have made or broken (MENTOR, STUDENT). */
async function assignmentRoots(
  conn: Kysely<Database>,
  ctx: EngineContext,
  scope: SyncScope,
  ids: string[],
  fetched: Row[],
): Promise<string[]> {
  if (scope.actor.role !== 'MENTOR' && scope.actor.role !== 'STUDENT') return [];
  const cached = await localRowsByIds(ctx.local.kysely, 'mentor_assignments', ids);
  const users = new Set<string>();
  for (const r of [...fetched, ...cached]) for (const c of ['studentId', 'mentorId']) users.add(String(r[c]));
  // Another mentor's assignment of a cached student (outside this scope) can still move what this user
  // may read about the student: a former mentor's notes (scopeNotes). Only the student ids are read,
  // and only students already in the cache become roots.
  const others = await conn
    .selectFrom('mentor_assignments')
    .select('studentId')
    .where('id', 'in', ids)
    .execute();
  const held = await localIdSet(
    ctx.local.kysely,
    'users',
    others.map((r) => r.studentId),
  );
  for (const id of held) users.add(id);
  users.delete(scope.actor.userId);
  return [...users];
}

async function ownRowMoved(ctx: EngineContext, scope: SyncScope, fetched: Row[]): Promise<boolean> {
  const [cached] = await localRowsByIds(ctx.local.kysely, 'users', [scope.actor.userId]);
  const now = fetched.find((r) => r.id === scope.actor.userId);
  if (!cached || !now) return true;
  return SCOPE_COLUMNS.some((c) => cached[c] !== now[c]);
}

async function resolve(
  conn: Kysely<Database>,
  ctx: EngineContext,
  scope: SyncScope,
  table: SyncedTable,
  ids: string[],
  plan: ApplyPlan,
  held?: ReadonlySet<string>,
): Promise<Row[]> {
  const pk = pkOf(table);
  let rows: Row[];
  if (LARGE_ROW_PAGE[table] !== undefined) {
    // Ids only here; the rows are downloaded page by page when the batch is applied.
    rows = (await centralIdsInScope(conn, scope, table, ids)).map((id) => ({ [pk]: id }));
    const want = plan.fetches.get(table) ?? new Set<string>();
    for (const r of rows) want.add(String(r[pk]));
    plan.fetches.set(table, want);
  } else {
    rows = await centralRowsByIds(conn, scope, ctx.columns, table, ids);
    plan.upserts.set(table, [...(plan.upserts.get(table) ?? []), ...rows]);
  }
  const got = new Set(rows.map((r) => String(r[pk])));
  // `held`: the ids the cache holds, when the caller read them. Only a cached row can be evicted, and
  // most ids a busy round's changes name were never in this laptop's scope (a student's pull after
  // 200 laptops wrote: ~200 changed ids, 2 of them its own); deleting them all was one more local
  // statement per table, prepared afresh for its length.
  const gone = plan.evictions.get(table) ?? new Set<string>();
  for (const id of ids) if (!got.has(id) && (held?.has(id) ?? true)) gone.add(id);
  plan.evictions.set(table, gone);
  return rows;
}

async function readCandidates(conn: Kysely<Database>, ctx: EngineContext, cursor: number) {
  const changes = await conn
    .selectFrom('sync_changes')
    .select(['seq', 'tableName', 'rowId', 'op', 'parentId'])
    .where('seq', '>', cursor)
    .orderBy('seq')
    .limit(ctx.batchSize)
    .execute();
  const refetched = await asLocal(ctx.local.kysely)
    .selectFrom('sync_refetch')
    .select(['tableName', 'rowId'])
    .execute();
  const candidates: IdSets = new Map();
  const deleted: IdSets = new Map();
  const parents: Parents = new Map();
  for (const c of changes) {
    if (!isSyncedTable(c.tableName)) continue;
    addId(candidates, c.tableName, c.rowId);
    if (c.op === 'DELETE') addId(deleted, c.tableName, c.rowId);
    // A delete is always asked about: central's foreign-key cascades (a session's feedback, the
    // sessionId of staff notes) fire no trigger, so the delete, followed through every link, is the
    // only news a laptop holding such a child gets, even when it never held the session itself.
    if (CHANGE_PARENT[c.tableName])
      addParent(parents, c.tableName, c.rowId, c.op === 'DELETE' ? null : c.parentId);
  }
  for (const r of refetched) {
    if (!isSyncedTable(r.tableName)) continue;
    addId(candidates, r.tableName, r.rowId);
    if (CHANGE_PARENT[r.tableName]) addParent(parents, r.tableName, r.rowId, null);
  }
  const lastSeq = changes.length > 0 ? Number(changes[changes.length - 1]!.seq) : null;
  const firstSeq = changes.length > 0 ? Number(changes[0]!.seq) : null;
  return { changes: changes.length, firstSeq, lastSeq, refetched, candidates, deleted, parents };
}

/**
 * The parents a batch's change rows name, per table of CHANGE_PARENT and row id. null: some change
 * of the row named none (logged before central migration 0017, a refetch request) or deleted it, so
 * the row must be asked about whatever the parents.
 */
type Parents = Map<SyncedTable, Map<string, Set<string> | null>>;

function addParent(parents: Parents, table: SyncedTable, id: string, parentId: string | null): void {
  let rows = parents.get(table);
  if (!rows) parents.set(table, (rows = new Map()));
  const known = rows.get(id);
  if (parentId === null || known === null) rows.set(id, null);
  else if (known) known.add(parentId);
  else rows.set(id, new Set([parentId]));
}

type Candidates = Awaited<ReturnType<typeof readCandidates>>;

/**
 * Tables keyed by a user's id whose scope lies inside the users scope (scope.ts: the profiles are
 * readable exactly when their user is, student_profiles for a subset of those users).
 */
const USER_KEYED = new Set<SyncedTable>(['user_profiles', 'mentor_profiles', 'student_profiles']);

/**
 * The changed ids worth asking central about. A row the cache does not hold can only be readable if
 * the row it hangs on is: its user (user-keyed tables) or the parent its change rows name
 * (CHANGE_PARENT: a session's assignment), held by the cache (which is the user's scope as of the
 * cursor) or changed in this batch. A user or assignment that enters scope through this batch in
 * some other way (a department move) is a reconcile root, and `descendants` then fetches its rows,
 * so the ids dropped here leave the candidates for it to take. In a busy office nearly every change
 * is another person's: a student's pull after 200 laptops wrote asked central about ~120 profiles
 * and ~80 sessions through its scope predicates (the sessions' the dearest read of the round) to
 * receive none.
 */
async function withinReach(
  ctx: EngineContext,
  read: Candidates,
  table: SyncedTable,
  idSet: Set<string>,
  cached: Set<string>,
): Promise<string[]> {
  if (!USER_KEYED.has(table) && !CHANGE_PARENT[table]) return [...idSet];
  const unheld = [...idSet].filter((id) => !cached.has(id));
  if (unheld.length === 0) return [...idSet];
  const reachable = USER_KEYED.has(table)
    ? await viaUser(ctx, read, unheld)
    : await viaParent(ctx, read, table, unheld);
  if (reachable) for (const id of unheld) if (!reachable(id)) idSet.delete(id);
  return [...idSet];
}

async function viaUser(ctx: EngineContext, read: Candidates, unheld: string[]) {
  const users = await localIdSet(ctx.local.kysely, 'users', unheld);
  const changedUsers = read.candidates.get('users');
  return (id: string) => users.has(id) || (changedUsers?.has(id) ?? false);
}

/** null: this batch's change rows of the table name no parent, every id is worth asking about. */
async function viaParent(ctx: EngineContext, read: Candidates, table: SyncedTable, unheld: string[]) {
  const parentTable = CHANGE_PARENT[table];
  const parentsOf = read.parents.get(table);
  if (!parentTable || !parentsOf) return null;
  const named = new Set<string>();
  for (const id of unheld) for (const p of parentsOf.get(id) ?? []) named.add(p);
  const held = await localIdSet(ctx.local.kysely, parentTable, [...named]);
  const changed = read.candidates.get(parentTable);
  return (id: string) => {
    const parents = parentsOf.get(id);
    if (!parents) return true;
    for (const p of parents) if (held.has(p) || changed?.has(p)) return true;
    return false;
  };
}

/** Current rows of the changed ids; which of them entered, left or were deleted (the re-read roots). */
async function resolveChanged(
  conn: Kysely<Database>,
  ctx: EngineContext,
  scope: SyncScope,
  read: Candidates,
  plan: ApplyPlan,
): Promise<{ roots: Roots; fullReconcile: boolean }> {
  const roots: Roots = { scope: new Map(), deleted: new Map() };
  let fullReconcile = false;
  for (const [table, idSet] of read.candidates) {
    const cached = await localIdSet(ctx.local.kysely, table, [...idSet]);
    const ids = await withinReach(ctx, read, table, idSet, cached);
    if (ids.length === 0) continue;
    const rows = await resolve(conn, ctx, scope, table, ids, plan, cached);
    const got = new Set(rows.map((r) => String(r[pkOf(table)])));
    for (const id of ids) {
      if (got.has(id) !== cached.has(id)) addId(roots.scope, table, id);
      if (!got.has(id) && read.deleted.get(table)?.has(id)) addId(roots.deleted, table, id);
    }
    if (table === 'mentor_assignments') {
      for (const u of await assignmentRoots(conn, ctx, scope, ids, rows)) addId(roots.scope, 'users', u);
    }
    if (table === 'users' && idSet.has(scope.actor.userId))
      fullReconcile = await ownRowMoved(ctx, scope, rows);
  }
  return { roots, fullReconcile };
}

/**
 * Reads the changes after `cursor` and the rows they concern. `afterSnapshot`: the cursor is the
 * counter value a snapshot of this same round just read, so the log cannot have been pruned past it
 * (pruning keeps days of changes) and the pruned-log check is skipped.
 */
export async function readBatch(
  ctx: EngineContext,
  scope: SyncScope,
  cursor: number,
  afterSnapshot = false,
): Promise<Batch> {
  return inSnapshot(ctx.central.kysely, async (conn) => {
    const plan = emptyPlan();
    const read = await readCandidates(conn, ctx, cursor);
    // Versions are dense (one counter, bumped inside each writer's transaction, decision 1): a batch
    // that starts right after the cursor proves nothing it needs was pruned, one statement saved
    // in every busy round. Otherwise ask the log for its oldest version.
    const contiguous = read.firstSeq === cursor + 1;
    if (cursor > 0 && !contiguous && !afterSnapshot && (await needsResync(conn, cursor))) {
      return { lastSeq: null, changes: 0, plan, refetched: [], fullReconcile: false, resync: true };
    }
    const { roots, fullReconcile } = await resolveChanged(conn, ctx, scope, read, plan);
    const extra = await descendants(conn, ctx.local.kysely, scope, roots);
    for (const [table, ids] of roots.scope) for (const id of ids) addId(extra, table, id);
    for (const [table, ids] of extra) {
      const done = read.candidates.get(table);
      const todo = [...ids].filter((id) => !done?.has(id));
      if (todo.length > 0) await resolve(conn, ctx, scope, table, todo, plan);
    }
    await hit(ctx.faults, 'pull:after-central-read');
    const { lastSeq, changes, refetched } = read;
    return { lastSeq, changes, plan, refetched, fullReconcile, resync: false };
  });
}

/** Applies a batch and moves the cursor in one SQLite transaction. */
export async function applyBatch(ctx: EngineContext, uniques: Uniques, batch: Batch): Promise<ApplyStats> {
  const now = ctx.clock.now().toISOString();
  return ctx.local.kysely.transaction().execute(async (trx) => {
    await stopCapture(trx);
    const protect = await protectedRows(trx);
    const statement = localStatements(ctx.local);
    const stats = await applyPlan(trx, ctx.columns, uniques, batch.plan, protect, statement);
    const large = await fetchLargeRows(
      trx,
      ctx.central.kysely,
      ctx.columns,
      uniques,
      batch.plan.fetches,
      protect,
      statement,
    );
    stats.upserted += large.upserted;
    stats.skipped.push(...large.skipped);
    stats.displaced.push(...large.displaced);
    const local = asLocal(trx);
    for (const r of batch.refetched) {
      await local
        .deleteFrom('sync_refetch')
        .where('tableName', '=', r.tableName)
        .where('rowId', '=', r.rowId)
        .execute();
    }
    await addRefetch(local, [...stats.skipped, ...stats.displaced], now);
    await hit(ctx.faults, 'pull:before-local-commit');
    if (batch.lastSeq !== null) await setState(trx, 'cursor', String(batch.lastSeq));
    return stats;
  });
}

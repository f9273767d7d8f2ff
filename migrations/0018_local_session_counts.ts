import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialect.ts';

// Local (SQLite) only: how many sessions each department has per status and sessionDate, kept by
// triggers, so an office's session counts read its own department's few hundred keys.
//
// A session reaches its department only through its assignment (session_records has no departmentId,
// and the seed schema stays as it is). With one department per file that costs little: the whole
// table is the department, and a count reads INDEX(status, sessionDate). On an institution's file (ten
// departments, a department's sessions interleaved with nine others') counting a department's months
// meant one index seek per assignment and status, ~6,300 for one department: the dashboard's window
// count took 1.5 ms at one department and 18 ms at ten, and the sessions list's total 16 ms. Here a
// count is a sum over one key range. Sessions share their times (a department's 58,260 sessions fall
// on 2,313 status-and-time keys), so the range is short.
//
// The table is derived: never synced, never written by the app. The triggers keep it equal to
// session_records joined to mentor_assignments and grouped, for every writer (services, pulls,
// snapshots, evictions, the demo generator, restores). Writers insert, update (ON CONFLICT DO UPDATE
// included) and delete sessions; none REPLACEs one, and must not: a REPLACE removes the old row
// without its delete trigger (recursive_triggers is off), so it would be counted twice. A BEFORE
// INSERT trigger cannot make up for it, as it also fires for an upsert. A session whose assignment
// is missing is counted nowhere, like the join; a scoped cache has such sessions while foreign keys
// are off (SYNC.md), and they are counted once their assignment arrives. Central needs nothing: MySQL keeps its assignment-first plans.
// FROZEN: never edit after release; add a new migration instead.

const TABLE = 'local_session_counts';

/** Adds the (departmentId, status, sessionDate, n) rows `select` returns to their keys' counts. */
const add = (select: string): string => `insert into ${TABLE} (departmentId, status, sessionDate, n)
    ${select}
    on conflict (departmentId, status, sessionDate) do update set n = n + excluded.n;`;

/** Takes the old session away from its key, and drops a key left at zero. */
const OLD_KEY = `departmentId = (select a.departmentId from mentor_assignments a where a.id = old.assignmentId)
      and status = old.status and sessionDate = old.sessionDate`;
const takeSession = `update ${TABLE} set n = n - 1 where ${OLD_KEY};
    delete from ${TABLE} where n <= 0 and ${OLD_KEY};`;

/** Takes the old assignment's sessions away from its department, and drops keys left at zero. */
const OLD_KEYS = `departmentId = old.departmentId and (status, sessionDate) in
      (select s.status, s.sessionDate from session_records s where s.assignmentId = old.id)`;
const takeAssignment = `update ${TABLE} set n = n - (select count(*) from session_records s
      where s.assignmentId = old.id and s.status = ${TABLE}.status and s.sessionDate = ${TABLE}.sessionDate)
    where ${OLD_KEYS};
    delete from ${TABLE} where n <= 0 and ${OLD_KEYS};`;

const addSession = add(`select a.departmentId, new.status, new.sessionDate, 1
    from mentor_assignments a where a.id = new.assignmentId`);

const addAssignment = add(`select new.departmentId, s.status, s.sessionDate, count(*)
    from session_records s where s.assignmentId = new.id group by s.status, s.sessionDate`);

const STATEMENTS = [
  // The key is the read order: a department, a status, a time range.
  `create table ${TABLE} (
    departmentId text not null,
    status text not null,
    sessionDate text not null,
    n integer not null,
    primary key (departmentId, status, sessionDate)
  ) without rowid, strict`,
  `insert into ${TABLE} (departmentId, status, sessionDate, n)
    select a.departmentId, s.status, s.sessionDate, count(*)
    from session_records s join mentor_assignments a on a.id = s.assignmentId
    group by a.departmentId, s.status, s.sessionDate`,
];

/** [name, when it fires, what it does]: each a trigger named local_session_counts_<name>. */
const TRIGGERS: [string, string, string][] = [
  ['session_insert', 'after insert on session_records', addSession],
  // A pull's upsert sets every column: act only when a column the count reads changed.
  [
    'session_update',
    `after update of id, assignmentId, status, sessionDate on session_records
    when old.id is not new.id or old.assignmentId is not new.assignmentId
      or old.status is not new.status or old.sessionDate is not new.sessionDate`,
    `${takeSession} ${addSession}`,
  ],
  ['session_delete', 'after delete on session_records', takeSession],
  // An assignment arriving after its sessions (a load with foreign keys off), moved to another
  // department, or leaving with its sessions still there (foreign keys off): its sessions follow it.
  ['assignment_insert', 'after insert on mentor_assignments', addAssignment],
  [
    'assignment_update',
    `after update of id, departmentId on mentor_assignments
    when old.id is not new.id or old.departmentId is not new.departmentId`,
    `${takeAssignment} ${addAssignment}`,
  ],
  ['assignment_delete', 'after delete on mentor_assignments', takeAssignment],
];

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  for (const s of STATEMENTS) await sql.raw(s).execute(db);
  for (const [name, on, body] of TRIGGERS)
    await sql.raw(`create trigger ${TABLE}_${name} ${on} begin ${body} end`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  for (const [name] of TRIGGERS) await sql.raw(`drop trigger if exists ${TABLE}_${name}`).execute(db);
  await sql.raw(`drop table if exists ${TABLE}`).execute(db);
}

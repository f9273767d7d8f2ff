import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { CareDatabase } from '../settings/settings.tables.ts';
import type { OfficeDatabase } from '../db/office.tables.ts';

// What a synced laptop caches, and how its tables hang together (docs/sync-design.md, decision 2).
// audit_logs is captured centrally but never pulled: local SQLite numbers its own audit rows, so
// central ids would collide. roles never change; password_resets live only on central.

export const SYNCED_TABLES = {
  institutions: 'id',
  departments: 'id',
  users: 'id',
  user_profiles: 'userId',
  mentor_profiles: 'userId',
  student_profiles: 'userId',
  mentor_assignments: 'id',
  session_records: 'id',
  session_feedback: 'id',
  goals: 'id',
  goal_updates: 'id',
  notifications: 'id',
  alerts: 'id',
  attachments: 'id',
  // Migration 0005's additive tables: risk thresholds (the local risk engine reads them) and the
  // attachments' bytes (content-addressed 1 MiB chunks, docs/attachments.md).
  department_settings: 'departmentId',
  attachment_blobs: 'id',
  // Migration 0008 (issue 12). Listed after the tables they reference: a pull applies in this order.
  department_norms: 'departmentId',
  guardian_contacts: 'id',
  guardian_contact_log: 'id',
  letter_templates: 'id',
  kudos: 'id',
  notification_prefs: 'id',
  notification_digest_items: 'id',
  // Migration 0009: whether a former mentor's staff notes follow the student (the notes' own scope
  // reads it on central; laptops need it for the handover summary and the settings screen).
  department_note_settings: 'departmentId',
  student_notes: 'id',
} as const satisfies Partial<Record<keyof CareDatabase | keyof OfficeDatabase, string>>;

export type SyncedTable = keyof typeof SYNCED_TABLES;
export const SYNCED_TABLE_NAMES = Object.keys(SYNCED_TABLES) as SyncedTable[];

/** What the Sync page's progress line calls each table ("Downloading sessions"): office words, not SQL names. */
export const TABLE_NOUNS: Record<SyncedTable, string> = {
  institutions: 'institutions',
  departments: 'departments',
  users: 'accounts',
  user_profiles: 'profiles',
  mentor_profiles: 'mentor profiles',
  student_profiles: 'student profiles',
  mentor_assignments: 'assignments',
  session_records: 'sessions',
  session_feedback: 'feedback',
  goals: 'goals',
  goal_updates: 'goal updates',
  notifications: 'notifications',
  alerts: 'alerts',
  attachments: 'attachments',
  department_settings: 'risk settings',
  attachment_blobs: 'attached files',
  department_norms: 'department norms',
  guardian_contacts: 'guardian contacts',
  guardian_contact_log: 'guardian contact log',
  letter_templates: 'letter templates',
  kudos: 'kudos',
  notification_prefs: 'notification settings',
  notification_digest_items: 'notification digests',
  department_note_settings: 'note settings',
  student_notes: 'staff notes',
};

/**
 * Tables whose change rows name a parent row (sync_changes.parentId, central migration 0017), and the
 * parent's table. Holds only where a row can be in a user's scope only when its parent is: a session
 * is in scope only when its assignment is (scopeSessions). The pull uses it to skip changed rows that
 * a laptop can never see (pull.ts `withinReach`).
 */
export const CHANGE_PARENT: Partial<Record<SyncedTable, SyncedTable>> = {
  session_records: 'mentor_assignments',
};

export const isSyncedTable = (name: string): name is SyncedTable => Object.hasOwn(SYNCED_TABLES, name);
export const pkOf = (table: SyncedTable): string => SYNCED_TABLES[table];

/** A row as it crosses between central and the cache: column name → value. */
export type Row = Record<string, unknown>;

/**
 * A parent → child reference. `scope` links decide what a child's scope depends on (a student's goals
 * follow the student); the others matter only when the parent is deleted, because MySQL runs foreign
 * key cascades (ON DELETE CASCADE / SET NULL, ON UPDATE CASCADE) WITHOUT firing triggers: those child
 * changes never reach sync_changes, so a pull reconciles a deleted parent's children itself.
 */
export interface Link {
  parent: SyncedTable;
  child: SyncedTable;
  column: string;
  scope: boolean;
  /** Polymorphic attachments: the link holds only for this relatedType. */
  relatedType?: string;
  /**
   * A link that is not "child.column in parent ids": the predicate on the child table (by its own
   * name) selecting the children of these parents. Evaluated the same way on central and the cache.
   */
  via?: (parentIds: RawBuilder<unknown>) => RawBuilder<unknown>;
}

const link = (parent: SyncedTable, child: SyncedTable, column: string, scope = true): Link => ({
  parent,
  child,
  column,
  scope,
});
const attachment = (parent: SyncedTable, relatedType: string): Link => ({
  parent,
  child: 'attachments',
  column: 'relatedId',
  scope: true,
  relatedType,
});

/** 'blob:sha256:' is 12 characters: the sha256 of a blob storagePath starts at character 13. */
export const BLOB_SHA_OF_PATH = (ref: RawBuilder<unknown>): RawBuilder<unknown> => sql`substr(${ref}, 13)`;

/** A blob's chunks hang on every attachment row naming its sha256 (not a plain column link). */
const blobChunks: Link = {
  parent: 'attachments',
  child: 'attachment_blobs',
  column: 'sha256',
  scope: true,
  via: (
    ids,
  ) => sql`${sql.ref('attachment_blobs.sha256')} in (select ${BLOB_SHA_OF_PATH(sql.ref('sync_a.storagePath'))}
    from attachments as sync_a where sync_a.id in (${ids}) and sync_a.storagePath like 'blob:sha256:%')`,
};

/**
 * A department's settings follow the users of that department (a mentee's risk thresholds, whether
 * its former mentor's notes follow it).
 */
const userDepartment = (child: 'department_settings' | 'department_note_settings'): Link => ({
  parent: 'users',
  child,
  column: 'departmentId',
  scope: true,
  via: (ids) => sql`${sql.ref(`${child}.departmentId`)} in (select sync_u.departmentId
    from users as sync_u where sync_u.id in (${ids}))`,
});

export const LINKS: readonly Link[] = [
  link('institutions', 'departments', 'institutionId'),
  link('institutions', 'users', 'institutionId'),
  link('departments', 'users', 'departmentId'),
  link('departments', 'mentor_assignments', 'departmentId'),
  link('users', 'user_profiles', 'userId'),
  link('users', 'mentor_profiles', 'userId'),
  link('users', 'student_profiles', 'userId'),
  link('users', 'mentor_assignments', 'studentId'),
  link('users', 'mentor_assignments', 'mentorId'),
  link('users', 'goals', 'studentId'),
  link('users', 'alerts', 'studentId'),
  link('users', 'notifications', 'userId'),
  link('users', 'attachments', 'ownerUserId'),
  link('mentor_assignments', 'session_records', 'assignmentId'),
  link('session_records', 'session_feedback', 'sessionId'),
  link('goals', 'goal_updates', 'goalId'),
  // A note's readers follow its student's assignments (and its author, who does not change).
  link('users', 'student_notes', 'studentId'),
  attachment('session_records', 'SESSION'),
  attachment('session_feedback', 'FEEDBACK'),
  attachment('goals', 'GOAL'),
  attachment('mentor_assignments', 'ASSIGNMENT'),
  link('departments', 'department_settings', 'departmentId'),
  userDepartment('department_settings'),
  blobChunks,
  link('users', 'department_settings', 'updatedById', false),
  link('users', 'alerts', 'closedById', false),
  link('users', 'session_records', 'createdById', false),
  link('users', 'session_feedback', 'giverUserId', false),
  link('users', 'session_feedback', 'recipientUserId', false),
  link('users', 'goals', 'createdById', false),
  link('users', 'goal_updates', 'notedById', false),
  link('users', 'mentor_assignments', 'assignedById', false),
  link('departments', 'department_norms', 'departmentId'),
  link('departments', 'letter_templates', 'departmentId'),
  link('users', 'guardian_contacts', 'studentId'),
  link('users', 'guardian_contact_log', 'studentId'),
  link('users', 'kudos', 'studentId'),
  link('users', 'notification_prefs', 'userId'),
  link('users', 'notification_digest_items', 'userId'),
  link('guardian_contacts', 'guardian_contact_log', 'guardianId', false),
  link('users', 'guardian_contacts', 'createdById', false),
  link('users', 'guardian_contact_log', 'createdById', false),
  link('users', 'kudos', 'fromUserId', false),
  link('users', 'department_norms', 'updatedById', false),
  link('users', 'letter_templates', 'updatedById', false),
  link('departments', 'department_note_settings', 'departmentId'),
  userDepartment('department_note_settings'),
  link('users', 'department_note_settings', 'updatedById', false),
  link('users', 'student_notes', 'authorId', false),
  link('session_records', 'student_notes', 'sessionId', false),
];

/**
 * Columns never merged field by field on replay: updatedAt moves with every write (two offline edits
 * of different fields must not conflict over it) and riskLevel is computed centrally (SYNC.md).
 */
export function isMergeIgnored(table: string, column: string): boolean {
  return column === 'updatedAt' || (table === 'student_profiles' && column === 'riskLevel');
}

/** JSON TEXT columns: compared as parsed JSON, since MySQL may reformat the text it stores. */
export const JSON_COLUMNS: ReadonlySet<string> = new Set([
  'session_records.actionItems',
  'notifications.payload',
  'alerts.sourceRef',
  'department_settings.riskThresholds',
  'notification_digest_items.payload',
]);

/** Binary columns: kept out of the outbox's JSON before-images (blob chunks are never updated). */
export const BINARY_COLUMNS: ReadonlySet<string> = new Set(['attachment_blobs.bytes']);

/**
 * Tables whose rows are too big to fetch thousands at a time: a pull resolves their ids through the
 * scope first and downloads the rows afterwards in pages of this many (1 MiB chunks → 8 MiB a page).
 * Their rows never change once written (content-addressed), so a cached id is never fetched again.
 */
export const LARGE_ROW_PAGE: Partial<Record<SyncedTable, number>> = { attachment_blobs: 8 };

export type ColumnMap = Record<SyncedTable, string[]>;

/**
 * The synced tables' columns as the local schema has them (the migrations create the same columns
 * on both sides). Triggers, selects and upserts are generated from this, so a column added by a later
 * migration syncs without touching this module.
 */
export async function loadColumns(db: Kysely<Database>): Promise<ColumnMap> {
  const out = {} as ColumnMap;
  for (const table of SYNCED_TABLE_NAMES) {
    const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
    if (rows.length === 0) throw new Error(`The local database has no table ${table}; run the migrations.`);
    out[table] = rows.map((r) => r.name);
  }
  return out;
}

import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { decimalCheck, enumCheck, jsonCheck, nocase, typesFor, type Types } from './dialect.ts';

// The 17 seed tables exactly as ../shared/spec/SCHEMA.md (names as Prisma wrote them: constraint
// and index names follow Prisma's <table>_<cols>_key|idx|fkey so an existing SMMS database matches).
// FROZEN: never edit after release; add a new migration instead.

const USER_STATUS = ['ACTIVE', 'DISABLED', 'INVITED'];
const AVAILABILITY = ['AVAILABLE', 'LIMITED', 'UNAVAILABLE'];
const RISK = ['LOW', 'MEDIUM', 'HIGH'];
const ASSIGNMENT_STATUS = ['ACTIVE', 'PAUSED', 'ENDED'];
const SESSION_MODE = ['IN_PERSON', 'ONLINE', 'PHONE'];
const ATTENDANCE = ['PRESENT', 'ABSENT'];
const SESSION_STATUS = ['SCHEDULED', 'COMPLETED', 'CANCELLED'];
const FEEDBACK_TYPE = ['MENTOR_TO_STUDENT', 'STUDENT_TO_MENTOR'];
const FEEDBACK_VISIBILITY = ['MENTOR', 'STUDENT', 'DEPARTMENT_ADMIN'];
const GOAL_CATEGORY = ['ACADEMIC', 'BEHAVIORAL', 'CAREER', 'WELLNESS'];
const GOAL_STATUS = ['NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED'];
const NOTIFICATION_TYPE = ['SESSION_REMINDER', 'GOAL_DUE', 'ALERT', 'ASSIGNMENT', 'FEEDBACK'];
const ALERT_SEVERITY = ['INFO', 'WARN', 'CRITICAL'];
const ALERT_CATEGORY = ['ATTENDANCE', 'GPA', 'BEHAVIOR', 'GRIEVANCE'];
const ALERT_STATUS = ['OPEN', 'CLOSED'];
const RELATED_TYPE = ['SESSION', 'FEEDBACK', 'GOAL', 'ASSIGNMENT'];

export const SEED_TABLES = [
  'institutions',
  'departments',
  'roles',
  'users',
  'user_profiles',
  'mentor_profiles',
  'student_profiles',
  'mentor_assignments',
  'session_records',
  'session_feedback',
  'goals',
  'goal_updates',
  'notifications',
  'alerts',
  'attachments',
  'audit_logs',
  'password_resets',
] as const;

const ROLES: [string, string][] = [
  ['SUPER_ADMIN', 'IT / system owner: every institution'],
  ['INSTITUTION_ADMIN', "Dean's office: own institution"],
  ['DEPARTMENT_ADMIN', 'HOD and department office staff: own department'],
  ['MENTOR', 'Faculty member: assigned mentees'],
  ['STUDENT', 'Mentee: self'],
];

type Rule = 'cascade' | 'restrict' | 'set null';
type Builder = CreateTableBuilder<string, string>;

/** A foreign key named like Prisma's; ON UPDATE CASCADE as Prisma writes it. */
function fk(b: Builder, table: string, col: string, ref: string, onDelete: Rule, refCol = 'id'): Builder {
  return b.addForeignKeyConstraint(`${table}_${col}_fkey`, [col], ref, [refCol], (c) =>
    c.onDelete(onDelete).onUpdate('cascade'),
  );
}

function table(db: Kysely<any>, t: Types, name: string): Builder {
  return db.schema.createTable(name).modifyEnd(t.tableEnd);
}

async function index(db: Kysely<any>, tableName: string, cols: string[], unique = false): Promise<void> {
  const name = `${tableName}_${cols.join('_')}_${unique ? 'key' : 'idx'}`;
  let b = db.schema.createIndex(name).on(tableName).columns(cols);
  if (unique) b = b.unique();
  await b.execute();
}

/**
 * Indexes InnoDB creates implicitly for foreign keys with no covering index (named after the FK).
 * SQLite needs them explicitly, or every cascading delete scans the child table.
 */
async function fkIndex(db: Kysely<any>, t: Types, tableName: string, col: string): Promise<void> {
  if (t.dialect === 'sqlite') {
    await db.schema.createIndex(`${tableName}_${col}_fkey`).on(tableName).column(col).execute();
  }
}

async function createSeedTables(db: Kysely<any>, t: Types): Promise<void> {
  const created = (c: any) => c.notNull().defaultTo(t.now);
  const updated = (c: any) => c.notNull();

  await table(db, t, 'institutions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', t.varchar(255), (c) => c.notNull())
    .addColumn('code', t.varchar(50), (c) => nocase(t)(c.notNull()))
    .addColumn('address', t.text)
    .addColumn('contactEmail', t.varchar(255))
    .addColumn('createdAt', t.datetime, created)
    .addColumn('updatedAt', t.datetime, updated)
    .execute();
  await index(db, 'institutions', ['code'], true);

  await fk(
    table(db, t, 'departments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('institutionId', t.id, (c) => c.notNull())
      .addColumn('name', t.varchar(255), (c) => c.notNull())
      .addColumn('code', t.varchar(50), (c) => nocase(t)(c.notNull()))
      .addColumn('createdAt', t.datetime, created)
      .addColumn('updatedAt', t.datetime, updated),
    'departments',
    'institutionId',
    'institutions',
    'cascade',
  ).execute();
  await index(db, 'departments', ['institutionId', 'code'], true);
  await index(db, 'departments', ['institutionId']);

  await table(db, t, 'roles')
    .addColumn('id', t.dialect === 'mysql' ? t.int : sql`integer`, (c) => c.primaryKey().autoIncrement())
    .addColumn('name', t.varchar(50), (c) => c.notNull())
    .addColumn('description', t.text)
    .addColumn('createdAt', t.datetime, created)
    .execute();
  await index(db, 'roles', ['name'], true);

  let users = table(db, t, 'users')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('institutionId', t.id)
    .addColumn('departmentId', t.id)
    .addColumn('roleId', t.int, (c) => c.notNull())
    .addColumn('email', t.varchar(255), (c) => nocase(t)(c.notNull()))
    .addColumn('passwordHash', t.varchar(255), (c) => c.notNull())
    .addColumn('status', t.enumOf(USER_STATUS), (c) =>
      enumCheck(t, 'status', USER_STATUS)(c.notNull().defaultTo('INVITED')),
    )
    .addColumn('lastLoginAt', t.datetime)
    .addColumn('createdAt', t.datetime, created)
    .addColumn('updatedAt', t.datetime, updated);
  users = fk(users, 'users', 'institutionId', 'institutions', 'set null');
  users = fk(users, 'users', 'departmentId', 'departments', 'set null');
  users = fk(users, 'users', 'roleId', 'roles', 'restrict');
  await users.execute();
  await index(db, 'users', ['email'], true);
  await index(db, 'users', ['roleId', 'departmentId']);
  await index(db, 'users', ['departmentId']);
  await index(db, 'users', ['institutionId']);

  await fk(
    table(db, t, 'user_profiles')
      .addColumn('userId', t.id, (c) => c.primaryKey())
      .addColumn('firstName', t.varchar(100), (c) => c.notNull())
      .addColumn('lastName', t.varchar(100), (c) => c.notNull())
      .addColumn('phone', t.varchar(20))
      .addColumn('avatarUrl', t.varchar(500))
      .addColumn('title', t.varchar(100))
      .addColumn('bio', t.text)
      .addColumn('createdAt', t.datetime, created)
      .addColumn('updatedAt', t.datetime, updated),
    'user_profiles',
    'userId',
    'users',
    'cascade',
  ).execute();

  await fk(
    table(db, t, 'mentor_profiles')
      .addColumn('userId', t.id, (c) => c.primaryKey())
      .addColumn('designation', t.varchar(100))
      .addColumn('specialization', t.varchar(255))
      .addColumn('capacityDefault', t.int, (c) => c.notNull().defaultTo(10))
      .addColumn('availabilityStatus', t.enumOf(AVAILABILITY), (c) =>
        enumCheck(t, 'availabilityStatus', AVAILABILITY)(c.notNull().defaultTo('AVAILABLE')),
      )
      .addColumn('maxMentees', t.int, (c) => c.notNull().defaultTo(15))
      .addColumn('createdAt', t.datetime, created)
      .addColumn('updatedAt', t.datetime, updated),
    'mentor_profiles',
    'userId',
    'users',
    'cascade',
  ).execute();

  await fk(
    table(db, t, 'student_profiles')
      .addColumn('userId', t.id, (c) => c.primaryKey())
      .addColumn('rollNumber', t.varchar(50), (c) => nocase(t)(c.notNull()))
      .addColumn('program', t.varchar(100))
      .addColumn('yearOfStudy', t.int)
      .addColumn('gpa', t.decimal(4, 2), decimalCheck(t, 'gpa', 4, 2))
      .addColumn('attendancePct', t.decimal(5, 2), decimalCheck(t, 'attendancePct', 5, 2))
      .addColumn('riskLevel', t.enumOf(RISK), (c) =>
        enumCheck(t, 'riskLevel', RISK)(c.notNull().defaultTo('LOW')),
      )
      .addColumn('createdAt', t.datetime, created)
      .addColumn('updatedAt', t.datetime, updated),
    'student_profiles',
    'userId',
    'users',
    'cascade',
  ).execute();
  await index(db, 'student_profiles', ['rollNumber'], true);

  let assignments = table(db, t, 'mentor_assignments')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('mentorId', t.id, (c) => c.notNull())
    .addColumn('studentId', t.id, (c) => c.notNull())
    .addColumn('departmentId', t.id, (c) => c.notNull())
    .addColumn('assignedById', t.id, (c) => c.notNull())
    .addColumn('status', t.enumOf(ASSIGNMENT_STATUS), (c) =>
      enumCheck(t, 'status', ASSIGNMENT_STATUS)(c.notNull().defaultTo('ACTIVE')),
    )
    .addColumn('assignedAt', t.datetime, created)
    .addColumn('endedAt', t.datetime)
    .addColumn('notes', t.text)
    .addColumn('createdAt', t.datetime, created)
    .addColumn('updatedAt', t.datetime, updated);
  assignments = fk(assignments, 'mentor_assignments', 'mentorId', 'users', 'restrict');
  assignments = fk(assignments, 'mentor_assignments', 'studentId', 'users', 'restrict');
  assignments = fk(assignments, 'mentor_assignments', 'departmentId', 'departments', 'restrict');
  assignments = fk(assignments, 'mentor_assignments', 'assignedById', 'users', 'restrict');
  await assignments.execute();
  await index(db, 'mentor_assignments', ['mentorId', 'status']);
  await index(db, 'mentor_assignments', ['studentId', 'status']);
  await index(db, 'mentor_assignments', ['departmentId']);
  await fkIndex(db, t, 'mentor_assignments', 'assignedById');

  let sessions = table(db, t, 'session_records')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('assignmentId', t.id, (c) => c.notNull())
    .addColumn('sessionDate', t.datetime, (c) => c.notNull())
    .addColumn('mode', t.enumOf(SESSION_MODE), (c) => enumCheck(t, 'mode', SESSION_MODE)(c.notNull()))
    .addColumn('location', t.varchar(255))
    .addColumn('topic', t.varchar(500), (c) => c.notNull())
    .addColumn('summary', t.text)
    .addColumn('actionItems', t.json, jsonCheck(t, 'actionItems'))
    .addColumn('nextMeetingOn', t.datetime)
    .addColumn('attendance', t.enumOf(ATTENDANCE), (c) =>
      enumCheck(t, 'attendance', ATTENDANCE)(c.notNull().defaultTo('PRESENT')),
    )
    .addColumn('status', t.enumOf(SESSION_STATUS), (c) =>
      enumCheck(t, 'status', SESSION_STATUS)(c.notNull().defaultTo('SCHEDULED')),
    )
    .addColumn('createdById', t.id, (c) => c.notNull())
    .addColumn('createdAt', t.datetime, created)
    .addColumn('updatedAt', t.datetime, updated);
  sessions = fk(sessions, 'session_records', 'assignmentId', 'mentor_assignments', 'restrict');
  sessions = fk(sessions, 'session_records', 'createdById', 'users', 'restrict');
  await sessions.execute();
  await index(db, 'session_records', ['assignmentId', 'sessionDate']);
  await index(db, 'session_records', ['status', 'sessionDate']);
  await index(db, 'session_records', ['sessionDate']);
  await fkIndex(db, t, 'session_records', 'createdById');

  let feedback = table(db, t, 'session_feedback')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('sessionId', t.id, (c) => c.notNull())
    .addColumn('giverUserId', t.id, (c) => c.notNull())
    .addColumn('recipientUserId', t.id, (c) => c.notNull())
    .addColumn('type', t.enumOf(FEEDBACK_TYPE), (c) => enumCheck(t, 'type', FEEDBACK_TYPE)(c.notNull()))
    .addColumn('rating', t.int, (c) => c.notNull())
    .addColumn('comments', t.text)
    .addColumn('visibility', t.enumOf(FEEDBACK_VISIBILITY), (c) =>
      enumCheck(t, 'visibility', FEEDBACK_VISIBILITY)(c.notNull().defaultTo('MENTOR')),
    )
    .addColumn('createdAt', t.datetime, created)
    .addColumn('updatedAt', t.datetime, updated)
    .addCheckConstraint('session_feedback_rating_check', sql`rating between 1 and 5`);
  feedback = fk(feedback, 'session_feedback', 'sessionId', 'session_records', 'cascade');
  feedback = fk(feedback, 'session_feedback', 'giverUserId', 'users', 'restrict');
  feedback = fk(feedback, 'session_feedback', 'recipientUserId', 'users', 'restrict');
  await feedback.execute();
  await index(db, 'session_feedback', ['sessionId']);
  await index(db, 'session_feedback', ['recipientUserId']);
  await fkIndex(db, t, 'session_feedback', 'giverUserId');

  let goals = table(db, t, 'goals')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('studentId', t.id, (c) => c.notNull())
    .addColumn('title', t.varchar(255), (c) => c.notNull())
    .addColumn('category', t.enumOf(GOAL_CATEGORY), (c) =>
      enumCheck(t, 'category', GOAL_CATEGORY)(c.notNull()),
    )
    .addColumn('description', t.text)
    .addColumn('targetDate', t.datetime)
    .addColumn('status', t.enumOf(GOAL_STATUS), (c) =>
      enumCheck(t, 'status', GOAL_STATUS)(c.notNull().defaultTo('NOT_STARTED')),
    )
    .addColumn('progressPct', t.int, (c) => c.notNull().defaultTo(0))
    .addColumn('createdById', t.id, (c) => c.notNull())
    .addColumn('createdAt', t.datetime, created)
    .addColumn('updatedAt', t.datetime, updated)
    .addCheckConstraint('goals_progressPct_check', sql`${sql.ref('progressPct')} between 0 and 100`);
  goals = fk(goals, 'goals', 'studentId', 'users', 'cascade');
  goals = fk(goals, 'goals', 'createdById', 'users', 'restrict');
  await goals.execute();
  await index(db, 'goals', ['studentId', 'status']);
  await index(db, 'goals', ['targetDate']);
  await fkIndex(db, t, 'goals', 'createdById');

  let goalUpdates = table(db, t, 'goal_updates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('goalId', t.id, (c) => c.notNull())
    .addColumn('notedById', t.id, (c) => c.notNull())
    .addColumn('note', t.text, (c) => c.notNull())
    .addColumn('progressPct', t.int, (c) => c.notNull())
    .addColumn('status', t.enumOf(GOAL_STATUS), (c) => enumCheck(t, 'status', GOAL_STATUS)(c.notNull()))
    .addColumn('createdAt', t.datetime, created)
    .addCheckConstraint('goal_updates_progressPct_check', sql`${sql.ref('progressPct')} between 0 and 100`);
  goalUpdates = fk(goalUpdates, 'goal_updates', 'goalId', 'goals', 'cascade');
  goalUpdates = fk(goalUpdates, 'goal_updates', 'notedById', 'users', 'restrict');
  await goalUpdates.execute();
  await index(db, 'goal_updates', ['goalId']);
  await fkIndex(db, t, 'goal_updates', 'notedById');

  await fk(
    table(db, t, 'notifications')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('userId', t.id, (c) => c.notNull())
      .addColumn('type', t.enumOf(NOTIFICATION_TYPE), (c) =>
        enumCheck(t, 'type', NOTIFICATION_TYPE)(c.notNull()),
      )
      .addColumn('title', t.varchar(255), (c) => c.notNull())
      .addColumn('body', t.text, (c) => c.notNull())
      .addColumn('payload', t.json, jsonCheck(t, 'payload'))
      .addColumn('readAt', t.datetime)
      .addColumn('createdAt', t.datetime, created),
    'notifications',
    'userId',
    'users',
    'cascade',
  ).execute();
  await index(db, 'notifications', ['userId', 'readAt']);
  await index(db, 'notifications', ['createdAt']);

  let alerts = table(db, t, 'alerts')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('studentId', t.id, (c) => c.notNull())
    .addColumn('severity', t.enumOf(ALERT_SEVERITY), (c) =>
      enumCheck(t, 'severity', ALERT_SEVERITY)(c.notNull()),
    )
    .addColumn('category', t.enumOf(ALERT_CATEGORY), (c) =>
      enumCheck(t, 'category', ALERT_CATEGORY)(c.notNull()),
    )
    .addColumn('message', t.text, (c) => c.notNull())
    .addColumn('sourceRef', t.json, jsonCheck(t, 'sourceRef'))
    .addColumn('status', t.enumOf(ALERT_STATUS), (c) =>
      enumCheck(t, 'status', ALERT_STATUS)(c.notNull().defaultTo('OPEN')),
    )
    .addColumn('createdAt', t.datetime, created)
    .addColumn('closedAt', t.datetime)
    .addColumn('closedById', t.id);
  alerts = fk(alerts, 'alerts', 'studentId', 'users', 'cascade');
  alerts = fk(alerts, 'alerts', 'closedById', 'users', 'set null');
  await alerts.execute();
  await index(db, 'alerts', ['studentId', 'status']);
  await index(db, 'alerts', ['severity', 'status']);
  await fkIndex(db, t, 'alerts', 'closedById');

  await fk(
    table(db, t, 'attachments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('relatedType', t.enumOf(RELATED_TYPE), (c) =>
        enumCheck(t, 'relatedType', RELATED_TYPE)(c.notNull()),
      )
      .addColumn('relatedId', t.varchar(191), (c) => c.notNull())
      .addColumn('ownerUserId', t.id, (c) => c.notNull())
      .addColumn('fileName', t.varchar(255), (c) => c.notNull())
      .addColumn('mimeType', t.varchar(100), (c) => c.notNull())
      .addColumn('sizeBytes', t.int, (c) => c.notNull())
      .addColumn('storagePath', t.varchar(500), (c) => c.notNull())
      .addColumn('createdAt', t.datetime, created),
    'attachments',
    'ownerUserId',
    'users',
    'restrict',
  ).execute();
  await index(db, 'attachments', ['relatedType', 'relatedId']);
  await fkIndex(db, t, 'attachments', 'ownerUserId');

  await fk(
    table(db, t, 'audit_logs')
      .addColumn('id', t.dialect === 'mysql' ? t.bigint : sql`integer`, (c) => c.primaryKey().autoIncrement())
      .addColumn('userId', t.id)
      .addColumn('action', t.varchar(100), (c) => c.notNull())
      .addColumn('entity', t.varchar(100), (c) => c.notNull())
      .addColumn('entityId', t.varchar(255))
      .addColumn('beforeState', t.json, jsonCheck(t, 'beforeState'))
      .addColumn('afterState', t.json, jsonCheck(t, 'afterState'))
      .addColumn('ip', t.varchar(50))
      .addColumn('userAgent', t.varchar(500))
      .addColumn('createdAt', t.datetime, created),
    'audit_logs',
    'userId',
    'users',
    'set null',
  ).execute();
  await index(db, 'audit_logs', ['userId']);
  await index(db, 'audit_logs', ['entity', 'entityId']);
  await index(db, 'audit_logs', ['createdAt']);

  await fk(
    table(db, t, 'password_resets')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('userId', t.id, (c) => c.notNull())
      .addColumn('tokenHash', t.varchar(255), (c) => c.notNull())
      .addColumn('expiresAt', t.datetime, (c) => c.notNull())
      .addColumn('usedAt', t.datetime)
      .addColumn('createdAt', t.datetime, created),
    'password_resets',
    'userId',
    'users',
    'cascade',
  ).execute();
  await index(db, 'password_resets', ['userId']);
  await index(db, 'password_resets', ['tokenHash']);
}

/** Which seed tables already exist (a central database first created by the original SMMS). */
async function existingSeedTables(db: Kysely<any>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  const names = new Set(tables.map((x) => x.name));
  return SEED_TABLES.filter((n) => names.has(n));
}

export async function up(db: Kysely<any>): Promise<void> {
  const t = typesFor(db);
  const existing = await existingSeedTables(db);
  if (existing.length === 0) {
    await createSeedTables(db, t);
  } else if (existing.length !== SEED_TABLES.length) {
    const missing = SEED_TABLES.filter((n) => !existing.includes(n));
    throw new Error(
      `This database has some SMMS tables but not all (missing: ${missing.join(', ')}). ` +
        'Point SMMS at an empty database or at a complete SMMS database.',
    );
  }
  // Adopting an existing SMMS database keeps its tables and fills in any missing role rows.
  const have = new Set((await db.selectFrom('roles').select('name').execute()).map((r) => r.name));
  for (const [name, description] of ROLES) {
    if (!have.has(name)) await db.insertInto('roles').values({ name, description }).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [...SEED_TABLES].reverse()) await db.schema.dropTable(name).ifExists().execute();
}

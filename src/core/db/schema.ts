import type { ColumnType, Generated } from 'kysely';
import type { NotesTables } from '../notes/notes.tables.ts';
import type {
  AlertCategory,
  AlertSeverity,
  AlertStatus,
  AssignmentStatus,
  Attendance,
  AttachmentRelatedType,
  AvailabilityStatus,
  FeedbackType,
  FeedbackVisibility,
  GoalCategory,
  GoalStatus,
  NotificationType,
  RiskLevel,
  SessionMode,
  SessionStatus,
  UserStatus,
} from '../../shared/domain/enums.ts';

/**
 * The single description of every table (ARCHITECTURE.md "Data").
 *
 * Representation at this boundary is the same on both dialects; connect.ts makes it so:
 * - date-times are ISO-8601 UTC strings with milliseconds ("2026-01-02T03:04:05.678Z");
 * - JSON columns hold serialized JSON text (MariaDB's JSON is LONGTEXT, so parsing happens in repos);
 * - DECIMAL columns are JS numbers (2 decimal places; both dialects round-trip them exactly).
 */
export type IsoDateTime = string;
export type JsonText = string;

/** createdAt: DB default CURRENT_TIMESTAMP(3), may be supplied (sync replays client time). */
type CreatedAt = Generated<IsoDateTime>;
/** updatedAt: Prisma's @updatedAt has no DB default, so every write supplies it. */
type UpdatedAt = IsoDateTime;

export interface InstitutionsTable {
  id: string;
  name: string;
  code: string;
  address: string | null;
  contactEmail: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface DepartmentsTable {
  id: string;
  institutionId: string;
  name: string;
  code: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface RolesTable {
  id: Generated<number>;
  name: string;
  description: string | null;
  createdAt: CreatedAt;
}

export interface UsersTable {
  id: string;
  institutionId: string | null;
  departmentId: string | null;
  roleId: number;
  email: string;
  passwordHash: string;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  lastLoginAt: IsoDateTime | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface UserProfilesTable {
  userId: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  avatarUrl: string | null;
  title: string | null;
  bio: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface MentorProfilesTable {
  userId: string;
  designation: string | null;
  specialization: string | null;
  capacityDefault: ColumnType<number, number | undefined, number>;
  availabilityStatus: ColumnType<AvailabilityStatus, AvailabilityStatus | undefined, AvailabilityStatus>;
  maxMentees: ColumnType<number, number | undefined, number>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface StudentProfilesTable {
  userId: string;
  rollNumber: string;
  program: string | null;
  yearOfStudy: number | null;
  gpa: number | null;
  attendancePct: number | null;
  riskLevel: ColumnType<RiskLevel, RiskLevel | undefined, RiskLevel>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface MentorAssignmentsTable {
  id: string;
  mentorId: string;
  studentId: string;
  departmentId: string;
  assignedById: string;
  status: ColumnType<AssignmentStatus, AssignmentStatus | undefined, AssignmentStatus>;
  assignedAt: Generated<IsoDateTime>;
  endedAt: IsoDateTime | null;
  notes: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SessionRecordsTable {
  id: string;
  assignmentId: string;
  sessionDate: IsoDateTime;
  mode: SessionMode;
  location: string | null;
  topic: string;
  summary: string | null;
  /** JSON array of { text, done, dueOn? }. */
  actionItems: JsonText | null;
  nextMeetingOn: IsoDateTime | null;
  attendance: ColumnType<Attendance, Attendance | undefined, Attendance>;
  status: ColumnType<SessionStatus, SessionStatus | undefined, SessionStatus>;
  createdById: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface SessionFeedbackTable {
  id: string;
  sessionId: string;
  giverUserId: string;
  recipientUserId: string;
  type: FeedbackType;
  rating: number;
  comments: string | null;
  visibility: ColumnType<FeedbackVisibility, FeedbackVisibility | undefined, FeedbackVisibility>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface GoalsTable {
  id: string;
  studentId: string;
  title: string;
  category: GoalCategory;
  description: string | null;
  targetDate: IsoDateTime | null;
  status: ColumnType<GoalStatus, GoalStatus | undefined, GoalStatus>;
  progressPct: ColumnType<number, number | undefined, number>;
  createdById: string;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface GoalUpdatesTable {
  id: string;
  goalId: string;
  notedById: string;
  note: string;
  progressPct: number;
  status: GoalStatus;
  createdAt: CreatedAt;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  payload: JsonText | null;
  readAt: IsoDateTime | null;
  createdAt: CreatedAt;
}

export interface AlertsTable {
  id: string;
  studentId: string;
  severity: AlertSeverity;
  category: AlertCategory;
  message: string;
  sourceRef: JsonText | null;
  status: ColumnType<AlertStatus, AlertStatus | undefined, AlertStatus>;
  createdAt: CreatedAt;
  closedAt: IsoDateTime | null;
  closedById: string | null;
}

export interface AttachmentsTable {
  id: string;
  relatedType: AttachmentRelatedType;
  relatedId: string;
  ownerUserId: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  storagePath: string;
  createdAt: CreatedAt;
}

export interface AuditLogsTable {
  id: Generated<number>;
  userId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  beforeState: JsonText | null;
  afterState: JsonText | null;
  ip: string | null;
  userAgent: string | null;
  createdAt: CreatedAt;
}

export interface PasswordResetsTable {
  id: string;
  userId: string;
  tokenHash: string;
  expiresAt: IsoDateTime;
  usedAt: IsoDateTime | null;
  createdAt: CreatedAt;
}

/** The 17 seed tables, names exactly as the central schema. */
export interface SeedTables {
  institutions: InstitutionsTable;
  departments: DepartmentsTable;
  roles: RolesTable;
  users: UsersTable;
  user_profiles: UserProfilesTable;
  mentor_profiles: MentorProfilesTable;
  student_profiles: StudentProfilesTable;
  mentor_assignments: MentorAssignmentsTable;
  session_records: SessionRecordsTable;
  session_feedback: SessionFeedbackTable;
  goals: GoalsTable;
  goal_updates: GoalUpdatesTable;
  notifications: NotificationsTable;
  alerts: AlertsTable;
  attachments: AttachmentsTable;
  audit_logs: AuditLogsTable;
  password_resets: PasswordResetsTable;
}

export const SEED_TABLE_NAMES = [
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
] as const satisfies readonly (keyof SeedTables)[];

// ---- Sync bookkeeping (SYNC.md); additive tables, created by migration 0002. ----

/** Central only: single-row counter that orders changes by commit (see migration 0002). */
export interface SyncCounterTable {
  id: number;
  v: number;
}

/** Central only: change log written by triggers on every synced table. */
export interface SyncChangesTable {
  seq: number;
  tableName: string;
  rowId: string;
  op: 'UPSERT' | 'DELETE';
  changedAt: CreatedAt;
  /** session_records only (migration 0017): the session's assignmentId; null before it. */
  parentId: string | null;
}

/** Central only: idempotency record of replayed client mutations. */
export interface SyncMutationsTable {
  mutationId: string;
  clientId: string;
  userId: string;
  pushSeq: number;
  callName: string;
  receivedAt: CreatedAt;
  outcome: 'APPLIED' | 'REJECTED' | 'CONFLICT';
  detail: JsonText | null;
}

/** Central only: one row per laptop/install that syncs. */
export interface SyncClientsTable {
  clientId: string;
  userId: string;
  appVersion: string | null;
  lastPushSeq: Generated<number>;
  lastPushAt: IsoDateTime | null;
  lastPullAt: IsoDateTime | null;
  cursor: Generated<number>;
  createdAt: CreatedAt;
}

export type OutboxStatus = 'PENDING' | 'APPLIED' | 'REJECTED' | 'CONFLICT' | 'DISCARDED';

/** Local only: this user's own write calls, queued for replay against central. */
export interface SyncOutboxTable {
  seq: Generated<number>;
  mutationId: string;
  callName: string;
  input: JsonText;
  generatedIds: JsonText;
  baseValues: JsonText | null;
  touchedRows: JsonText;
  clientTime: IsoDateTime;
  userId: string;
  status: ColumnType<OutboxStatus, OutboxStatus | undefined, OutboxStatus>;
  detail: JsonText | null;
  attempts: ColumnType<number, number | undefined, number>;
  pushedAt: IsoDateTime | null;
}

/** Local only: key/value sync state (clientId, cursor, central fingerprint, ...). */
export interface SyncStateTable {
  key: string;
  value: string;
}

export interface CentralSyncTables {
  sync_counter: SyncCounterTable;
  sync_changes: SyncChangesTable;
  sync_mutations: SyncMutationsTable;
  sync_clients: SyncClientsTable;
}

export interface LocalSyncTables {
  sync_outbox: SyncOutboxTable;
  sync_state: SyncStateTable;
}

/**
 * Local only (migration 0018): how many sessions each department has per status and sessionDate,
 * kept by triggers from session_records and mentor_assignments. Read it, never write it: an
 * office's session counts sum one range of its key instead of seeking each assignment's sessions.
 */
export interface LocalSessionCountsTable {
  departmentId: string;
  status: SessionStatus;
  sessionDate: IsoDateTime;
  n: number;
}

export interface LocalDerivedTables {
  local_session_counts: LocalSessionCountsTable;
}

/**
 * Every table either dialect may hold. Local-only and central-only tables exist on one side only;
 * code that touches them runs only on that side.
 */
export interface Database
  extends SeedTables, CentralSyncTables, LocalSyncTables, LocalDerivedTables, NotesTables {}

import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { AlertCategory, AlertSeverity, AlertStatus } from '../../shared/domain/enums.ts';
import { bulkInsert } from '../db/bulk-insert.ts';
import type { Database } from '../db/schema.ts';

// Rows of `alerts` and their sourceRef JSON. sourceRef says where an alert came from and, once it
// is closed, why: { source: 'risk-engine', rules: [...] } for automatic alerts, { source: 'manual',
// raisedById } for BEHAVIOR/GRIEVANCE raised by staff. A closing note lives in sourceRef.closingNote
// (it must travel with the alert to synced laptops, and the seed has no column for it) and is also
// written to the audit row of the close.

export interface RuleRef {
  rule: string;
  level: string;
  value: number;
  threshold: number;
  comparison: string;
  unit: string;
}

export interface AlertSourceRef {
  source: 'risk-engine' | 'manual' | string;
  rules?: RuleRef[];
  raisedById?: string;
  evaluatedAt?: string;
  closingNote?: string;
  /** 'system' when the engine closed it; otherwise the user id that closed it. */
  closedBy?: string;
  closedReason?: string;
  /**
   * A person closed an automatic alert while its condition still held: the engine does not raise
   * the category again at the same or lower severity until the condition has cleared once.
   */
  suppress?: boolean;
  [key: string]: unknown;
}

export interface AlertRow {
  id: string;
  studentId: string;
  severity: AlertSeverity;
  category: AlertCategory;
  message: string;
  sourceRef: AlertSourceRef | null;
  status: AlertStatus;
  createdAt: string;
  closedAt: string | null;
  closedById: string | null;
}

export function parseSourceRef(text: string | null): AlertSourceRef | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as AlertSourceRef) : null;
  } catch {
    return null;
  }
}

const COLUMNS = [
  'id',
  'studentId',
  'severity',
  'category',
  'message',
  'sourceRef',
  'status',
  'createdAt',
  'closedAt',
  'closedById',
] as const;

type Raw = Omit<AlertRow, 'sourceRef'> & { sourceRef: string | null };
export const alertRow = (r: Raw): AlertRow => ({ ...r, sourceRef: parseSourceRef(r.sourceRef) });

/** One alert by id, no scope: callers check scope themselves (or read it through scopeAlerts). */
export async function alertById(db: Kysely<Database>, id: string): Promise<AlertRow | undefined> {
  const r = await db.selectFrom('alerts').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r ? alertRow(r) : undefined;
}

/**
 * The alerts the engine manages (read with its facts, facts.repo.ts loadEvaluation): OPEN ones in
 * its categories, and closed ones that still suppress a re-raise.
 */
export function engineAlertsFilter<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  alias: string,
  categories: readonly AlertCategory[],
): Expression<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return eb.and([
    eb(col('category'), 'in', [...categories]),
    eb.or([eb(col('status'), '=', 'OPEN'), eb(col('sourceRef'), 'like', '%"suppress":true%')]),
  ]);
}

export interface NewAlert {
  id: string;
  studentId: string;
  severity: AlertSeverity;
  category: AlertCategory;
  message: string;
  sourceRef: AlertSourceRef;
  createdAt: string;
}

export async function insertAlert(db: Kysely<Database>, a: NewAlert): Promise<void> {
  await db
    .insertInto('alerts')
    .values({
      ...a,
      sourceRef: JSON.stringify(a.sourceRef),
      status: 'OPEN',
      closedAt: null,
      closedById: null,
    })
    .execute();
}

/** insertAlert for many rows (a risk run over a whole imported roster), in multi-row statements. */
export async function insertAlerts(db: Kysely<Database>, alerts: readonly NewAlert[]): Promise<void> {
  // Spelled out rather than spread from `a`: a risk run over an imported roster writes thousands,
  // and the spread copy cost several times the literal (and slowed reading the rows back to bind).
  const rows = alerts.map((a) => ({
    id: a.id,
    studentId: a.studentId,
    severity: a.severity,
    category: a.category,
    message: a.message,
    sourceRef: JSON.stringify(a.sourceRef),
    createdAt: a.createdAt,
    status: 'OPEN' as const,
    closedAt: null,
    closedById: null,
  }));
  await bulkInsert(db, 'alerts', rows);
}

export async function updateAlert(
  db: Kysely<Database>,
  id: string,
  changes: Partial<{
    severity: AlertSeverity;
    message: string;
    sourceRef: AlertSourceRef;
    status: AlertStatus;
    closedAt: string | null;
    closedById: string | null;
  }>,
): Promise<void> {
  const { sourceRef, ...rest } = changes;
  await db
    .updateTable('alerts')
    .set({ ...rest, ...(sourceRef !== undefined ? { sourceRef: JSON.stringify(sourceRef) } : {}) })
    .where('id', '=', id)
    .execute();
}

/**
 * Who hears about a new alert: the student's current mentors (ACTIVE or PAUSED assignment) and
 * the ACTIVE department admins of the student's department.
 */
export async function alertRecipients(db: Kysely<Database>, studentId: string): Promise<string[]> {
  const mentors = await db
    .selectFrom('mentor_assignments')
    .select('mentorId as id')
    .where('studentId', '=', studentId)
    .where('status', 'in', ['ACTIVE', 'PAUSED'])
    .execute();
  const admins = await db
    .selectFrom('users as s')
    .innerJoin('users as a', 'a.departmentId', 's.departmentId')
    .innerJoin('roles as r', 'r.id', 'a.roleId')
    .select('a.id')
    .where('s.id', '=', studentId)
    .where('r.name', '=', 'DEPARTMENT_ADMIN')
    .where('a.status', '=', 'ACTIVE')
    .execute();
  return [...new Set([...mentors, ...admins].map((r) => r.id))];
}

const IN_CHUNK = 500;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += IN_CHUNK) out.push(xs.slice(i, i + IN_CHUNK));
  return out;
}

/** alertRecipients for many students: their active or paused mentors and their department's admins. */
export async function alertRecipientsMany(
  db: Kysely<Database>,
  studentIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, Set<string>>(studentIds.map((id) => [id, new Set<string>()]));
  const deptOf = new Map<string, string | null>();
  for (const ids of chunks(studentIds)) {
    const mentors = await db
      .selectFrom('mentor_assignments')
      .select(['studentId', 'mentorId'])
      .where('studentId', 'in', ids)
      .where('status', 'in', ['ACTIVE', 'PAUSED'])
      .execute();
    for (const m of mentors) out.get(m.studentId)?.add(m.mentorId);
    const students = await db
      .selectFrom('users')
      .select(['id', 'departmentId'])
      .where('id', 'in', ids)
      .execute();
    for (const s of students) deptOf.set(s.id, s.departmentId);
  }
  const depts = [...new Set([...deptOf.values()].filter((d): d is string => d !== null))];
  const admins = new Map<string, string[]>();
  if (depts.length > 0) {
    const rows = await db
      .selectFrom('users as a')
      .innerJoin('roles as r', 'r.id', 'a.roleId')
      .select(['a.id', 'a.departmentId'])
      .where('a.departmentId', 'in', depts)
      .where('r.name', '=', 'DEPARTMENT_ADMIN')
      .where('a.status', '=', 'ACTIVE')
      .execute();
    for (const r of rows) admins.set(r.departmentId!, [...(admins.get(r.departmentId!) ?? []), r.id]);
  }
  for (const [id, set] of out) for (const a of admins.get(deptOf.get(id) ?? '') ?? []) set.add(a);
  return new Map([...out].map(([id, set]) => [id, [...set]]));
}

/** studentLabel for many students. */
export async function studentLabels(
  db: Kysely<Database>,
  studentIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const ids of chunks(studentIds)) {
    const rows = await db
      .selectFrom('student_profiles as sp')
      .leftJoin('user_profiles as p', 'p.userId', 'sp.userId')
      .select(['sp.userId', 'p.firstName', 'p.lastName', 'sp.rollNumber'])
      .where('sp.userId', 'in', ids)
      .execute();
    for (const r of rows) {
      const name = `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim();
      out.set(r.userId, name ? `${name} (${r.rollNumber})` : r.rollNumber);
    }
  }
  return out;
}

/** "Asha Rao (21CS1001)" for alert messages and notification titles. */
export async function studentLabel(db: Kysely<Database>, studentId: string): Promise<string> {
  const r = await db
    .selectFrom('student_profiles as sp')
    .leftJoin('user_profiles as p', 'p.userId', 'sp.userId')
    .select(['p.firstName', 'p.lastName', 'sp.rollNumber'])
    .where('sp.userId', '=', studentId)
    .executeTakeFirst();
  if (!r) return 'A student';
  const name = `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim();
  return name ? `${name} (${r.rollNumber})` : r.rollNumber;
}

import { sql, type Kysely } from 'kysely';
import type { AlertRowDto } from '../../shared/contract/alerts.contract.ts';
import type { AlertCategory, AlertSeverity, AlertStatus } from '../../shared/domain/enums.ts';
import type { Actor } from '../context.ts';
import type { Database } from '../db/schema.ts';
import {
  col,
  countRows,
  currentMenteeIds,
  isIn,
  pageQuery,
  scopeAlerts,
  textKey,
  type Page,
  type PageInput,
} from '../scope/index.ts';
import { parseSourceRef, type RuleRef } from './alerts.repo.ts';

// The alert queue as staff read it: every row through scopeAlerts (admins in scope, a mentor its
// current mentees, students nothing), with the student's name and who closed it.

const base = (db: Kysely<Database>, actor: Actor) =>
  db
    .selectFrom('alerts as al')
    .innerJoin('users as u', 'u.id', 'al.studentId')
    .leftJoin('user_profiles as p', 'p.userId', 'al.studentId')
    .leftJoin('student_profiles as sp', 'sp.userId', 'al.studentId')
    .leftJoin('user_profiles as cp', 'cp.userId', 'al.closedById')
    .where(scopeAlerts(actor, 'al'));

const COLUMNS = [
  'al.id',
  'al.studentId',
  'p.firstName',
  'p.lastName',
  'sp.rollNumber',
  'u.departmentId',
  'al.severity',
  'al.category',
  'al.message',
  'al.status',
  'al.sourceRef',
  'al.createdAt',
  'al.closedAt',
  'al.closedById',
  'cp.firstName as closedByFirst',
  'cp.lastName as closedByLast',
] as const;

interface Raw {
  id: string;
  studentId: string;
  firstName: string | null;
  lastName: string | null;
  rollNumber: string | null;
  departmentId: string | null;
  severity: AlertSeverity;
  category: AlertCategory;
  message: string;
  status: AlertStatus;
  sourceRef: string | null;
  createdAt: string;
  closedAt: string | null;
  closedById: string | null;
  closedByFirst: string | null;
  closedByLast: string | null;
}

const isRule = (r: unknown): r is RuleRef =>
  r !== null &&
  typeof r === 'object' &&
  typeof (r as RuleRef).rule === 'string' &&
  typeof (r as RuleRef).value === 'number';

function toDto(r: Raw): AlertRowDto {
  const ref = parseSourceRef(r.sourceRef);
  const source = ref?.source === 'risk-engine' || ref?.source === 'manual' ? ref.source : 'other';
  const name = (a: string | null, b: string | null): string => `${a ?? ''} ${b ?? ''}`.trim();
  return {
    id: r.id,
    studentId: r.studentId,
    studentName: name(r.firstName, r.lastName),
    rollNumber: r.rollNumber,
    departmentId: r.departmentId,
    severity: r.severity,
    category: r.category,
    message: r.message,
    status: r.status,
    source,
    rules: Array.isArray(ref?.rules)
      ? ref.rules.filter(isRule).map((x) => ({
          rule: x.rule,
          level: String(x.level),
          value: x.value,
          threshold: Number(x.threshold),
          comparison: String(x.comparison),
          unit: String(x.unit),
        }))
      : [],
    raisedById: typeof ref?.raisedById === 'string' ? ref.raisedById : null,
    createdAt: r.createdAt,
    closedAt: r.closedAt,
    closedById: r.closedById,
    closedByName: r.closedById ? name(r.closedByFirst, r.closedByLast) || null : null,
    closingNote: typeof ref?.closingNote === 'string' ? ref.closingNote : null,
  };
}

/** One alert as the actor may read it (undefined when out of scope). */
export async function findAlert(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
): Promise<AlertRowDto | undefined> {
  const r = await base(db, actor).select(COLUMNS).where('al.id', '=', id).executeTakeFirst();
  return r ? toDto(r) : undefined;
}

export interface AlertListFilters extends PageInput {
  sort: 'createdAt' | 'severity' | 'student';
  status?: AlertStatus;
  severity?: AlertSeverity;
  category?: AlertCategory;
  studentId?: string;
  mentorId?: string;
  departmentId?: string;
}

const severityOrder = sql`case ${col('al', 'severity')} when 'CRITICAL' then 3 when 'WARN' then 2 else 1 end`;

const SORT = {
  createdAt: [col('al', 'createdAt')],
  severity: [severityOrder, col('al', 'createdAt')],
  student: [textKey(col('p', 'lastName')), textKey(col('p', 'firstName'))],
} as const;

export async function listAlerts(
  db: Kysely<Database>,
  actor: Actor,
  f: AlertListFilters,
): Promise<Page<AlertRowDto>> {
  let q = base(db, actor);
  if (f.status) q = q.where('al.status', '=', f.status);
  if (f.severity) q = q.where('al.severity', '=', f.severity);
  if (f.category) q = q.where('al.category', '=', f.category);
  if (f.studentId) q = q.where('al.studentId', '=', f.studentId);
  if (f.departmentId) q = q.where('u.departmentId', '=', f.departmentId);
  if (f.mentorId) q = q.where(isIn(col('al', 'studentId'), currentMenteeIds(f.mentorId)));
  const total = await countRows(q);
  const rows = await pageQuery(q.select(COLUMNS), f, [...SORT[f.sort]], col('al', 'id')).execute();
  return { rows: rows.map(toDto), total };
}

import type { Kysely } from 'kysely';
import { ROLE_NAMES, type RoleName } from '../../shared/domain/enums.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { addAlerts } from './alerts.ts';
import { addAssignments } from './assignments.ts';
import { calendarFor, DAY, DEFAULT_AS_OF, HOUR, iso } from './calendar.ts';
import type { DemoContext, DeptContext } from './context.ts';
import { DEPARTMENTS, INSTITUTION, type DepartmentSpec } from './departments.ts';
import { addGoals } from './goals.ts';
import { randomName } from './names.ts';
import { addInstitutionAdmins, addMentors, addUser, DEMO_DOMAIN } from './people.ts';
import { Rng } from './rng.ts';
import { addSessions } from './sessions.ts';
import { addStudent } from './students.ts';
import { BatchWriter, type TableCounts } from './writer.ts';

export const DEMO_PASSWORD = 'Demo@12345';

export const SCALES = {
  small: { departments: 3, mentorsPerDepartment: 4, studentsPerDepartment: 50 },
  department: { departments: 1, mentorsPerDepartment: 80, studentsPerDepartment: 2000 },
  large: { departments: 10, mentorsPerDepartment: 80, studentsPerDepartment: 2000 },
} as const;
export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

export interface DemoProgress {
  department: string;
  students: number;
  totalStudents: number;
  /** Rows written so far, all tables. */
  rows: number;
}

export interface DemoOptions {
  scale: ScaleName;
  seed?: number;
  /** The demo's "today" (YYYY-MM-DD); fixed by default so a seed always gives the same rows. */
  asOf?: string;
  /** Rows per multi-row INSERT. */
  batchSize?: number;
  /** Students whose rows commit together; default: a whole department on SQLite, 200 on MySQL. */
  studentsPerTransaction?: number;
  onProgress?: (p: DemoProgress) => void;
}

export interface DemoAccount {
  role: RoleName;
  email: string;
  name: string;
}

export interface DemoResult {
  scale: ScaleName;
  seed: number;
  asOf: string;
  counts: TableCounts;
  accounts: DemoAccount[];
  password: string;
}

export class DemoRefusedError extends Error {
  override name = 'DemoRefusedError';
}

/** Demo data goes only into an empty database: it must never mix with a department's real records. */
export async function assertEmptyForDemo(db: Db): Promise<void> {
  const count = async (table: 'users' | 'institutions'): Promise<number> => {
    const row = await db.kysely
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const users = await count('users');
  const institutions = await count('institutions');
  if (users > 0 || institutions > 0) {
    const what = users > 0 ? `${users} user${users === 1 ? '' : 's'}` : 'an institution';
    throw new DemoRefusedError(
      `This database already has ${what}. Demo data is only loaded into an empty database; ` +
        'use a new SQLite file or an empty MySQL database.',
    );
  }
}

async function loadRoleIds(db: Db): Promise<Record<RoleName, number>> {
  const rows = await db.kysely.selectFrom('roles').select(['id', 'name']).execute();
  const ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  for (const name of ROLE_NAMES) {
    if (typeof ids[name] !== 'number')
      throw new Error(`The roles table has no ${name} row; run smms migrate first.`);
  }
  return ids as Record<RoleName, number>;
}

/**
 * Generates and inserts a whole demo institution. Rows stream through a BatchWriter in
 * multi-row INSERTs, so memory stays flat at any scale; each group of students is one transaction
 * (SQLite: a whole department, which is what makes it fast; MySQL: smaller groups).
 */
export async function generateDemo(db: Db, options: DemoOptions): Promise<DemoResult> {
  const scale = SCALES[options.scale];
  const seed = options.seed ?? 1;
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const cal = calendarFor(asOf);
  await assertEmptyForDemo(db);
  const roleIds = await loadRoleIds(db);
  // Demo data only: one scrypt hash shared by every demo user. Hashing per user (random salt each)
  // would take minutes at 20,000 users; real accounts always get their own salt.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const w = new BatchWriter(options.batchSize ?? 1000);
  const ctx: DemoContext = {
    w,
    cal,
    passwordHash,
    roleIds,
    institutionId: '',
    superAdminId: '',
    deanId: '',
    emails: new Set(),
  };
  const root = new Rng(`smms-demo/${seed}`);
  await db.kysely.transaction().execute(async (trx) => {
    addInstitution(ctx, root.fork('institution'));
    await w.flush(trx);
  });
  const accountIds = [ctx.superAdminId, ctx.deanId];
  const deptCount = Math.min(scale.departments, DEPARTMENTS.length);
  for (let i = 0; i < deptCount; i++) {
    const d = addDepartment(
      ctx,
      root.fork(`department/${i}`),
      DEPARTMENTS[i]!,
      scale.mentorsPerDepartment,
      scale.studentsPerDepartment,
    );
    await addStudents(db, d, scale.studentsPerDepartment, options);
    // Student 0 is always dealt to mentor 0 (round-robin), so these two are mentor and mentee.
    if (i === 0) accountIds.push(d.hodId, d.mentors[0]!.id, d.firstStudentId);
  }
  const accounts = await demoAccounts(db, accountIds);
  return { scale: options.scale, seed, asOf, counts: { ...w.counts }, accounts, password: DEMO_PASSWORD };
}

function addInstitution(ctx: DemoContext, rng: Rng): void {
  const at = ctx.cal.setup - 3 * DAY;
  ctx.institutionId = rng.uuid(at);
  ctx.w.add('institutions', {
    id: ctx.institutionId,
    ...INSTITUTION,
    createdAt: iso(at),
    updatedAt: iso(at),
  });
  addInstitutionAdmins(ctx, rng);
}

function addDepartment(
  ctx: DemoContext,
  rng: Rng,
  spec: DepartmentSpec,
  mentors: number,
  students: number,
): DeptContext {
  const at = ctx.cal.setup - 2 * DAY + HOUR;
  const id = rng.uuid(at);
  ctx.w.add('departments', {
    id,
    institutionId: ctx.institutionId,
    name: spec.name,
    code: spec.code,
    createdAt: iso(at),
    updatedAt: iso(at),
  });
  const hodRng = rng.fork('hod');
  const hodId = addUser(ctx, hodRng, {
    role: 'DEPARTMENT_ADMIN',
    email: `hod.${spec.code.toLowerCase()}@${DEMO_DOMAIN}`,
    name: randomName(hodRng, 0.35),
    departmentId: id,
    institutionId: ctx.institutionId,
    createdAt: at + HOUR,
    createdById: ctx.superAdminId,
    title: 'Dr.',
    bio: `Professor and Head, ${spec.name}.`,
  });
  const d: DeptContext = { ctx, rng, spec, id, hodId, mentors: [], serials: new Map(), firstStudentId: '' };
  d.mentors = addMentors(d, mentors, students);
  return d;
}

async function addStudents(db: Db, d: DeptContext, total: number, options: DemoOptions): Promise<void> {
  const { w } = d.ctx;
  const { onProgress } = options;
  // A few new students are still waiting for a mentor: the HOD's "unassigned" queue.
  const unassignedFrom = total - Math.max(1, Math.round(total * 0.01));
  // One SQLite transaction per department avoids a WAL commit per group; on MySQL, moderate
  // transactions keep undo logs and lock time small while other clients use the server.
  const group = options.studentsPerTransaction ?? (db.dialect === 'sqlite' ? total : 200);
  // Progress every tenth of a large department; small ones report once, when done.
  const every = total >= 1000 ? Math.floor(total / 10) : total;
  for (let from = 0; from < total; from += group) {
    await db.kysely.transaction().execute(async (trx: Kysely<Database>) => {
      for (let i = from; i < Math.min(total, from + group); i++) {
        addStudentWithHistory(d, i, i < unassignedFrom);
        if (w.full) await w.flush(trx);
        if ((i + 1) % every === 0 || i + 1 === total) {
          await w.flush(trx);
          const rows = Object.values(w.counts).reduce((a, b) => a + b, 0);
          onProgress?.({ department: d.spec.code, students: i + 1, totalStudents: total, rows });
        }
      }
      await w.flush(trx);
    });
  }
}

function addStudentWithHistory(d: DeptContext, index: number, assigned: boolean): void {
  const rng = d.rng.fork(`student/${index}`);
  const s = addStudent(d, rng);
  if (index === 0) d.firstStudentId = s.id;
  const segments = assigned ? addAssignments(d, rng, s, index) : [];
  for (const seg of segments) addSessions(d, rng, s, seg);
  addGoals(d, rng, s, segments);
  addAlerts(d, rng, s, segments);
}

/** One account per role to try the app with: the institution admins, then the first department's. */
async function demoAccounts(db: Db, userIds: string[]): Promise<DemoAccount[]> {
  const rows = await db.kysely
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .innerJoin('user_profiles', 'user_profiles.userId', 'users.id')
    .select([
      'users.id',
      'users.email',
      'roles.name as role',
      'user_profiles.title',
      'user_profiles.firstName',
      'user_profiles.lastName',
    ])
    .where('users.id', 'in', userIds)
    .execute();
  return userIds.flatMap((id) => {
    const r = rows.find((x) => x.id === id);
    if (!r) return [];
    const title = r.title === 'Dr.' || r.title === 'Mr.' || r.title === 'Ms.' ? `${r.title} ` : '';
    return [{ role: r.role as RoleName, email: r.email, name: `${title}${r.firstName} ${r.lastName}` }];
  });
}

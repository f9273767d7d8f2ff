import { sql } from 'kysely';
import { uuidv7 } from '../../src/core/ids.ts';
import { seed as seedRows, type Client, type World } from './harness.ts';

// Random operations for the convergence proof (SYNC.md 8): offline calls on laptops, and writes on
// central by "other tools" (plain SQL) that move scopes and collide with the laptops' edits.

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Dice {
  next: () => number;
  int(n: number): number;
  pick<T>(items: readonly T[]): T | undefined;
  chance(p: number): boolean;
}

export function dice(seed: number): Dice {
  const next = rng(seed);
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (items) => (items.length === 0 ? undefined : items[Math.floor(next() * items.length)]),
    chance: (p) => next() < p,
  };
}

let serial = 0;
const GPAS = [5.5, 6, 7.25, 8, 9.5];
const BIOS = ['Likes chess', 'Cricket captain', 'Wants to do a PhD', 'Commutes 2 hours'];

async function cachedIds(
  c: Client,
  table: 'student_profiles' | 'user_profiles' | 'users',
): Promise<string[]> {
  const col = table === 'users' ? 'id' : 'userId';
  const { rows } = await sql<{ id: string }>`select ${sql.ref(col)} as id from ${sql.table(table)}`.execute(
    c.db.kysely,
  );
  return rows.map((r) => r.id);
}

/** One offline call on a laptop, chosen for its role. Local refusals are fine: nothing is queued. */
export async function clientOp(w: World, c: Client, d: Dice): Promise<string> {
  const tag = (name: string, r: { ok: boolean; error?: { code: string } }) =>
    `${name} ${r.ok ? 'ok' : r.error?.code}`;
  const role = c.user.role;
  if (role === 'MENTOR' && d.chance(0.4)) {
    // Recorded against what the laptop believes is active; central may have ended it meanwhile.
    const active = await c.db.kysely
      .selectFrom('mentor_assignments')
      .select('id')
      .where('mentorId', '=', c.user.id)
      .where('status', '=', 'ACTIVE')
      .execute();
    const a = d.pick(active);
    if (a) {
      const r = await c.call('sessions:record', {
        assignmentId: a.id,
        sessionDate: w.clock.now().toISOString(),
        topic: d.pick(['Backlog plan', 'Internship search', 'Attendance'])!,
        mode: 'IN_PERSON',
        summary: d.pick(BIOS)!,
      });
      return tag('sessions:record', r);
    }
  }
  if (role === 'MENTOR' && d.chance(0.3)) {
    const r = await c.call('mentors:update-profile', {
      id: c.user.id,
      availabilityStatus: d.pick(['AVAILABLE', 'LIMITED', 'UNAVAILABLE'] as const)!,
    });
    return tag('mentors:update-profile', r);
  }
  if (role === 'MENTOR' || role === 'STUDENT') {
    const r = await c.call('users:update-own-profile', {
      bio: d.pick(BIOS)!,
      phone: `+91 90000 ${10000 + d.int(89999)}`,
    });
    return tag('users:update-own-profile', r);
  }
  const students = await cachedIds(c, 'student_profiles');
  const id = d.pick(students);
  const k = d.int(10);
  if (id && k < 4) {
    const r = await c.call(
      'students:update-academics',
      d.chance(0.5) ? { id, gpa: d.pick(GPAS)! } : { id, attendancePct: 50 + d.int(50) },
    );
    return tag('students:update-academics', r);
  }
  if (id && k < 6) {
    const r = await c.call('users:update', {
      id,
      firstName: d.pick(['Asha', 'Ravi', 'Meera', 'Arjun'])!,
      bio: d.pick(BIOS)!,
    });
    return tag('users:update', r);
  }
  if (id && k < 7 && role !== 'DEPARTMENT_ADMIN') {
    const dept = d.chance(0.5) ? w.cast.dept.id : w.cast.otherDept.id;
    const r = await c.call('users:update', { id, departmentId: dept });
    return tag('users:update(move)', r);
  }
  const n = ++serial;
  const r = await c.call('users:create', {
    email: `rand${n}.${uuidv7().slice(-6)}@test.smms`,
    firstName: 'Rand',
    lastName: `Student ${n}`,
    role: 'STUDENT',
    departmentId:
      role === 'DEPARTMENT_ADMIN' ? w.cast.dept.id : d.pick([w.cast.dept.id, w.cast.otherDept.id])!,
    student: { rollNumber: `RND-${n}-${uuidv7().slice(-4)}` },
  });
  return tag('users:create', r);
}

async function studentIds(w: World, deptId?: string): Promise<string[]> {
  let q = w.central.kysely
    .selectFrom('student_profiles as sp')
    .innerJoin('users as u', 'u.id', 'sp.userId')
    .select('u.id');
  if (deptId) q = q.where('u.departmentId', '=', deptId);
  return (await q.execute()).map((r) => r.id);
}

/** One write on central by another tool (plain SQL), including scope moves. */
export async function centralOp(w: World, d: Dice, clientUsers: Set<string>): Promise<string> {
  const db = w.central.kysely;
  const k = d.int(10);
  const student = d.pick(await studentIds(w));
  if (!student) return 'none';
  if (k < 3) {
    await sql`update student_profiles set gpa = ${d.pick(GPAS)!}, updatedAt = now(3) where userId = ${student}`.execute(
      db,
    );
    return 'sql:gpa';
  }
  if (k < 5) {
    const active = await db
      .selectFrom('mentor_assignments')
      .select('id')
      .where('status', '=', 'ACTIVE')
      .execute();
    const a = d.pick(active);
    if (a && d.chance(0.5)) {
      await sql`update mentor_assignments set status = 'ENDED', endedAt = now(3), updatedAt = now(3) where id = ${a.id}`.execute(
        db,
      );
      return 'sql:end-assignment';
    }
    const inDept = d.pick(await studentIds(w, w.cast.dept.id));
    if (inDept) await w.assign(w.cast.mentor.id, inDept);
    return 'sql:assign';
  }
  if (k < 7) {
    await seedRows.goal(w, student, w.cast.deptAdmin.id);
    return 'sql:goal';
  }
  if (k < 8) {
    const goal = d.pick(await db.selectFrom('goals').select('id').execute());
    if (goal) await sql`delete from goals where id = ${goal.id}`.execute(db);
    return 'sql:delete-goal';
  }
  if (k < 9) {
    await seedRows.alert(w, student);
    return 'sql:alert';
  }
  const current = await db
    .selectFrom('mentor_assignments')
    .select('id')
    .where('studentId', '=', student)
    .where('status', 'in', ['ACTIVE', 'PAUSED'])
    .execute();
  if (current.length > 0 || clientUsers.has(student)) return 'none';
  const to = d.chance(0.5) ? w.cast.dept.id : w.cast.otherDept.id;
  await sql`update users set departmentId = ${to}, updatedAt = now(3) where id = ${student}`.execute(db);
  return 'sql:move';
}

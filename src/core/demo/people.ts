import type { RoleName } from '../../shared/domain/enums.ts';
import { DAY, HOUR, iso, MINUTE } from './calendar.ts';
import type { DemoContext, DeptContext, MentorRef } from './context.ts';
import { audit } from './context.ts';
import { DESIGNATIONS } from './departments.ts';
import { emailLocal, randomName, randomPhone, type PersonName } from './names.ts';
import type { Rng } from './rng.ts';

export const DEMO_DOMAIN = 'demo.smms';

export interface NewUser {
  role: RoleName;
  email: string;
  name: PersonName;
  departmentId: string | null;
  institutionId: string | null;
  createdAt: number;
  createdById: string | null;
  title?: string | null;
  bio?: string | null;
}

/** A user with its profile, the audit row of its creation and (usually) of a recent login. */
export function addUser(ctx: DemoContext, rng: Rng, u: NewUser): string {
  const id = rng.uuid(u.createdAt);
  const email = u.email.toLowerCase();
  ctx.emails.add(email);
  const lastLogin = rng.chance(0.88) ? loginTime(ctx, rng, u.createdAt) : null;
  ctx.w.add('users', {
    id,
    institutionId: u.institutionId,
    departmentId: u.departmentId,
    roleId: ctx.roleIds[u.role],
    email,
    passwordHash: ctx.passwordHash,
    status: 'ACTIVE',
    lastLoginAt: lastLogin === null ? null : iso(lastLogin),
    createdAt: iso(u.createdAt),
    updatedAt: iso(lastLogin ?? u.createdAt),
  });
  ctx.w.add('user_profiles', {
    userId: id,
    firstName: u.name.firstName,
    lastName: u.name.lastName,
    phone: randomPhone(rng),
    avatarUrl: null,
    title: u.title ?? null,
    bio: u.bio ?? null,
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.createdAt),
  });
  auditUser(ctx, rng, u, id, lastLogin);
  return id;
}

function auditUser(ctx: DemoContext, rng: Rng, u: NewUser, id: string, lastLogin: number | null): void {
  const after = { email: u.email.toLowerCase(), role: u.role, departmentId: u.departmentId };
  const entry = { entity: 'users', entityId: id };
  audit(ctx, rng, { ...entry, userId: u.createdById, action: 'users:create', after, at: u.createdAt });
  if (lastLogin !== null) audit(ctx, rng, { ...entry, userId: id, action: 'auth:login', at: lastLogin });
}

/** Most people signed in within the last fortnight; a few not for months. */
function loginTime(ctx: DemoContext, rng: Rng, createdAt: number): number {
  const earliest = createdAt + HOUR;
  const recent = rng.chance(0.8)
    ? ctx.cal.now - rng.int(1, 14 * 24) * HOUR
    : earliest + rng.next() * (ctx.cal.now - earliest);
  return Math.max(earliest, Math.min(ctx.cal.now - HOUR, Math.round(recent / MINUTE) * MINUTE));
}

/** e-mail for a person: firstname.lastname@, with a number when the name is already taken. */
export function uniqueEmail(ctx: DemoContext, name: PersonName): string {
  const local = emailLocal(name);
  for (let n = 1; ; n++) {
    const email = `${local}${n === 1 ? '' : n}@${DEMO_DOMAIN}`;
    if (!ctx.emails.has(email)) return email;
  }
}

export function addMentors(d: DeptContext, count: number, studentCount: number): MentorRef[] {
  const load = Math.ceil(studentCount / count);
  const mentors: MentorRef[] = [];
  for (let i = 0; i < count; i++) mentors.push(addMentor(d, d.rng.fork(`mentor/${i}`), i, load));
  return mentors;
}

function addMentor(d: DeptContext, rng: Rng, index: number, load: number): MentorRef {
  const { ctx, spec } = d;
  const name = randomName(rng, 0.38);
  const designation = rng.weighted(DESIGNATIONS);
  const doctor = designation !== 'Assistant Professor' || rng.chance(0.35);
  const title = doctor ? 'Dr.' : name.gender === 'F' ? 'Ms.' : 'Mr.';
  const specialization = rng.pick(spec.specializations);
  const degree = doctor ? `Ph.D. (${rng.pick(UNIVERSITIES)})` : `M.Tech (${rng.pick(UNIVERSITIES)})`;
  const createdAt = ctx.cal.setup + rng.int(0, 2) * DAY + rng.int(0, 6) * HOUR;
  const id = addUser(ctx, rng, {
    role: 'MENTOR',
    email: uniqueEmail(ctx, name),
    name,
    departmentId: d.id,
    institutionId: ctx.institutionId,
    createdAt,
    createdById: d.hodId,
    title,
    bio: `${designation}, ${spec.name}. ${degree}. Works on ${specialization.toLowerCase()}.`,
  });
  const capacityDefault = Math.max(10, load + 2);
  const maxMentees = capacityDefault + rng.pick([0, 0, 2, 5]);
  ctx.w.add('mentor_profiles', {
    userId: id,
    designation,
    specialization,
    capacityDefault,
    availabilityStatus: rng.weighted(AVAILABILITY),
    maxMentees,
    createdAt: iso(createdAt),
    updatedAt: iso(createdAt),
  });
  const cabin = `Cabin ${1 + (index % 3)}${String(10 + Math.floor(index / 3)).padStart(2, '0')}, ${spec.block}`;
  const display = `${title} ${name.firstName} ${name.lastName}`;
  return { id, firstName: name.firstName, lastName: name.lastName, display, cabin, maxMentees, active: 0 };
}

const AVAILABILITY = [
  ['AVAILABLE', 80],
  ['LIMITED', 15],
  ['UNAVAILABLE', 5],
] as const;

const UNIVERSITIES = [
  'IIT Madras',
  'IIT Bombay',
  'IIT Kharagpur',
  'NIT Warangal',
  'NIT Trichy',
  'IIIT Hyderabad',
  'Anna University',
  'JNTU Hyderabad',
  'Osmania University',
  'BITS Pilani',
  'IISc Bangalore',
  'VIT Vellore',
];

/** Super admin and dean: the institution-wide accounts. */
export function addInstitutionAdmins(ctx: DemoContext, rng: Rng): void {
  const at = ctx.cal.setup - 2 * DAY;
  ctx.superAdminId = addUser(ctx, rng, {
    role: 'SUPER_ADMIN',
    email: `superadmin@${DEMO_DOMAIN}`,
    name: { firstName: 'Suresh', lastName: 'Kumar', gender: 'M' },
    departmentId: null,
    institutionId: null,
    createdAt: at,
    createdById: null,
    title: 'Systems Administrator',
    bio: 'IT cell. Keeps SMMS and the central database running.',
  });
  ctx.deanId = addUser(ctx, rng, {
    role: 'INSTITUTION_ADMIN',
    email: `dean@${DEMO_DOMAIN}`,
    name: randomName(rng, 0.4),
    departmentId: null,
    institutionId: ctx.institutionId,
    createdAt: at + HOUR,
    createdById: ctx.superAdminId,
    title: 'Dr.',
    bio: 'Dean (Academics). Oversees the mentoring programme across departments.',
  });
}

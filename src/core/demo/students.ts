import type { RiskLevel } from '../../shared/domain/enums.ts';
import { DAY, HOUR, iso } from './calendar.ts';
import type { DeptContext } from './context.ts';
import type { Program } from './departments.ts';
import { randomName, type PersonName } from './names.ts';
import { addUser, DEMO_DOMAIN } from './people.ts';
import type { Rng } from './rng.ts';

export interface StudentRef {
  id: string;
  name: PersonName;
  rollNumber: string;
  program: string;
  yearOfStudy: number;
  gpa: number;
  attendancePct: number;
  risk: RiskLevel;
  createdAt: number;
  /** Days between mentoring sessions: weaker students are seen more often. */
  cadence: number;
}

// Thresholds the demo's alerts and risk levels follow (the defaults a department starts with).
export const GPA_WARN = 6;
export const GPA_CRITICAL = 5;
export const ATTENDANCE_WARN = 75;
export const ATTENDANCE_CRITICAL = 65;

const round2 = (x: number): number => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * CGPA on the 10-point scale around 7.3 (about 12% below 6 and 2% below 5) and attendance mostly
 * in the 80s with a weaker group around 68%, more likely for students with a low CGPA.
 */
export function academicRecord(rng: Rng): { gpa: number; attendancePct: number; risk: RiskLevel } {
  const gpa = round2(clamp(rng.normal(7.3, 1.1), 3.8, 9.95));
  const weak = rng.chance(gpa < GPA_WARN ? 0.35 : 0.08);
  const attendancePct = round2(clamp(weak ? rng.normal(68, 8) : rng.normal(86, 6), 35, 100));
  const risk: RiskLevel =
    gpa < GPA_CRITICAL || attendancePct < ATTENDANCE_CRITICAL
      ? 'HIGH'
      : gpa < GPA_WARN || attendancePct < ATTENDANCE_WARN
        ? 'MEDIUM'
        : 'LOW';
  return { gpa, attendancePct, risk };
}

function pickProgram(d: DeptContext, rng: Rng): Program {
  return rng.weighted(d.spec.programs.map((p) => [p, p.share] as const));
}

/** Roll number: admission year (2 digits), department code, 4-digit serial: 24CSE0042. */
function nextRollNumber(d: DeptContext, admissionYear: number): string {
  const serial = (d.serials.get(admissionYear) ?? 0) + 1;
  d.serials.set(admissionYear, serial);
  return `${String(admissionYear % 100).padStart(2, '0')}${d.spec.code}${String(serial).padStart(4, '0')}`;
}

/** Odd-semester results come out in late January and update every CGPA and attendance figure. */
function gradedAt(d: DeptContext, createdAt: number): number {
  const results = d.ctx.cal.even.start + 17 * DAY + 6 * HOUR;
  return results <= d.ctx.cal.now && results > createdAt ? results : createdAt;
}

export function addStudent(d: DeptContext, rng: Rng): StudentRef {
  const { ctx } = d;
  const program = pickProgram(d, rng);
  const yearOfStudy = rng.int(1, program.years);
  const rollNumber = nextRollNumber(d, ctx.cal.year - (yearOfStudy - 1));
  const name = randomName(rng);
  const record = academicRecord(rng);
  const createdAt =
    yearOfStudy === 1
      ? ctx.cal.freshersJoin + rng.int(0, 4) * DAY + rng.int(1, 6) * HOUR
      : ctx.cal.setup + rng.int(1, 5) * DAY + rng.int(0, 6) * HOUR;
  const id = addUser(ctx, rng, {
    role: 'STUDENT',
    email: `${rollNumber.toLowerCase()}@${DEMO_DOMAIN}`,
    name,
    departmentId: d.id,
    institutionId: ctx.institutionId,
    createdAt,
    createdById: d.hodId,
  });
  ctx.w.add('student_profiles', {
    userId: id,
    rollNumber,
    program: program.name,
    yearOfStudy,
    gpa: record.gpa,
    attendancePct: record.attendancePct,
    riskLevel: record.risk,
    createdAt: iso(createdAt),
    updatedAt: iso(gradedAt(d, createdAt)),
  });
  const cadence = record.risk === 'LOW' ? rng.real(6.5, 10) : rng.real(5, 7.5);
  return { id, name, rollNumber, program: program.name, yearOfStudy, ...record, createdAt, cadence };
}

import type { RoleName } from '../../shared/domain/enums.ts';
import {
  LOOKUP_BATCH,
  type ExistingAccount,
  type ExistingStudent,
  type ImportAction,
  type RosterLookup,
} from './validate.types.ts';

// The database half of validation: which rows update an existing account, and which would collide
// with someone else's roll number or email. Pure rules over what the injected lookup returns.

export interface Existing {
  byRoll: Map<string, ExistingStudent>;
  byEmail: Map<string, ExistingAccount>;
}

async function batched<T>(keys: string[], fetch: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(keys)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += LOOKUP_BATCH) {
    out.push(...(await fetch(unique.slice(i, i + LOOKUP_BATCH))));
  }
  return out;
}

export async function fetchExisting(
  lookup: RosterLookup,
  rollNumbers: string[],
  emails: string[],
): Promise<Existing> {
  const students = await batched(rollNumbers, (b) => lookup.existingByRoll(b));
  const accounts = await batched(emails, (b) => lookup.existingByEmail(b));
  return {
    byRoll: new Map(students.map((s) => [s.rollNumber.toUpperCase(), s])),
    byEmail: new Map(accounts.map((a) => [a.email.toLowerCase(), a])),
  };
}

const ROLE_WORDS: Record<RoleName, string> = {
  SUPER_ADMIN: 'an administrator',
  INSTITUTION_ADMIN: 'an administrator',
  DEPARTMENT_ADMIN: 'an administrator',
  MENTOR: 'a mentor',
  STUDENT: 'a student',
};

function ownerOf(account: ExistingAccount): string {
  return account.role === 'STUDENT' && account.rollNumber
    ? `the student with roll number ${account.rollNumber}`
    : `${ROLE_WORDS[account.role]} account`;
}

export interface DbVerdict {
  action: ImportAction;
  existingUserId: string | null;
  /** Problems keyed by the field they belong to. */
  problems: { field: 'rollNumber' | 'email' | 'mentorEmail'; message: string }[];
  mentorUserId?: string;
}

const otherDepartment = (departmentId: string | undefined, owner: string | null): boolean =>
  departmentId !== undefined && owner !== departmentId;

export function judgeStudent(
  row: { rollNumber: string; email: string; mentorEmail?: string },
  existing: Existing,
  departmentId: string | undefined,
): DbVerdict {
  const problems: DbVerdict['problems'] = [];
  const student = existing.byRoll.get(row.rollNumber);
  if (student && otherDepartment(departmentId, student.departmentId)) {
    problems.push({
      field: 'rollNumber',
      message: `Roll number ${row.rollNumber} belongs to a student of another department.`,
    });
  }
  const account = existing.byEmail.get(row.email);
  if (account && account.userId !== student?.userId) {
    problems.push({ field: 'email', message: `Email ${row.email} already belongs to ${ownerOf(account)}.` });
  }
  const verdict: DbVerdict = {
    action: student ? 'update' : 'create',
    existingUserId: student?.userId ?? null,
    problems,
  };
  if (row.mentorEmail) {
    const mentor = existing.byEmail.get(row.mentorEmail);
    const message = !mentor
      ? `No mentor has the email ${row.mentorEmail}. Add the mentor first, or leave this cell empty.`
      : mentor.role !== 'MENTOR'
        ? `${row.mentorEmail} is not a mentor: it belongs to ${ownerOf(mentor)}.`
        : otherDepartment(departmentId, mentor.departmentId)
          ? `The mentor ${row.mentorEmail} belongs to another department.`
          : null;
    if (message) problems.push({ field: 'mentorEmail', message });
    else verdict.mentorUserId = mentor?.userId;
  }
  return verdict;
}

export function judgeMentor(
  row: { email: string },
  existing: Existing,
  departmentId: string | undefined,
): DbVerdict {
  const account = existing.byEmail.get(row.email);
  if (!account) return { action: 'create', existingUserId: null, problems: [] };
  if (account.role !== 'MENTOR') {
    return {
      action: 'create',
      existingUserId: null,
      problems: [{ field: 'email', message: `Email ${row.email} already belongs to ${ownerOf(account)}.` }],
    };
  }
  const problems: DbVerdict['problems'] = otherDepartment(departmentId, account.departmentId)
    ? [{ field: 'email', message: `Email ${row.email} belongs to a mentor of another department.` }]
    : [];
  return { action: 'update', existingUserId: account.userId, problems };
}

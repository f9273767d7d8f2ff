import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../src/core/roster/mapping.ts';
import { NO_EXISTING_RECORDS, validateStudentRoster } from '../../src/core/roster/validate.ts';
import { DEPT, account, memoryLookup, table } from '../fixtures/roster/lookup.ts';

// The commit re-checks the table its preview checked; the file-only checks (zod per row, duplicates)
// are reused then, and only the database is asked again. Reuse must never hide a difference.

const t = table(
  ['Roll No', 'Name', 'Email', 'Program'],
  [
    ['C001', 'Asha Rao', 'asha@x.edu', 'B.Tech CSE'],
    ['C002', 'Dev Nair', 'dev@x.edu', 'B.Sc Agri'],
    ['C003', 'Lata Das', 'lata@x.edu', 'MCA'],
  ],
);
const { mapping } = suggestMapping(t.headers, 'students');
const messages = (v: { problems: { row: number; message: string }[] }) =>
  v.problems.map((p) => `${p.row} ${p.message}`);

describe('re-checking the same table', () => {
  it('gives the same answer twice, and its problems list is not shared between runs', async () => {
    const opts = { mapping, knownPrograms: ['B.Tech CSE', 'MCA'], lookup: NO_EXISTING_RECORDS };
    const first = await validateStudentRoster(t, opts);
    first.problems.push({ row: 99, column: 'x', value: '', message: 'added by a caller' });
    const second = await validateStudentRoster(t, opts);
    expect(messages(second)).toEqual([
      '3 Program "B.Sc Agri" is not one of this department\'s programs (B.Tech CSE, MCA).',
    ]);
    expect(second.valid.map((r) => r.row)).toEqual([2, 4]);
  });

  it('follows a change of known programs, of mapping, and of the database', async () => {
    const wider = await validateStudentRoster(t, {
      mapping,
      knownPrograms: ['B.Tech CSE', 'MCA', 'B.Sc Agri'],
      lookup: NO_EXISTING_RECORDS,
    });
    expect(wider.problems).toEqual([]);
    const { program: _program, ...withoutProgram } = mapping;
    const unmapped = await validateStudentRoster(t, {
      mapping: withoutProgram,
      knownPrograms: ['MCA'],
      lookup: NO_EXISTING_RECORDS,
    });
    expect(unmapped.counts.valid).toBe(3);
    const { lookup } = memoryLookup([], [account('lata@x.edu', 'MENTOR', { departmentId: DEPT })]);
    const taken = await validateStudentRoster(t, {
      mapping,
      knownPrograms: ['B.Tech CSE', 'MCA', 'B.Sc Agri'],
      lookup,
    });
    expect(messages(taken)).toEqual(['4 Email lata@x.edu already belongs to a mentor account.']);
  });
});

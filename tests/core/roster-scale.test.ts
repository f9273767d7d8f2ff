import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { PROGRAMS, largeRoster } from '../fixtures/roster/build-xlsx.ts';
import {
  asFile,
  auditOf,
  csvBytes,
  freshPlace,
  mentorIn,
  studentsOf,
} from '../fixtures/roster/roster-calls.ts';
import { makeHarness, type Harness } from './support/harness.ts';

// The checked-in fixture files (made by spreadsheet software's rules, not by our writer) and a
// 10,000-row workbook with 1,000 broken rows, imported through dispatch on SQLite and MariaDB.

const fixture = (name: string): Buffer =>
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/roster', name));

describe.each(DIALECTS)('roster files at scale on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('imports the checked-in fixture files: title rows, merged cells, BOM, semicolons, Windows-1252', async () => {
    const p = await freshPlace(h);
    const commit = (name: string) =>
      h.must(p.session, 'roster:commit', {
        file: asFile(name, fixture(name)),
        kind: 'students',
        departmentId: p.deptId,
        mode: 'skip-invalid',
      });
    // Its "Faculty Advisor" column names rao@college.edu: a mentor of the department.
    const rao = await mentorIn(h.db.kysely, p, { email: 'rao@college.edu' });
    const messy = await commit('messy-students.xlsx');
    expect(messy).toMatchObject({ created: 3, skipped: 2, assignmentsCreated: 1 });
    expect([...new Set(messy.errors.map((e) => e.row))]).toEqual([9, 10]);
    expect(await commit('semicolon-cp1252.csv')).toMatchObject({ created: 3, skipped: 0 });
    // Its Ramesh has the email of messy-students.xlsx's Ramesh (roll 00123) under another roll number.
    const bom = await commit('bom-crlf.csv');
    expect(bom).toMatchObject({ created: 2, skipped: 1 });
    expect(bom.errors.map((e) => `${e.row} ${e.message}`)).toEqual([
      '3 Email ramesh.k@college.edu already belongs to the student with roll number 00123.',
    ]);
    const stored = await studentsOf(h.db.kysely, p.deptId);
    expect(stored.get('00123')).toMatchObject({
      firstName: 'Ramesh',
      lastName: 'K.',
      gpa: 8.5,
      attendancePct: 82,
    });
    const pairs = await h.db.kysely
      .selectFrom('mentor_assignments')
      .select('studentId')
      .where('mentorId', '=', rao.id)
      .execute();
    expect(pairs).toEqual([{ studentId: stored.get('00123')!.id }]);
    expect(stored.get('00423')).toMatchObject({ email: 'priya@college.edu', attendancePct: 75.5 });
    expect(stored.get('21CS0001')).toMatchObject({ firstName: 'José', lastName: 'Muñoz', gpa: 8.25 });
    expect(stored.get('00101')).toMatchObject({ firstName: 'Kavya', lastName: 'Rao', yearOfStudy: 2 });
    expect(stored.get('00103')!.email).toBe('sneha.iyer@college.edu');
  });

  it('10,000 rows with 1,000 invalid: preview finds exactly those, skip-invalid imports the 9,000 others', async () => {
    const p = await freshPlace(h, 'Large Department');
    // The department's programs come from its students: a first small roster sets them up.
    const seed = csvBytes([
      ['Roll No', 'Name', 'Email', 'Program'],
      ...PROGRAMS.map((prog, i) => [`SEED${i}`, `Seed ${i}`, `seed${i}.large@x.edu`, prog]),
    ]);
    await h.must(p.session, 'roster:commit', {
      file: asFile('seed.csv', seed),
      kind: 'students',
      departmentId: p.deptId,
      mode: 'abort-on-error',
    });
    const big = await largeRoster(10_000);
    const input = { file: asFile('big.xlsx', big.buffer), kind: 'students' as const, departmentId: p.deptId };
    const preview = await h.must(p.session, 'roster:preview', input);
    expect(preview.counts).toMatchObject({ rows: 10_000, valid: 9_000, rejected: 1_000, create: 9_000 });
    expect(preview.knownPrograms).toEqual([...PROGRAMS].sort());
    expect(preview.unknownPrograms).toEqual(['B.Sc Agriculture']);
    const rejected = preview.rows.filter((r) => r.action === 'rejected').map((r) => r.row);
    expect(rejected).toEqual([...big.invalidRows].sort((a, b) => a - b));
    h.clock.advance(60_000);
    const since = h.clock.now().toISOString();
    const r = await h.must(p.session, 'roster:commit', { ...input, mode: 'skip-invalid' });
    expect(r).toMatchObject({ created: 9_000, updated: 0, skipped: 1_000, riskEvaluated: 9_000 });
    expect((await studentsOf(h.db.kysely, p.deptId)).size).toBe(9_004);
    const audit = await auditOf(h.db.kysely, 'roster:commit', since);
    expect(audit.filter((a) => a.entity === 'users')).toHaveLength(9_000);
    expect(audit.filter((a) => a.entity === 'departments')).toHaveLength(1);
    expect(h.errors).toEqual([]);
  }, 300_000);
});

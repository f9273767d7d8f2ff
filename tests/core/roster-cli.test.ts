import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Dialect } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { readRosterBuffer } from '../../src/core/roster/read-file.ts';
import { DIALECTS, freshDb } from '../helpers/db.ts';
import { runCli } from '../cli/run-cli.ts';
import { makeCast } from '../fixtures/builders.ts';
import { csvBytes, studentsOf, tableCount, xlsxBytes } from '../fixtures/roster/roster-calls.ts';

// `smms import` as a user runs it (a child process through bin/smms.mjs): exit 0 when everything
// valid was imported, 2 when rows were rejected, 1 on failure; --json, --dry-run and --errors.

const PASSWORD = 'Correct-Horse-42';

describe.each(DIALECTS)('smms import on %s', (dialect: Dialect) => {
  let dir: string;
  let url: string;
  let close: () => Promise<void>;
  let cast: Awaited<ReturnType<typeof makeCast>>;
  let db: ReturnType<typeof connect>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smms-import-'));
    if (dialect === 'sqlite') {
      url = `sqlite:${join(dir, 'smms.sqlite')}`;
      db = connect(url);
      await migrateToLatest(db);
      close = () => db.close();
    } else {
      const fresh = await freshDb('mysql');
      db = fresh;
      url = fresh.urlText;
      close = () => fresh.drop();
    }
    cast = await makeCast(db.kysely);
  });
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string, bytes: Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const smms = (args: string[], password = PASSWORD) =>
    runCli(['import', ...args, '--db', url, '--department', cast.dept.code, '--user', cast.deptAdmin.email], {
      SMMS_PASSWORD: password,
    });

  const header = ['Roll No', 'Name', 'Email', 'Program'];

  it('exit 0: every row imported; --json prints the counts', async () => {
    const path = file(
      'ok.xlsx',
      await xlsxBytes(header, [
        ['CLI001', 'Asha Rao', 'asha.cli@x.edu', 'B.Tech CSE'],
        ['CLI002', 'Vikram Iyer', 'vikram.cli@x.edu', 'B.Tech CSE'],
      ]),
    );
    const r = await smms(['roster', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      dryRun: false,
      created: 2,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      assignmentsCreated: 0,
      errors: [],
      notes: [],
    });
    const again = await smms(['roster', path]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Created 0, updated 0, unchanged 2, rejected 0.');
  });

  it('exit 2: rejected rows; nothing imported without --skip-invalid, the rest with it; --errors writes them', async () => {
    const rows = [
      header,
      ['CLI101', 'Dev Nair', 'dev.cli@x.edu', 'B.Tech CSE'],
      ['CLI102', 'Bad Mail', 'bad-mail', 'B.Tech CSE'],
    ];
    const path = file('mixed.csv', csvBytes(rows));
    const before = await tableCount(db.kysely, 'users');
    const dry = await smms(['roster', path, '--dry-run', '--json']);
    expect(dry.code).toBe(2);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      created: 1,
      skipped: 1,
      errors: [
        { row: 3, column: 'Email', value: 'bad-mail', message: expect.stringContaining('not a valid email') },
      ],
    });
    const aborted = await smms(['roster', path]);
    expect(aborted.code).toBe(2);
    expect(aborted.stderr).toContain('Nothing was imported.');
    expect(await tableCount(db.kysely, 'users')).toBe(before);
    const errorsPath = join(dir, 'rejected.xlsx');
    const skipped = await smms(['roster', path, '--skip-invalid', '--errors', errorsPath, '--json']);
    expect(skipped.code).toBe(2);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ created: 1, skipped: 1, errors: [{ row: 3 }] });
    const report = await readRosterBuffer(readFileSync(errorsPath), 'rejected.xlsx');
    expect(report.headers).toEqual([...header, 'Problem']);
    expect(report.rows.map((r) => r.cells.Email)).toEqual(['bad-mail']);
    expect([...(await studentsOf(db.kysely, cast.dept.id)).keys()]).toContain('CLI101');
  });

  it('exit 1: wrong password, unknown department, or a file that is not a spreadsheet', async () => {
    const path = file('one.csv', csvBytes([header, ['CLI201', 'One Row', 'one.cli@x.edu', 'B.Tech CSE']]));
    const denied = await smms(['roster', path], 'wrong-password');
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/email or password/i);
    const unknown = await runCli(
      ['import', 'roster', path, '--db', url, '--department', 'NOPE', '--user', cast.deptAdmin.email],
      { SMMS_PASSWORD: PASSWORD },
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no department with code "NOPE"');
    const garbage = await smms(['roster', file('garbage.csv', Buffer.from([0, 1, 2, 3, 255, 0, 7]))]);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toContain('This file is not a spreadsheet or CSV file.');
  });

  it('imports mentors', async () => {
    const path = file(
      'faculty.csv',
      csvBytes([
        ['Faculty Name', 'Email', 'Designation'],
        ['Dr. Kavya Menon', 'kavya.cli@x.edu', 'Professor'],
      ]),
    );
    const r = await smms(['mentors', path, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 1, skipped: 0 });
  });
});

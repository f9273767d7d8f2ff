import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDbUrl } from '../../src/core/db/url.ts';
import { DIALECTS } from '../helpers/db.ts';
import { deflatedRun, workbookSkeleton, zipFile } from '../fixtures/roster/build-zip.ts';
import { asFile, csvBytes, freshPlace, studentsOf, tableCount } from '../fixtures/roster/roster-calls.ts';
import { fingerprint, makeHarness, type Harness } from './support/harness.ts';

// What a roster import refuses: hostile files (clear VALIDATION, nothing written), departments
// outside the actor's scope, and roll numbers or emails that belong to someone else. On MariaDB, a
// duplicate email committed by another connection while the import runs rolls the import back.

const MB = 1024 * 1024;
let bomb: Buffer;

beforeAll(async () => {
  // 300 MB of spaces deflate to a few hundred KB: over both the ratio and the total-size limits.
  bomb = zipFile([...workbookSkeleton(), await deflatedRun('xl/worksheets/sheet1.xml', 300 * MB)]);
});

describe.each(DIALECTS)('roster import guards on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses hostile files with a clear message and writes nothing', async () => {
    const p = await freshPlace(h);
    const garbage = Buffer.from(randomBytes(256 * 1024).map((b) => b || 1));
    const cases = [
      [asFile('roster.csv', garbage), 'This file is not a spreadsheet or CSV file.'],
      [asFile('roster.xlsx', bomb), 'zip bomb'],
      [
        asFile('huge.xlsx', Buffer.alloc(21 * MB, 1)),
        'This file is 21.0 MB; the largest file you can import is 20.0 MB.',
      ],
      [asFile('empty.csv', Buffer.alloc(0)), 'This file is empty.'],
    ] as const;
    const before = await fingerprint(h.db.kysely);
    for (const [file, message] of cases) {
      for (const call of ['roster:preview', 'roster:commit'] as const) {
        const base = { file, kind: 'students' as const, departmentId: p.deptId };
        const r =
          call === 'roster:commit'
            ? await h.call(p.session, call, { ...base, mode: 'skip-invalid' })
            : await h.call(p.session, call, base);
        expect(r, `${call} ${file.name}`).toMatchObject({
          ok: false,
          error: {
            code: 'VALIDATION',
            message: expect.stringContaining(message),
            issues: [{ path: 'file' }],
          },
        });
      }
    }
    const farTooBig = { name: 'x.xlsx', base64: 'A'.repeat(60 * MB) };
    const r = await h.call(p.session, 'roster:preview', {
      file: farTooBig,
      kind: 'students',
      departmentId: p.deptId,
    });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        issues: [{ path: 'file.base64', message: expect.stringContaining('20 MB') }],
      },
    });
    expect(await fingerprint(h.db.kysely)).toEqual(before);
    expect(h.errors).toEqual([]);
  });

  it('imports only into departments in the actor’s scope', async () => {
    const p = await freshPlace(h);
    const input = {
      file: asFile(
        'r.csv',
        csvBytes([
          ['Roll No', 'Name', 'Email'],
          ['SC001', 'Asha', 'asha.scope@x.edu'],
        ]),
      ),
      kind: 'students' as const,
      departmentId: p.deptId,
    };
    const outsiders = [h.sessionFor(h.world.deptAdmin.id), h.sessionFor(h.world.inst2Admin.id)];
    for (const s of outsiders) {
      expect(await h.call(s, 'roster:preview', input)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
      expect(await h.call(s, 'roster:commit', { ...input, mode: 'skip-invalid' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
    const byInstitution = await h.must(h.as('INSTITUTION_ADMIN'), 'roster:commit', {
      ...input,
      mode: 'skip-invalid',
    });
    expect(byInstitution.created).toBe(1);
  });

  it('refuses roll numbers and emails of other departments without revealing a stranger’s roll number', async () => {
    const p = await freshPlace(h);
    const stranger = await h.db.kysely
      .selectFrom('users')
      .select('email')
      .where('id', '=', h.world.inst2Student.id)
      .executeTakeFirstOrThrow();
    const otherRoll = await h.db.kysely
      .selectFrom('student_profiles')
      .select('rollNumber')
      .where('userId', '=', h.world.otherDeptStudent.id)
      .executeTakeFirstOrThrow();
    const file = asFile(
      'clash.csv',
      csvBytes([
        ['Roll No', 'Name', 'Email'],
        [otherRoll.rollNumber, 'Someone Else', 'new.person@x.edu'],
        ['CL002', 'Copy Cat', stranger.email],
      ]),
    );
    const preview = await h.must(p.session, 'roster:preview', {
      file,
      kind: 'students',
      departmentId: p.deptId,
    });
    expect(preview.problems.map((x) => x.message)).toEqual([
      `Roll number ${otherRoll.rollNumber} belongs to a student of another department.`,
      `Email ${stranger.email} already belongs to a student account.`,
    ]);
  });

  it('an error report lists the rejected rows with a Problem column, as xlsx and csv', async () => {
    const p = await freshPlace(h);
    const file = asFile(
      'term.csv',
      csvBytes([
        ['Roll No', 'Name', 'Email'],
        ['ER001', 'Good Row', 'good.er@x.edu'],
        ['ER002', 'Bad Row', 'bad-email'],
      ]),
    );
    const input = { file, kind: 'students' as const, departmentId: p.deptId };
    const csv = await h.must(p.session, 'roster:error-report', { ...input, format: 'csv' });
    expect(csv).toMatchObject({
      fileName: 'term - rows to fix.csv',
      rows: 1,
      mimeType: expect.stringContaining('text/csv'),
    });
    expect(Buffer.from(csv.base64, 'base64').toString('utf8')).toBe(
      '\uFEFFRoll No,Name,Email,Problem\r\nER002,Bad Row,bad-email,"Email ""bad-email"" is not a valid email address (it should look like name@college.edu)."\r\n',
    );
    const xlsx = await h.must(p.session, 'roster:error-report', { ...input, format: 'xlsx' });
    const back = await h.must(p.session, 'roster:preview', {
      ...input,
      file: asFile(xlsx.fileName, Buffer.from(xlsx.base64, 'base64')),
    });
    expect(back.headers).toEqual(['Roll No', 'Name', 'Email', 'Problem']);
    expect(back.rows.map((r) => r.row)).toEqual([2]);
    expect(back.unmappedHeaders).toEqual(['Problem']);
  });
});

describe('a duplicate racing in from another MariaDB connection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness('mysql');
  });
  afterAll(async () => {
    await h.close();
  });

  it('makes the commit fail and leaves nothing of it behind', async () => {
    const p = await freshPlace(h);
    const rows = Array.from({ length: 50 }, (_, i) => [`RACE${100 + i}`, `Racer ${i}`, `racer${i}@x.edu`]);
    const file = asFile('race.csv', csvBytes([['Roll No', 'Name', 'Email'], ...rows]));
    const url = parseDbUrl(h.db.urlText);
    if (url.kind !== 'mysql') throw new Error('expected MariaDB');
    const options = {
      host: url.host,
      port: url.port,
      user: url.user,
      password: url.password,
      database: url.database,
    };
    const other = await createConnection(options);
    const watcher = await createConnection(options);
    const usersBefore = await tableCount(h.db.kysely, 'users');
    try {
      const [[role]] = (await other.query("select id from roles where name = 'STUDENT'")) as unknown as [
        [{ id: number }],
      ];
      // Another office creates racer40@x.edu and has not committed yet: the import's validation
      // cannot see the row, and its insert waits on the unique index until the other side commits.
      await other.beginTransaction();
      await other.query(
        "insert into users (id, email, roleId, passwordHash, status, createdAt, updatedAt) values ('racer-40', 'racer40@x.edu', ?, 'x', 'INVITED', now(3), now(3))",
        [role.id],
      );
      let settled = false;
      const commit = h
        .call(p.session, 'roster:commit', {
          file,
          kind: 'students',
          departmentId: p.deptId,
          mode: 'skip-invalid',
        })
        .finally(() => (settled = true));
      // The import's first insert waits on a lock the other transaction holds (its unique index
      // entry, and on central the change-capture counter). Commit the other side only then.
      const [[{ otherId }]] = (await other.query('select connection_id() as otherId')) as unknown as [
        [{ otherId: number }],
      ];
      for (let waited = 0; !settled; waited += 50) {
        const [busy] = (await watcher.query(
          "select count(*) as n from information_schema.processlist where db = database() and command = 'Query' and id not in (?, connection_id()) and (info like 'insert into `users`%' or info like '%sync_counter%')",
          [otherId],
        )) as unknown as [{ n: number }[]];
        if (Number(busy[0]!.n) > 0) break;
        if (waited > 30_000) throw new Error('the import never waited on the racing row');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(settled, 'the import finished before the racing row was committed').toBe(false);
      await other.commit();
      expect(await commit).toMatchObject({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: expect.stringContaining('while the import ran, so nothing was imported'),
        },
      });
    } finally {
      await other.end();
      await watcher.end();
    }
    expect(await tableCount(h.db.kysely, 'users')).toBe(usersBefore + 1);
    expect(await studentsOf(h.db.kysely, p.deptId)).toEqual(new Map());
  });
});

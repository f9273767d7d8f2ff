import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { runCli } from '../cli/run-cli.ts';
import { pdfPages, pdfText } from './support/pdf.ts';
import { makeReportWorld, type ReportWorld } from './support/world.ts';

// `smms report <kind>` as a user runs it: signs in, obeys the user's scope, writes the PDF.

const dir = mkdtempSync(join(tmpdir(), 'smms-cli-report-'));
const dbUrl = `sqlite:${join(dir, 'smms.sqlite')}`;
const env = { SMMS_PASSWORD: 'Correct-Horse-42' };
let w: ReportWorld;

beforeAll(async () => {
  const db = connect(dbUrl);
  await migrateToLatest(db);
  w = await makeReportWorld(db.kysely);
  await db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('smms report', () => {
  it('writes the session report of a department, named by its code, with progress on stderr', async () => {
    const out = join(dir, 'sessions.pdf');
    const args = ['report', 'sessions', '--db', dbUrl, '--user', w.hod.email, '--department', 'cse'];
    const r = await runCli([...args, '--from', '2026-03-01', '--to', '2026-03-31', '--out', out], env);
    expect(r.stderr).toContain('100%  Done');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*sessions\.pdf: \d+ pages?, \d+ KB\.$/m);
    expect(pdfPages(out)).toBeGreaterThan(0);
    const text = pdfText(out);
    expect(text).toContain('Zoya Fernandes');
    expect(text).toMatch(/Total 6 4 1 1/);
  });

  it('prints a dossier by roll number for the student’s mentor, but not another mentor’s student', async () => {
    const out = join(dir, 'dossier.pdf');
    const ok = await runCli(
      ['report', 'student', '--db', dbUrl, '--user', w.mentorA.email, '--student', 'cse2201', '--out', out],
      env,
    );
    expect(ok.code).toBe(0);
    expect(pdfText(out)).not.toContain('DEPT-ONLY-COMPLAINT');
    const other = join(dir, 'other.pdf');
    const refused = await runCli(
      ['report', 'student', '--db', dbUrl, '--user', w.mentorA.email, '--student', 'CSE2203', '--out', other],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'Student with roll number "CSE2203" was not found, or you do not have access to it.',
    );
    expect(existsSync(other)).toBe(false);
  });

  it('refuses what the role may not make and names bad input', async () => {
    const out = join(dir, 'x.pdf');
    const student = await runCli(['report', 'risk', '--db', dbUrl, '--user', w.a1.email, '--out', out], env);
    expect([student.code, student.stderr.trim()]).toEqual([
      1,
      'smms report: Your role does not allow this action.',
    ]);
    const badDate = await runCli(
      ['report', 'risk', '--db', dbUrl, '--user', w.hod.email, '--from', '2026-02-30', '--out', out],
      env,
    );
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--from: Not a real date.');
    const noKind = await runCli(['report', '--db', dbUrl, '--out', out], env);
    expect(noKind.stderr).toContain('name the report: sessions, risk, mentor-load, student, department');
  });
});

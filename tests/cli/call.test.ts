import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../src/shared/contract/index.ts';
import { runCli } from './run-cli.ts';

// `smms calls` and `smms call` go through the same dispatch door as the app.

describe('smms calls / smms call', () => {
  let dir: string;
  let db: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smms-call-'));
    db = `sqlite:${join(dir, 'smms.sqlite')}`;
    const setup = await runCli([
      'call',
      'setup:initialize',
      '--db',
      db,
      '--input',
      JSON.stringify({
        institution: { name: 'Govt. College of Engineering', code: 'GCE' },
        department: { name: 'Computer Science', code: 'CSE' },
        admin: { firstName: 'Asha', lastName: 'Menon', email: 'asha@gce.edu', password: 'Office-Key-2026!' },
      }),
    ]);
    expect(setup.code, setup.stderr + setup.stdout).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every call of the contract with its roles', { timeout: 120_000 }, async () => {
    const r = await runCli(['calls', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { name: string; roles: string[] }[];
    expect(rows.map((x) => x.name).sort()).toEqual(Object.keys(CONTRACT).sort());
    expect(rows.find((x) => x.name === 'auth:login')?.roles).toEqual(['PUBLIC']);
  });

  it('signs in with SMMS_PASSWORD, prints the Result as JSON and exits 0', { timeout: 120_000 }, async () => {
    const r = await runCli(['call', 'auth:me', '--db', db, '--user', 'asha@gce.edu'], {
      SMMS_PASSWORD: 'Office-Key-2026!',
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      data: { user: { email: 'asha@gce.edu', role: 'SUPER_ADMIN' } },
    });
  });

  // Each case spawns the CLI (tsx start-up costs seconds on a loaded machine): one spawn per test.
  it('exits 1 with UNAUTHENTICATED for a wrong password', { timeout: 120_000 }, async () => {
    const wrong = await runCli(['call', 'auth:me', '--db', db, '--user', 'asha@gce.edu'], {
      SMMS_PASSWORD: 'nope',
    });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('exits 1 with VALIDATION for bad input', { timeout: 120_000 }, async () => {
    const bad = await runCli(['call', 'auth:login', '--db', db, '--input', '{"email":1}']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('refuses a signed-in call without a user', { timeout: 120_000 }, async () => {
    const anon = await runCli([
      'call',
      'auth:change-password',
      '--db',
      db,
      '--input',
      '{"currentPassword":"a","newPassword":"b"}',
    ]);
    expect(anon.code).toBe(1);
    expect(JSON.parse(anon.stdout)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('names an unknown call and broken JSON input', { timeout: 120_000 }, async () => {
    const unknown = await runCli(['call', 'nope:nothing', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('there is no call "nope:nothing"');
    const json = await runCli(['call', 'auth:me', '--db', db, '--input', '{oops']);
    expect(json.stderr).toContain('--input is not valid JSON');
  });

  it('refuses to prompt without a terminal when no password is given', { timeout: 120_000 }, async () => {
    const r = await runCli(['call', 'auth:me', '--db', db, '--user', 'asha@gce.edu'], { SMMS_PASSWORD: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('set SMMS_PASSWORD');
  });
});

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorLocal, exitCodeOf } from '../../src/core/ops/doctor.ts';
import { effectivePrivileges, parseGrants } from '../../src/core/ops/grants-parse.ts';
import { runCli } from '../cli/run-cli.ts';
import { copyFixture, fingerprint, makeDemoFile, tempDir } from './support/files.ts';

// The operations verbs as a user types them: smms backup, restore, doctor and central:grants
// (printing mode; applying is proven against MariaDB in grants.test.ts).

const tmp = tempDir('cli-ops');
const template = join(tmp.dir, 'template.sqlite');
beforeAll(() => makeDemoFile(template));
afterAll(() => tmp.remove());

describe('smms backup / restore', () => {
  it('backs up into a folder, restores it, and keeps what it replaced', async () => {
    const dir = join(tmp.dir, 'office');
    mkdirSync(dir);
    const db = copyFixture(template, join(dir, 'smms.sqlite'));
    const original = fingerprint(db);
    const b = await runCli(['backup', '--db', `sqlite:${db}`, '--out', dir]);
    expect(b.code, b.stderr).toBe(0);
    const file = /to (\S+-manual\.sqlite) \(/.exec(b.stdout)?.[1];
    expect(b.stdout).toMatch(/integrity ok/);
    expect(fingerprint(file!)).toEqual(original);

    const again = await runCli(['backup', '--db', db, '--out', file!]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; a backup never overwrites a file/);

    writeFileSync(db, readFileSync(template).subarray(0, 4096));
    const r = await runCli(['restore', '--db', db, '--from', file!]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/The state it replaced is kept as .*corrupt\.sqlite/);
    expect(fingerprint(db)).toEqual(original);
  });

  it('refuses MySQL URLs and missing options with the way to go', async () => {
    const r = await runCli(['backup', '--db', 'mysql://u:p@h:3306/smms', '--out', tmp.dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mariadb-dump/);
    const s = await runCli(['restore', '--db', join(tmp.dir, 'x.sqlite')]);
    expect(s.stderr).toMatch(/--from <backup file> is required/);
  });
});

describe('smms doctor (local)', () => {
  it('reports a healthy file with a warning for missing backups, and a damaged one as a problem', async () => {
    const dir = join(tmp.dir, 'doc');
    mkdirSync(dir);
    const db = copyFixture(template, join(dir, 'smms.sqlite'));
    const checks = doctorLocal(db);
    expect(checks.map((c) => `${c.name}:${c.status}`)).toEqual([
      'database:ok',
      'integrity:ok',
      'schema:ok',
      'journal:ok',
      'sync:ok',
      'backups:warn',
      'disk space:ok',
    ]);
    expect(exitCodeOf(checks)).toBe(2);
    const cli = await runCli(['doctor', '--db', `sqlite:${db}`]);
    expect(cli.code).toBe(2);
    expect(cli.stdout).toMatch(/warn +backups +no backups yet/);

    const bytes = readFileSync(db);
    bytes.fill(0x33, 2 * 4096, 6 * 4096);
    writeFileSync(db, bytes);
    const bad = doctorLocal(db);
    expect(bad.find((c) => c.name === 'integrity')).toMatchObject({ status: 'fail' });
    expect(exitCodeOf(bad)).toBe(1);
    expect(doctorLocal(join(dir, 'none.sqlite'))[0]).toMatchObject({ status: 'fail' });
  });
});

describe('smms central:grants (printing)', () => {
  it('prints the SQL for both accounts and a personal one; the URLs go to stderr', async () => {
    const r = await runCli(
      ['central:grants', '--database', 'smms', '--host', '10.0.%', '--user', 'hod@college.edu'],
      {
        SMMS_APP_PASSWORD: 'Known-App-Pass-123',
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      "CREATE USER IF NOT EXISTS 'smms_app'@'10.0.%' IDENTIFIED BY 'Known-App-Pass-123';",
    );
    expect(r.stdout).toContain("GRANT SELECT, INSERT ON `smms`.`audit_logs` TO 'smms_app'@'10.0.%';");
    expect(r.stdout).toMatch(/GRANT .*TRIGGER.* ON `smms`\.\* TO 'smms_migrate'@'10\.0\.%';/);
    expect(r.stdout).toMatch(/CREATE USER IF NOT EXISTS 'smms_hod_[0-9a-f]{6}'@'10\.0\.%'/);
    const appGrants = r.stdout.split('\n').filter((l) => /^GRANT .* TO 'smms_app'/.test(l));
    expect(appGrants.join('\n')).not.toMatch(/CREATE|ALTER|DROP|TRIGGER|ALL PRIVILEGES|\.\* TO/);
    expect(r.stderr).toMatch(/smms_app: mysql:\/\/smms_app:Known-App-Pass-123@<host>:3306\/smms/);
    const bad = await runCli([
      'central:grants',
      '--database',
      'smms',
      '--app-user',
      "x'; DROP USER root; --",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a usable MySQL user name/);
  });
});

describe('reading SHOW GRANTS', () => {
  it('understands database wildcards, ALL PRIVILEGES and table grants; ignores column grants', () => {
    const grants = parseGrants([
      "GRANT USAGE ON *.* TO `a`@`%` IDENTIFIED BY PASSWORD '*ABC'",
      'GRANT SELECT, INSERT ON `smms`.`audit_logs` TO `a`@`%`',
      'GRANT UPDATE (`bio`) ON `smms`.`user_profiles` TO `a`@`%`',
      'GRANT ALL PRIVILEGES ON `smms\\_old%`.* TO `a`@`%`',
    ]);
    const p = effectivePrivileges(grants, 'smms');
    expect(p.has('audit_logs', 'INSERT')).toBe(true);
    expect(p.has('audit_logs', 'UPDATE')).toBe(false);
    expect(p.has('user_profiles', 'UPDATE')).toBe(false);
    expect(p.has('*', 'CREATE')).toBe(false);
    const old = effectivePrivileges(grants, 'smms_old2025');
    expect(old.has('users', 'DELETE')).toBe(true);
    expect(old.has('*', 'SUPER')).toBe(false);
    expect(effectivePrivileges(grants, 'smmsXold').has('users', 'DELETE')).toBe(false);
  });
});

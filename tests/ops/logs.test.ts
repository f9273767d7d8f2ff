import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/app.ts';
import { connect } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { openFileLogger } from '../../src/core/ops/log-file.ts';
import { redactValue } from '../../src/core/ops/log-redact.ts';
import type { RedactingLogger } from '../../src/core/ops/log-sink.ts';
import { tempDir } from './support/files.ts';

// Logs written during real core calls contain no password, reset code, token, password hash or
// personal data beyond ids, even when a careless caller logs whole inputs and results (worst case),
// and even inside error messages and stacks. The log is electron-log's file, set up as the app does.

const tmp = tempDir('logs');
afterAll(() => tmp.remove());

function fileLogger(dir: string, maxBytes?: number): RedactingLogger {
  return openFileLogger(electronLog.create({ logId: `ops-test-${dir}` }), join(dir, 'main.log'), {
    maxBytes,
    keep: 3,
  });
}

function readLogs(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

describe('logs', () => {
  it('a run of real calls leaves no secret or personal data in the log file', async () => {
    const dir = join(tmp.dir, 'run');
    const log = fileLogger(dir);
    const db = connect(`sqlite:${join(tmp.dir, 'run.sqlite')}`);
    await migrateToLatest(db);
    const core = createCore({ db, appVersion: 'test', log });
    const session = core.openSession({ ip: '127.0.0.1' });
    // The worst case: a shell that logs every call with its whole input and result.
    const call = async (name: string, input: unknown): Promise<Record<string, unknown>> => {
      const result = await core.dispatch(name, input, session);
      log.info('call', { name, input, result });
      return result as Record<string, unknown>;
    };

    const adminPassword = 'Office-Key-2026!x';
    const setup = await call('setup:initialize', {
      institution: { name: 'Govt. College of Engineering', code: 'GCE' },
      department: { name: 'Computer Science', code: 'CSE' },
      admin: {
        firstName: 'Asha',
        lastName: 'Menonkutty',
        email: 'asha.menon@gce.edu',
        password: adminPassword,
      },
    });
    expect(setup.ok).toBe(true);
    await call('auth:login', { email: 'asha.menon@gce.edu', password: 'Wrong-Pass-1234' });
    await call('auth:login', { email: 'asha.menon@gce.edu', password: adminPassword });
    const me = (await call('auth:me', {})) as { data: { user: { departmentId: string } } };
    const invited = (await call('users:create', {
      email: 'ravi.student@gce.edu',
      firstName: 'Raviprakash',
      lastName: 'Narayanaswamy',
      role: 'STUDENT',
      departmentId: me.data.user.departmentId,
      phone: '9876543210',
      student: { rollNumber: '24CSE0042' },
    })) as { ok: boolean; data: { user: { id: string }; resetCode: string } };
    expect(invited.ok).toBe(true);
    const reset = (await call('auth:issue-reset', { userId: invited.data.user.id })) as {
      data: { code: string };
    };
    const studentPassword = 'Student-Pass-77';
    await call('auth:reset-password', {
      email: 'ravi.student@gce.edu',
      token: reset.data.code,
      newPassword: studentPassword,
    });
    const newAdminPassword = 'Office-Key-2027!y';
    await call('auth:change-password', { currentPassword: adminPassword, newPassword: newAdminPassword });
    // A bug inside a call: dispatch logs the error with its stack.
    await sql`drop table user_profiles`.execute(db.kysely);
    const broken = await call('users:get', { id: invited.data.user.id });
    expect(broken).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    log.error('sync failed', {
      error: new Error(
        `connect to mysql://smms_app:Central-Secret-9@db:3306/smms as ravi.student@gce.edu failed`,
      ),
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    const hashes = (await db.kysely.selectFrom('users').select('passwordHash').execute()).map(
      (r) => r.passwordHash,
    );
    await core.close();

    const text = readLogs(dir);
    const lines = text.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(8);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    // Useful for support: call names, error codes and ids are there.
    expect(text).toContain('users:create');
    expect(text).toContain(invited.data.user.id);
    expect(text).toContain('INTERNAL');
    expect(text).toContain('24CSE0042');
    const secrets = [
      adminPassword,
      newAdminPassword,
      studentPassword,
      'Wrong-Pass-1234',
      invited.data.resetCode,
      reset.data.code,
      reset.data.code.replaceAll('-', ''),
      'Central-Secret-9',
      'abc.def.ghi',
      'scrypt$',
      ...hashes,
    ];
    for (const s of secrets) expect(text, `log contains ${s}`).not.toContain(s);
    for (const personal of [
      'asha.menon@gce.edu',
      'ravi.student@gce.edu',
      'Raviprakash',
      'Narayanaswamy',
      'Menonkutty',
      '9876543210',
    ]) {
      expect(text, `log contains ${personal}`).not.toContain(personal);
    }
  });

  it('rotates into main.1.log … main.3.log and drops older files', async () => {
    const dir = join(tmp.dir, 'rotate');
    const log = fileLogger(dir, 4096);
    for (let i = 0; i < 400; i++) log.info('tick', { i, pad: 'x'.repeat(60) });
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    expect(existsSync(join(dir, 'main.4.log'))).toBe(false);
    const newest = readFileSync(join(dir, 'main.log'), 'utf8').trim().split('\n').at(-1)!;
    expect(JSON.parse(newest)).toMatchObject({ level: 'info', msg: 'tick', data: { i: 399 } });
  });

  it('redacts by key and by text, and keeps ids, counts and file names', () => {
    expect(
      redactValue({
        id: '0190f5a4-7c1e-7a3b-9d2e-1f2a3b4c5d6e',
        rows: 12,
        file: 'smms-20260301-020000000Z-daily.sqlite',
        input: { initialPassword: 'x', newPassword: 'y', token: 'z', resetCode: 'ABCD-EFGH-JKMN-PQRS' },
        user: { firstName: 'A', lastName: 'B', email: 'a@b.co', passwordHash: 'scrypt$1$2$3' },
        detail: 'code=ABCD password: hunter2 scrypt$16384$8$1$abc',
        error: { code: 'INTERNAL', message: 'code ABCDEFGHJKMNPQRS was used' },
        note: 'Met the parents',
      }),
    ).toEqual({
      id: '0190f5a4-7c1e-7a3b-9d2e-1f2a3b4c5d6e',
      rows: 12,
      file: 'smms-20260301-020000000Z-daily.sqlite',
      input: {
        initialPassword: '[redacted]',
        newPassword: '[redacted]',
        token: '[redacted]',
        resetCode: '[redacted]',
      },
      user: {
        firstName: '[personal]',
        lastName: '[personal]',
        email: '[personal]',
        passwordHash: '[redacted]',
      },
      detail: 'code=[redacted] password: [redacted] [hash]',
      error: { code: 'INTERNAL', message: 'code [code] was used' },
      note: '[personal]',
    });
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import electronLog from 'electron-log/node';
import { afterAll, describe, expect, it } from 'vitest';
import { openLocalCore } from '../../src/core/app.ts';
import { hashPassword } from '../../src/core/auth/password.ts';
import { generateResetToken, hashResetToken } from '../../src/core/auth/reset-token.ts';
import { openFileLogger } from '../../src/core/ops/log-file.ts';
import { startWebShell } from '../../src/web/server.ts';
import { assertCleanLogs, scanLogText } from '../helpers/log-scan.ts';
import { tempDir } from './support/files.ts';

// The grep behind the e2e run's log check (tests/e2e/global-teardown.ts): it must find each kind of
// secret the app makes, and pass the lines the browser shell really writes.

const tmp = tempDir('log-scan');
afterAll(() => tmp.remove());

const PASSWORD = 'Mentoring-Office-2026';
const line = (data: Record<string, unknown>): string =>
  JSON.stringify({ t: '2026-11-25T23:40:00.000Z', level: 'info', msg: 'call', data });

describe('e2e log scan', () => {
  it('finds every kind of planted secret, with file and line, without printing it whole', async () => {
    const token = (await startWebShellToken()).token;
    const planted: [kind: string, text: string][] = [
      ['password', line({ name: 'auth:login', input: { password: PASSWORD } })],
      ['password hash', line({ row: await hashPassword('anything-at-all') })],
      ['password hash', line({ row: '!invited$0190f5a4' })],
      ['reset code', line({ code: generateResetToken() })],
      ['reset code', line({ code: generateResetToken().replaceAll('-', '') })],
      ['access token', line({ header: token })],
      ['access token', `{"msg":"GET /?token=${token.slice(0, 10)}"}`],
      ['bearer token', line({ authorization: 'Bearer abc.def.ghi' })],
      ['token digest', line({ tokenHash: hashResetToken('ABCD-EFGH-JKMN-PQRS') })],
      ['e-mail address', line({ user: 'asha.rao@riverside.edu' })],
    ];
    const text = ['', ...planted.map(([, t]) => t)].join('\n');
    const findings = scanLogText(text, 'run.log', [PASSWORD]);
    planted.forEach(([kind], i) => {
      expect(findings, `${kind} on line ${i + 2}`).toContainEqual(
        expect.objectContaining({ file: 'run.log', line: i + 2, kind }),
      );
    });
    for (const f of findings) expect(f.hint).not.toContain(PASSWORD);
  });

  it("passes what the redacting logger writes for a shell's calls and errors", () => {
    const dir = join(tmp.dir, 'clean');
    const log = openFileLogger(electronLog.create({ logId: 'log-scan-clean' }), join(dir, 'e2e.log'));
    log.info('call', { name: 'auth:login', ok: false, code: 'UNAUTHENTICATED', ms: 41 });
    log.info('call', { name: 'users:list', ok: true, ms: 7 });
    log.error('call failed', {
      call: 'auth:reset-password',
      input: { email: 'asha.rao@riverside.edu', token: 'ABCD-EFGH-JKMN-PQRS', newPassword: PASSWORD },
      error: new Error(`mysql://smms:${PASSWORD}@127.0.0.1/smms refused; hash scrypt$N=16384,r=8,p=1$aa$bb`),
    });
    log.warn('sync failed', { user: '0190f5a4-7c1e-7a3b-9d2e-1f2a3b4c5d6e', stack: 'at x (/a/b.ts:1:2)' });
    const scan = assertCleanLogs(dir, [PASSWORD]);
    expect(scan).toMatchObject({ files: ['e2e.log'], lines: 4, findings: [] });
  });

  it('fails an empty folder and names a dirty file', () => {
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'quiet.log'), '\n');
    expect(() => assertCleanLogs(empty, [PASSWORD])).toThrow(/No log lines/);
    const dirty = join(tmp.dir, 'dirty');
    mkdirSync(dirty, { recursive: true });
    writeFileSync(join(dirty, 'a.log'), `${line({ name: 'x' })}\n`);
    writeFileSync(join(dirty, 'b.1.log'), `${line({ name: 'x' })}\n${line({ p: PASSWORD })}\n`);
    expect(() => assertCleanLogs(dirty, [PASSWORD])).toThrow(
      /1 secret\(s\)[\s\S]*b\.1\.log:2 password Ment…/,
    );
  });
});

/** A real access token, as the browser shell hands them out. */
async function startWebShellToken(): Promise<{ token: string }> {
  const core = await openLocalCore({ dbUrl: 'sqlite::memory:', appVersion: 'test' });
  const shell = await startWebShell({ core, staticDir: tmp.dir });
  await shell.close();
  await core.close();
  return { token: shell.token };
}

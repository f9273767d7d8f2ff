import { describe, expect, it } from 'vitest';
import { VERBS } from '../../src/cli/verbs/index.ts';
import { runCli } from './run-cli.ts';

// The smms command as a user meets it: help, version and the errors people actually make.
// Nothing here needs a database server; a closed port stands in for a stopped one.

describe('smms help and version', () => {
  it('lists every verb under --help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^smms \d+\.\d+\.\d+ — /);
    const lines = r.stdout.split('\n').map((l) => l.trim().split(/ {2,}/));
    for (const verb of VERBS) expect(lines).toContainEqual([verb.name, verb.summary]);
  });

  it('prints usage on stderr and exits 1 when no verb is given', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: smms <verb> [options]');
  });

  it.each(VERBS.map((v) => v.name))('explains "%s" with --help and -h', async (name) => {
    const long = await runCli([name, '--help']);
    const short = await runCli([name, '-h']);
    expect(long.code).toBe(0);
    expect(long.stdout).toContain(`Usage: smms ${name}`);
    expect(long.stdout).toMatch(/^Options:$/m);
    expect(long.stdout).toMatch(/^ {2}-h, --help +Show this help\.$/m);
    expect(short.stdout).toBe(long.stdout);
  });

  it.each(['migrate', 'demo'])('documents --db for %s', async (name) => {
    const r = await runCli([name, '--help']);
    expect(r.stdout).toMatch(/^ +--db <url> +sqlite:<file> or mysql:/m);
  });

  it('prints the package version', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});

describe('smms errors', () => {
  it('names an unknown verb', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown verb "frobnicate"');
  });

  it('names an unknown option and points at --help', async () => {
    const r = await runCli(['migrate', '--databse', 'sqlite:x.db']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('smms migrate: unknown option --databse. See smms migrate --help.');
  });

  it('asks for --db when it is missing', async () => {
    const r = await runCli(['migrate'], { SMMS_DB: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--db <url> is required');
  });

  it('refuses a URL that is not a database URL, without a stack trace', async () => {
    const r = await runCli(['migrate', '--db', 'postgres://admin:hunter2@db/smms']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not a database URL');
    expect(r.stderr).not.toContain('hunter2');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('says the MySQL server cannot be reached, and never prints the password', async () => {
    const r = await runCli(['migrate', '--db', 'mysql://root:s3cret-pw@127.0.0.1:1/x']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Cannot reach the MySQL server at 127.0.0.1:1 — is it running?');
    expect(r.stdout + r.stderr).not.toContain('s3cret-pw');
  });

  it('does the same for demo', async () => {
    const r = await runCli(['demo', '--db', 'mysql://root@127.0.0.1:1/x', '--scale', 'small']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Cannot reach the MySQL server at 127.0.0.1:1 — is it running?');
  });

  it('says when an SQLite file cannot be created', async () => {
    const r = await runCli(['migrate', '--db', 'sqlite:/no/such/folder/smms.sqlite']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'Cannot open "/no/such/folder/smms.sqlite" — does its folder exist, and may you write there?',
    );
  });

  it.each([
    [['--scale', 'huge'], '--scale must be one of small, department, large'],
    [['--seed', '-3'], 'needs a value'],
    [['--seed', 'abc'], '--seed must be a whole number'],
    [['--as-of', '2026-02-30'], 'is not a calendar day'],
  ])('checks demo option %j', async (args, message) => {
    const r = await runCli(['demo', '--db', 'sqlite::memory:', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../migrations/index.ts';
import { connect } from '../../src/core/db/connect.ts';
import { schemaStatus } from '../../src/core/db/migrate.ts';
import { DIALECTS, dropMysqlDatabase, MYSQL_SERVER } from '../helpers/db.ts';
import { runCli } from './run-cli.ts';

// `smms migrate` against a database that does not exist yet (SQLite file, MariaDB schema), twice.

const dir = mkdtempSync(join(tmpdir(), 'smms-cli-migrate-'));
const mysqlNames: string[] = [];

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const name of mysqlNames) await dropMysqlDatabase(name);
});

function newDatabaseUrl(dialect: string): string {
  if (dialect === 'sqlite') return `sqlite:${join(dir, `${randomBytes(4).toString('hex')}.sqlite`)}`;
  const name = `smms_t_${randomBytes(6).toString('hex')}`;
  mysqlNames.push(name);
  return `${MYSQL_SERVER}/${name}`;
}

describe.each(DIALECTS)('smms migrate [%s]', (dialect) => {
  it('creates the schema, then says it is up to date', async () => {
    const url = newDatabaseUrl(dialect);
    const steps = Object.keys(MIGRATIONS).sort();

    const first = await runCli(['migrate', '--db', url]);
    expect(first.stderr).not.toContain('error');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`applied ${steps.length} schema step(s):`);
    for (const step of steps) expect(first.stdout).toContain(`  ${step}\n`);
    if (dialect === 'mysql') expect(first.stdout).toMatch(/^Created database "smms_t_[0-9a-f]+"\./);

    const second = await runCli(['migrate', '--db', url]);
    expect(second.code).toBe(0);
    expect(second.stdout.trim()).toBe(`${url}: already up to date (schema ${steps.at(-1)}).`);

    const db = connect(url);
    try {
      expect(await schemaStatus(db)).toMatchObject({ applied: steps, pending: [], unknown: [] });
    } finally {
      await db.close();
    }
  });
});

describe('smms migrate with a password in the URL [mysql]', () => {
  const user = `smms_u_${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(6).toString('hex')}`;

  afterAll(async () => {
    await adminQuery(`DROP USER IF EXISTS '${user}'@'%'`);
  });

  it('reports wrong credentials without echoing the password', async () => {
    const r = await runCli(['migrate', '--db', withCredentials(newDatabaseUrl('mysql'), 'root', 'wrong-pw')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(
      /^The MySQL server at .+ refused user "root": wrong user name or password\.$/,
    );
    expect(r.stdout + r.stderr).not.toContain('wrong-pw');
  });

  it('masks the password in what it prints on success', async () => {
    const url = newDatabaseUrl('mysql');
    const name = url.split('/').at(-1)!;
    await adminQuery(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
    await adminQuery(`GRANT ALL PRIVILEGES ON \`${name}\`.* TO '${user}'@'%'`);
    const r = await runCli(['migrate', '--db', withCredentials(url, user, password)]);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${user}:***@`);
    expect(r.stdout + r.stderr).not.toContain(password);
  });
});

function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

async function adminQuery(query: string): Promise<void> {
  const u = new URL(`${MYSQL_SERVER}/mysql`);
  const c = await createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  });
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

import { describe, expect, it } from 'vitest';
import { DbUrlError, parseDbUrl, redactUrl } from './url.ts';

describe('parseDbUrl', () => {
  it('reads sqlite file and memory URLs', () => {
    expect(parseDbUrl('sqlite:data/smms.sqlite')).toEqual({ kind: 'sqlite', path: 'data/smms.sqlite' });
    expect(parseDbUrl('sqlite:/abs/x.db')).toEqual({ kind: 'sqlite', path: '/abs/x.db' });
    expect(parseDbUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
  });

  it('reads mysql URLs with defaults and encoded passwords', () => {
    expect(parseDbUrl('mysql://app:p%40ss@db.local:3307/smms?ssl=true')).toEqual({
      kind: 'mysql',
      host: 'db.local',
      port: 3307,
      user: 'app',
      password: 'p@ss',
      database: 'smms',
      ssl: true,
    });
    expect(parseDbUrl('mariadb://root@127.0.0.1/x')).toMatchObject({
      port: 3306,
      user: 'root',
      password: '',
    });
  });

  it('refuses URLs it cannot use, with a message that shows the expected form', () => {
    expect(() => parseDbUrl('postgres://x/y')).toThrow(DbUrlError);
    expect(() => parseDbUrl('mysql://root@127.0.0.1:3306/')).toThrow(/names no database/);
    expect(() => parseDbUrl('mysql://root@h/bad;name')).toThrow(/not a usable database name/);
    expect(() => parseDbUrl('sqlite:')).toThrow(/names no file/);
  });

  it('never echoes a password', () => {
    expect(redactUrl('mysql://app:secret@h:3306/db')).toBe('mysql://app:***@h:3306/db');
    try {
      parseDbUrl('mysql://app:secret@h:3306/');
    } catch (e) {
      expect(String(e)).not.toContain('secret');
    }
  });
});

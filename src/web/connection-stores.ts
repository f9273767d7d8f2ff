import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { memoryStores, type ConnectionStores } from '../core/sync/connection-store.ts';
import { parseDbUrl } from '../core/db/url.ts';

// The browser shell (dev and tests) keeps the central connection's settings in a JSON file next to
// the database, and the password in memory only: it has no operating-system keychain, and a password
// is never written in clear. After a restart an admin enters it again on the Sync page.

export function webConnectionStores(dbUrl: string): ConnectionStores {
  const url = parseDbUrl(dbUrl);
  const { secrets } = memoryStores();
  if (url.kind !== 'sqlite' || url.path === ':memory:') return memoryStores();
  const file = join(dirname(resolve(url.path)), 'central-connection.json');
  const read = (): Record<string, string> => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  };
  const write = (all: Record<string, string>): void =>
    writeFileSync(file, JSON.stringify(all, null, 2), { mode: 0o600 });
  return {
    secrets,
    settings: {
      get: (k) => Promise.resolve(read()[k] ?? null),
      set: (k, v) => Promise.resolve(write({ ...read(), [k]: v })),
      delete: (k) => {
        const { [k]: _gone, ...rest } = read();
        return Promise.resolve(write(rest));
      },
    },
  };
}

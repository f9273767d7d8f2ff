import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { ConnectionStores, KeyValueStore } from '../core/sync/connection-store.ts';

// The central connection of this install (SYNC.md "Credentials and transport"): settings in
// electron-store, the password encrypted with safeStorage (DPAPI, Keychain, libsecret). Where the
// operating system offers no encryption the password is kept in memory only, never written in clear:
// the admin enters it again after a restart.

const store = new Store<Record<string, string>>({ name: 'central-connection' });

function memory(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (k) => Promise.resolve(map.get(k) ?? null),
    set: (k, v) => Promise.resolve(void map.set(k, v)),
    delete: (k) => Promise.resolve(void map.delete(k)),
  };
}

/** Call after app 'ready' (safeStorage needs it). */
export function electronConnectionStores(): ConnectionStores {
  const settings: KeyValueStore = {
    get: (k) => Promise.resolve(store.get(k) ?? null),
    set: (k, v) => Promise.resolve(store.set(k, v)),
    delete: (k) => Promise.resolve(store.delete(k)),
  };
  if (!safeStorage.isEncryptionAvailable())
    return { settings, secrets: { ...memory(), protection: 'memory-only' } };
  const key = (k: string) => `secret:${k}`;
  return {
    settings,
    secrets: {
      protection: 'os-encrypted',
      get: (k) => {
        const sealed = store.get(key(k));
        return Promise.resolve(sealed ? safeStorage.decryptString(Buffer.from(sealed, 'base64')) : null);
      },
      set: (k, v) => Promise.resolve(store.set(key(k), safeStorage.encryptString(v).toString('base64'))),
      delete: (k) => Promise.resolve(store.delete(key(k))),
    },
  };
}

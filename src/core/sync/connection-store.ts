// Where a computer keeps its central connection (SYNC.md "Credentials and transport"): the settings
// in one small key/value store, the password in a secret store. The Electron shell backs both with
// electron-store and encrypts the secret with safeStorage; tests and the browser shell use memory.

export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface SecretStore extends KeyValueStore {
  /** How the secret is kept, in words for the settings card ("encrypted by the operating system"). */
  readonly protection: 'os-encrypted' | 'memory-only' | 'plain-file';
}

export interface ConnectionStores {
  settings: KeyValueStore;
  secrets: SecretStore;
}

function memoryMap(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    get: (key) => Promise.resolve(map.get(key) ?? null),
    set: (key, value) => {
      map.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      map.delete(key);
      return Promise.resolve();
    },
  };
}

/** Forgets everything when the process ends: tests, and shells without a secure store. */
export function memoryStores(): ConnectionStores {
  return { settings: memoryMap(), secrets: { ...memoryMap(), protection: 'memory-only' } };
}

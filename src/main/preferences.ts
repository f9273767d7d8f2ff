import Store from 'electron-store';

// The desktop shell's own preferences (not the core's settings): kept per OS user.

interface Preferences {
  desktopNotifications: boolean;
  /** The folder of the last file saved through the Save dialog. */
  lastSaveFolder: string | null;
}

const store = new Store<Preferences>({
  name: 'preferences',
  defaults: { desktopNotifications: true, lastSaveFolder: null },
});

export const preferences = {
  get: <K extends keyof Preferences>(key: K): Preferences[K] => store.get(key),
  set: <K extends keyof Preferences>(key: K, value: Preferences[K]): void => store.set(key, value),
};

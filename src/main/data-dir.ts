import { join, resolve } from 'node:path';

// Where the local database lives: the user's app data folder, or SMMS_DATA_DIR on shared office
// PCs where IT wants the data on a managed drive (and the same for every Windows account).

export const DB_FILE = 'smms.sqlite';

export function resolveDataDir(env: NodeJS.ProcessEnv, userDataDir: string): string {
  const override = env.SMMS_DATA_DIR?.trim();
  return override ? resolve(override) : userDataDir;
}

export function localDbUrl(dataDir: string): string {
  return `sqlite:${join(dataDir, DB_FILE)}`;
}

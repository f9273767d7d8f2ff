import { resolve } from 'node:path';
import { resolveDataDir } from './data-dir.ts';

// Which data folder this start uses, and why (shown in Help → Copy diagnostics and File → Data
// folder). SMMS_DATA_DIR wins: IT sets it for every account of a shared office PC. The setting is
// per OS account (kept outside the data folder, in the user's app data). Pure, so tests need no Electron.

export type DataDirSource = 'SMMS_DATA_DIR' | 'setting' | 'default';

export interface DataDirChoice {
  dir: string;
  source: DataDirSource;
}

export function chooseDataDir(
  env: NodeJS.ProcessEnv,
  setting: string | undefined,
  userDataDir: string,
): DataDirChoice {
  if (env.SMMS_DATA_DIR?.trim()) return { dir: resolveDataDir(env, userDataDir), source: 'SMMS_DATA_DIR' };
  if (setting?.trim()) return { dir: resolve(setting.trim()), source: 'setting' };
  return { dir: userDataDir, source: 'default' };
}

export const DATA_DIR_SOURCE_WORDS: Readonly<Record<DataDirSource, string>> = {
  SMMS_DATA_DIR: 'set by IT with SMMS_DATA_DIR',
  setting: 'chosen in File → Data folder',
  default: 'the default for this user account',
};

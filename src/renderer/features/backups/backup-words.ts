import type { BackupEntryDto } from '../../../shared/contract/ops.contract.ts';

// How each kind of backup reads in the list, and which ones can be put back.

export const REASON_WORDS: Readonly<Record<BackupEntryDto['reason'], string>> = {
  daily: 'Daily (automatic)',
  'pre-migration': 'Before an update (automatic)',
  'pre-restore': 'Before a restore (automatic)',
  manual: 'Made by hand',
  corrupt: 'Damaged database, kept for support',
  'failed-upgrade': 'Half-updated database, kept for support',
};

export const restorable = (b: BackupEntryDto): boolean =>
  b.reason !== 'corrupt' && b.reason !== 'failed-upgrade';

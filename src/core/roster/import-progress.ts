import { progressFor } from '../reports/progress.ts';

// Progress of a roster preview or commit, published like report progress (`task:progress` under the
// call's taskId): a 10,000-row workbook takes seconds to read, check and write. Stages, not rows:
// the slow steps (the spreadsheet parse, one multi-row write) report no finer fraction.

export type ImportStage = 'read' | 'check' | 'plan' | 'write' | 'risk' | 'finish' | 'done';

const PREVIEW: Partial<Record<ImportStage, [number, string]>> = {
  read: [0, 'Reading the file'],
  check: [35, 'Checking every row'],
  plan: [75, 'Comparing with existing records'],
  done: [100, 'Done'],
};

const COMMIT: Partial<Record<ImportStage, [number, string]>> = {
  read: [0, 'Reading the file'],
  check: [20, 'Checking every row'],
  plan: [40, 'Comparing with existing records'],
  write: [50, 'Saving accounts'],
  risk: [75, 'Re-evaluating risk'],
  finish: [90, 'Writing the audit trail'],
  done: [100, 'Done'],
};

export function importProgress(
  taskId: string | undefined,
  phase: 'preview' | 'commit',
): (stage: ImportStage) => void {
  const publish = progressFor(taskId);
  const table = phase === 'preview' ? PREVIEW : COMMIT;
  return (stage) => {
    const step = table[stage];
    if (step) publish(step[0], 100, step[1]);
  };
}

// Progress of long reports (ARCHITECTURE.md: long work reports `{ taskId, done, total, label }`).
// A handler cannot reach Core.emit, so reports publish here and a shell bridges it once:
//   subscribeReportProgress((e) => core.emit({ type: 'task:progress', ...e }))
// Only calls that carry a `taskId` publish; the CLI passes its own callback to generateReport.

export interface TaskProgress {
  taskId: string;
  done: number;
  total: number;
  label: string;
}

export type ProgressFn = (done: number, total: number, label: string) => void;

const listeners = new Set<(e: TaskProgress) => void>();

export function subscribeReportProgress(listener: (e: TaskProgress) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * What each shell does once with its core: report progress becomes the `task:progress` event the
 * renderer listens to (Electron: IPC to the window; browser shell: its event stream).
 */
export function forwardReportProgress(
  emit: (event: { type: 'task:progress' } & TaskProgress) => void,
): () => void {
  return subscribeReportProgress((e) => emit({ type: 'task:progress', ...e }));
}

/** The progress function for one call: publishes under its taskId, and to `extra` if given. */
export function progressFor(taskId: string | undefined, extra?: ProgressFn): ProgressFn {
  return (done, total, label) => {
    extra?.(done, total, label);
    if (!taskId) return;
    for (const l of listeners) l({ taskId, done, total, label });
  };
}

/** Stages of every report on a 0..100 scale: reading data, laying out, drawing pages. */
export const STAGE = { read: 0, layout: 30, draw: 40, done: 100 } as const;

/** Maps pdfmake's drawing fraction onto the draw stage, at most once per whole percent. */
export function drawProgress(progress: ProgressFn): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    // Drawing ends at 99: 100 is reported once, as 'Done', when the file is ready.
    const done = STAGE.draw + Math.floor(fraction * (STAGE.done - 1 - STAGE.draw));
    if (done === last) return;
    last = done;
    progress(done, STAGE.done, 'Drawing pages');
  };
}

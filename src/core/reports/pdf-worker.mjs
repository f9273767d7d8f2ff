// The render worker (worker_threads): takes render jobs from the main thread, posts drawing
// progress and the PDF bytes back. pdfmake's layout and drawing are synchronous and take seconds
// for long reports; here they stall only this thread, never the Electron main process.
// Messages in:  { id, job }                       (see pdf-render.mjs for the job)
//             | { prepare: fonts }                 (load pdfmake and the fonts; no reply)
// Messages out: { id, type: 'progress', fraction } | { id, type: 'done', buffer, pages }
//             | { id, type: 'error', message }
import { parentPort, workerData } from 'node:worker_threads';
import { prepareRender, renderJob } from './pdf-render.mjs';

/** Set by the main thread to the id of a render to drop (render.ts: a cancel never ends this thread). */
const cancel = workerData?.cancel ?? new Int32Array(1);

class Cancelled extends Error {}

parentPort.on('message', async ({ id, job, prepare }) => {
  if (prepare) {
    // A failure here shows again, and is reported, when the first job configures the same fonts.
    await prepareRender(prepare).catch(() => {});
    return;
  }
  try {
    let last = -1;
    const { buffer, pages } = await renderJob(job, (fraction) => {
      // Thrown through pdfmake's drawing loop: the document is abandoned half drawn.
      if (Atomics.load(cancel, 0) === id) throw new Cancelled('cancelled');
      // At most one message per whole percent: the main thread has better things to do.
      const pct = Math.floor(fraction * 100);
      if (pct === last) return;
      last = pct;
      parentPort.postMessage({ id, type: 'progress', fraction });
    });
    // Hand the bytes over without a copy.
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const owned =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    parentPort.postMessage({ id, type: 'done', buffer: owned, pages }, [owned.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
});

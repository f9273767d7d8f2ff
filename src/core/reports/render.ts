import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { workerFile } from '../worker-file.ts';
import type { ReportDocument } from './frame.ts';
import { findFontsDir, reportFonts } from './fonts.ts';
import { renderJob, type RenderJob } from './pdf-render.mjs';
import { LAYOUT_COLORS } from './theme.ts';

// Rendering, kept apart from the pure builders and off the calling thread: pdfmake lays out and
// draws synchronously, which for a 2,000-student risk report is seconds during which the Electron
// main process (and every window) would freeze. The data queries stay in the core transaction; only
// the definition → PDF bytes step runs in a worker_threads Worker (pdf-worker.mjs, plain JS, so it
// needs no TypeScript loader under vitest, tsx or the bundled main). One worker is kept warm (fonts
// and pdfmake loaded once) and serves renders in turn.
// Cancelling the render being drawn asks the worker to stop (a shared flag it reads at every
// progress step) instead of ending the thread: Node aborts the whole process, here the Electron main
// process, when a worker is terminated while it is creating a zlib stream ("close before init",
// node_zlib.cc), which pdfkit does for every page. The caller is answered at once; the next render
// waits until the worker has dropped the cancelled one.

export interface RenderedPdf {
  buffer: Buffer;
  pages: number;
}

export interface RenderOptions {
  /** Called while pages are drawn, with the fraction done (0..1). */
  onProgress?: (fraction: number) => void;
  /** Aborting rejects the render with AppError CANCELLED and stops the drawing. */
  signal?: AbortSignal;
  /** Render on the calling thread (tests comparing both paths; a worker that cannot start). */
  inThread?: boolean;
}

function fontsJob(): RenderJob['fonts'] {
  const dir = findFontsDir();
  return { dir, dictionary: reportFonts(dir) };
}

function jobOf(doc: ReportDocument): RenderJob {
  const { frame, ...definition } = doc;
  return { doc: definition, frame, fonts: fontsJob(), colors: LAYOUT_COLORS };
}

const cancelled = (): AppError =>
  new AppError('CONFLICT', 'The report was cancelled before it was finished.');

interface Pending {
  id: number;
  /** Dropped once posted: the worker has its own copy, and a long report's definition is large. */
  job: RenderJob | null;
  onProgress?: (fraction: number) => void;
  resolve(r: RenderedPdf): void;
  reject(e: unknown): void;
}

type WorkerMessage =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'done'; buffer: Uint8Array; pages: number }
  | { id: number; type: 'error'; message: string };

class RenderWorker {
  private worker: Worker | null = null;
  private active: Pending | null = null;
  /** A cancelled render the worker is still drawing: nothing is posted until it replies. */
  private draining: number | null = null;
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** The id of the render to drop, read by the worker at every progress step (pdf-worker.mjs). */
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  /** Threads started so far (tests: a cancel must not end the thread). */
  started = 0;

  render(job: RenderJob, options: RenderOptions): Promise<RenderedPdf> {
    return new Promise<RenderedPdf>((resolve, reject) => {
      const signal = options.signal;
      if (signal?.aborted) return reject(cancelled());
      const p: Pending = {
        id: this.nextId++,
        job,
        onProgress: options.onProgress,
        resolve: (r) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      const onAbort = (): void => this.cancel(p);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(p);
      this.pump();
    });
  }

  private cancel(p: Pending): void {
    const queued = this.queue.indexOf(p);
    if (queued >= 0) this.queue.splice(queued, 1);
    else if (this.active === p) {
      // pdfmake cannot be interrupted from outside: the worker sees the flag at its next page.
      Atomics.store(this.cancelFlag, 0, p.id);
      this.active = null;
      this.draining = p.id;
    } else return;
    p.reject(cancelled());
    this.pump();
  }

  /** Starts the worker, if none runs, and has it load pdfmake and the fonts while it waits. */
  prepare(): void {
    if (this.worker) return;
    try {
      this.worker = this.start();
      this.worker.unref();
      this.worker.postMessage({ prepare: fontsJob() });
    } catch {
      // The render itself starts the worker again and reports what stops it.
      this.stop();
    }
  }

  private start(): Worker {
    const w = new Worker(workerFile(import.meta.url, 'pdf-worker'), {
      workerData: { cancel: this.cancelFlag },
    });
    this.started += 1;
    // A warm worker waiting for the next report must not keep a CLI or a test process alive.
    w.unref();
    w.on('message', (m: WorkerMessage) => this.onMessage(m));
    w.on('error', (err) => this.fail(err));
    w.on('exit', (code) => {
      if (this.worker !== w) return;
      this.worker = null;
      this.draining = null;
      if (this.active) this.fail(new Error(`The report renderer stopped (exit code ${code}).`));
      else this.pump();
    });
    return w;
  }

  private stop(): void {
    const w = this.worker;
    this.worker = null;
    this.draining = null;
    void w?.terminate();
  }

  private fail(err: unknown): void {
    const p = this.active;
    this.active = null;
    this.stop();
    p?.reject(err);
    this.pump();
  }

  private onMessage(m: WorkerMessage): void {
    if (m.id === this.draining && m.type !== 'progress') {
      // The cancelled render is dropped (or was finished just before the flag was seen).
      this.draining = null;
      this.pump();
      return;
    }
    const p = this.active;
    if (!p || p.id !== m.id) return;
    if (m.type === 'progress') {
      p.onProgress?.(m.fraction);
      return;
    }
    this.active = null;
    if (m.type === 'done')
      p.resolve({
        buffer: Buffer.from(m.buffer.buffer, m.buffer.byteOffset, m.buffer.byteLength),
        pages: m.pages,
      });
    else p.reject(new Error(m.message));
    this.pump();
  }

  private pump(): void {
    if (this.active || this.draining !== null) return;
    if (this.queue.length === 0) {
      // Warm but idle: it must not keep a process alive (the CLI exits after its report).
      this.worker?.unref();
      return;
    }
    const p = this.queue.shift()!;
    this.active = p;
    try {
      this.worker ??= this.start();
      this.worker.ref();
      this.worker.postMessage({ id: p.id, job: p.job });
      p.job = null;
    } catch (err) {
      this.fail(err);
    }
  }

  /** Ends the warm worker (tests, shutdown). Pending renders are rejected. */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(cancelled());
    const p = this.active;
    this.active = null;
    p?.reject(cancelled());
    const w = this.worker;
    this.worker = null;
    this.draining = null;
    await w?.terminate();
  }
}

const renderer = new RenderWorker();

/** How many render threads have been started (tests). */
export const renderThreadsStarted = (): number => renderer.started;

/** Renders a report to PDF bytes and counts its pages, in the render worker. */
export async function renderPdf(doc: ReportDocument, options: RenderOptions = {}): Promise<RenderedPdf> {
  const job = jobOf(doc);
  if (options.inThread) {
    if (options.signal?.aborted) throw cancelled();
    return renderJob(job, options.onProgress);
  }
  return renderer.render(job, options);
}

/**
 * Starts the render worker ahead of a render (a report call, before it reads its data): the thread
 * boots and loads pdfmake and the fonts (a few hundred ms when cold) while the data is read.
 */
export function prepareRenderWorker(): void {
  renderer.prepare();
}

/** Stops the render worker (it is started again by the next render). */
export function closeRenderWorker(): Promise<void> {
  return renderer.close();
}

// The online backup and the check of the copy, on a worker thread: both are single long native
// calls (one backup step for the whole file, then quick_check), seconds on a big database, which on
// the Electron main process would freeze every window. Plain JavaScript, so it runs under vitest,
// tsx and the bundled main alike.
// workerData: { source, partial, binding }   messages out:
//   { type: 'progress', stage: 'copy' | 'check', totalPages?, remainingPages? }
//   { type: 'done', ok, problems }   |   { type: 'error', code, message }
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

const { source, partial, binding } = workerData;
// One step copies the whole file from one read snapshot: SQLite restarts a stepped backup whenever
// another connection writes in between, which under steady writing never finishes (WAL: the long
// read does not block the app's writes).
const ALL_PAGES = 0x7fffffff;

function open(path) {
  const db = new SqliteDatabase(path, {
    fileMustExist: true,
    ...(binding ? { nativeBinding: binding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  return db;
}

try {
  parentPort.postMessage({ type: 'progress', stage: 'copy' });
  const src = open(source);
  try {
    await src.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        parentPort.postMessage({ type: 'progress', stage: 'copy', totalPages, remainingPages });
        return ALL_PAGES;
      },
    });
  } finally {
    src.close();
  }
  parentPort.postMessage({ type: 'progress', stage: 'check' });
  // A self-contained single file (rollback journal, no -wal/-shm companions), proven readable.
  const copy = open(partial);
  try {
    copy.pragma('journal_mode = DELETE');
    const lines = copy.pragma('quick_check(20)').map((r) => String(Object.values(r)[0]));
    const ok = lines.length === 1 && lines[0] === 'ok';
    parentPort.postMessage({ type: 'done', ok, problems: ok ? [] : lines });
  } finally {
    copy.close();
  }
} catch (err) {
  parentPort.postMessage({ type: 'error', code: err?.code ?? null, message: err?.message ?? String(err) });
}

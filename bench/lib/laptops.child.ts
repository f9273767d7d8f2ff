import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { connect, type Db } from '../../src/core/db/connect.ts';
import { syncOnce } from '../../src/core/sync/engine.ts';
import { APP_VERSION, datasetClock, openClient, type Client } from './sync-clients.ts';

// A process hosting a group of simulated laptops for the 200-laptop benchmark: real laptops each have
// their own CPU, so the benchmark spreads them over several processes (issue 5 allows "one process or
// several") instead of running every client's sync work on one Node thread. Driven over IPC by
// bench/sync-concurrency.bench.ts: open (and initial sync), write (one offline write each), go (every
// laptop runs syncOnce at once; each time counted from this process's "go"), close.

export interface Person {
  id: string;
  role: string;
  assignmentId: string | null;
}

export type ToChild =
  | { type: 'open'; url: string; tmp: string; asOf: string; people: Person[]; pool: number; offset: number }
  | { type: 'write'; wave: number }
  | { type: 'go' }
  | { type: 'close' };

export type FromChild =
  | { type: 'opened' }
  | { type: 'written' }
  | { type: 'done'; samples: number[]; failures: string[]; lockRetries: number; cpuMs: number }
  | { type: 'error'; message: string };

interface Laptop {
  client: Client;
  central: Db;
  person: Person;
}

const laptops: Laptop[] = [];

// SMMS_BENCH_LAPTOP_PROFILE=<dir>: a V8 CPU profile of each timed wave in this process (not of the
// initial syncs before them, which would swamp it), for finding where a round's client time goes.
const PROFILE_DIR = process.env.SMMS_BENCH_LAPTOP_PROFILE;
let profiler: Session | null = null;
let wavesProfiled = 0;

async function startProfile(): Promise<void> {
  if (!PROFILE_DIR) return;
  if (!profiler) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
  }
  await profiler.post('Profiler.start');
}

async function stopProfile(): Promise<void> {
  if (!profiler) return;
  const { profile } = await profiler.post('Profiler.stop');
  const file = join(PROFILE_DIR!, `wave-${++wavesProfiled}-pid${process.pid}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
}
const send = (m: FromChild): void => void process.send!(m);

async function write(l: Laptop, wave: number): Promise<void> {
  const core = l.client.synced.core;
  const s = core.openTrustedSession(l.person.id);
  const r =
    l.person.role === 'MENTOR'
      ? await core.dispatch(
          'sessions:record',
          {
            assignmentId: l.person.assignmentId!,
            sessionDate: new Date(l.client.clock.now().getTime() - 7_200_000 + wave * 60_000).toISOString(),
            topic: `Wave ${wave} check-in`,
            mode: 'ONLINE',
          },
          s,
        )
      : await core.dispatch('users:update-own-profile', { bio: `Wave ${wave} note.` }, s);
  core.closeSession(s);
  if (!r.ok) throw new Error(`${l.person.role} offline write: ${r.error.code} ${r.error.message}`);
}

const round = (l: Laptop) =>
  syncOnce({
    local: l.client.db,
    central: l.central,
    userId: l.person.id,
    appVersion: APP_VERSION,
    clock: l.client.clock,
  });

async function handle(m: ToChild): Promise<void> {
  if (m.type === 'open') {
    // The dataset's day, as the read benchmarks use (sync-clients.ts datasetClock).
    const clock = datasetClock(m.asOf);
    for (const [i, person] of m.people.entries()) {
      laptops.push({
        client: await openClient(m.tmp, `c${m.offset + i}`, clock),
        central: connect(m.url, { poolSize: m.pool }),
        person,
      });
    }
    // Initial syncs two at a time (not timed).
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < laptops.length) await round(laptops[next++]!);
      }),
    );
    send({ type: 'opened' });
  } else if (m.type === 'write') {
    for (const l of laptops) await write(l, m.wave);
    send({ type: 'written' });
  } else if (m.type === 'go') {
    const failures: string[] = [];
    let lockRetries = 0;
    await startProfile();
    const cpu0 = process.cpuUsage();
    const samples = await Promise.all(
      laptops.map(async (l) => {
        const t0 = performance.now();
        try {
          const r = await round(l);
          lockRetries += r.lockRetries;
          if (r.applied !== 1)
            failures.push(
              `${l.person.role}: applied ${r.applied}, rejected ${r.rejected}, conflicts ${r.conflicts}`,
            );
        } catch (err) {
          failures.push(
            `${l.person.role}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
          );
        }
        return performance.now() - t0;
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    await stopProfile();
    send({ type: 'done', samples, failures, lockRetries, cpuMs: (cpu.user + cpu.system) / 1000 });
  } else {
    for (const l of laptops) await Promise.all([l.client.db.close(), l.central.close()]);
    process.exit(0);
  }
}

process.on('message', (m: ToChild) => {
  handle(m).catch((err: unknown) =>
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

// Named points where tests inject a crash or a dropped connection (a `faults.hit` that throws),
// instead of killing processes. Production passes no faults; each hit is then a no-op.

export type FaultPoint =
  /** Before an outbox entry is replayed on central. */
  | 'push:before-replay'
  /** The replay committed on MySQL; the laptop has not yet marked the outbox entry. */
  | 'push:after-central-commit'
  /** A replayed batch committed on central; its risk re-evaluation (its own transaction) not yet run. */
  | 'push:risk-pass'
  /** A pull batch was read from central; nothing applied locally yet. */
  | 'pull:after-central-read'
  /** Inside the local transaction: rows applied, cursor not yet written (the throw rolls it back). */
  | 'pull:before-local-commit'
  /** Local data and cursor committed; central's sync_clients not yet told. */
  | 'pull:after-local-commit'
  /** One page of an initial snapshot / resync committed locally. */
  | 'snapshot:after-page';

export interface Faults {
  hit(point: FaultPoint): void | Promise<void>;
}

/** What an injected crash throws, so tests can tell it from real failures. */
export class InjectedFault extends Error {
  override name = 'InjectedFault';
  constructor(readonly point: FaultPoint) {
    super(`injected fault at ${point}`);
  }
}

/** An error shaped like mysql2's dropped connection, for injected disconnects. */
export function connectionLost(point: FaultPoint): Error {
  return Object.assign(new Error(`connection lost (injected at ${point})`), {
    code: 'PROTOCOL_CONNECTION_LOST',
    fatal: true,
  });
}

export async function hit(faults: Faults | undefined, point: FaultPoint): Promise<void> {
  if (faults) await faults.hit(point);
}

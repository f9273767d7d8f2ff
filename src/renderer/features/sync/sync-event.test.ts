import { describe, expect, it } from 'vitest';
import { parseSyncEvent } from './sync-event.ts';

describe('sync:status event payload', () => {
  it('reads what the sync loop publishes', () => {
    expect(
      parseSyncEvent({
        state: 'syncing',
        pending: 2,
        lastSuccessAt: '2026-03-01T10:00:00.000Z',
        progress: { phase: 'push', done: 1, total: 2, label: 'Sending changes' },
      }),
    ).toEqual({
      state: 'syncing',
      pending: 2,
      lastSuccessAt: '2026-03-01T10:00:00.000Z',
      lastError: null,
      progress: { phase: 'push', done: 1, total: 2, label: 'Sending changes' },
      report: null,
    });
  });

  it('keeps the last round’s report and ignores junk', () => {
    const e = parseSyncEvent({ state: 'idle', pending: 'x', lastReport: { pushed: 3, pulled: 7 } });
    expect(e?.pending).toBe(0);
    expect(e?.report).toMatchObject({ pushed: 3, pulled: 7, rejected: 0 });
    expect(parseSyncEvent({ state: 'exploded' })).toBeNull();
    expect(parseSyncEvent('idle')).toBeNull();
    expect(parseSyncEvent({ state: 'offline', progress: { phase: 'nope' } })?.progress).toBeNull();
  });
});

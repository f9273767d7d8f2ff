import { describe, expect, it } from 'vitest';
import { SessionUsers } from '../../src/web/session-events.ts';

// Sync progress reaches signed-in windows, and the one window that is joining a central database
// before anyone is signed in (its first download), never other anonymous windows.

const status = { type: 'sync:status', status: { state: 'syncing' } } as const;
const failed = { ok: false, error: { code: 'UNAUTHENTICATED', message: 'no' } } as const;

describe('SessionUsers and sync progress', () => {
  it('delivers sync status to a joining window only while it joins, then as a signed-in user', () => {
    const users = new SessionUsers();
    expect(users.delivers(status, 'a')).toBe(false);
    users.starting('sync:join', 'a');
    expect(users.delivers(status, 'a')).toBe(true);
    expect(users.delivers(status, 'b')).toBe(false);
    users.observe('sync:join', 'a', failed);
    expect(users.delivers(status, 'a')).toBe(false);

    users.starting('sync:join', 'a');
    users.observe('sync:join', 'a', {
      ok: true,
      data: { user: { id: 'u1' }, idleTimeoutMinutes: 30 },
    });
    expect(users.delivers(status, 'a')).toBe(true);
    expect(users.delivers({ type: 'notifications:changed', userId: 'u1' }, 'a')).toBe(true);
    users.starting('auth:login', 'b');
    expect(users.delivers(status, 'b')).toBe(false);
  });
});

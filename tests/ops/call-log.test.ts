import { describe, expect, it } from 'vitest';
import { logCall, SLOW_CALL_MS } from '../../src/core/ops/call-log.ts';
import type { Logger } from '../../src/core/log.ts';
import { fail, ok } from '../../src/shared/result.ts';

// The shells' call log: the browser shell writes every call, the desktop app only what support asks
// about (failed and slow calls), and neither ever writes a call's input or result.

function recorder(): { log: Logger; lines: [level: string, msg: string, data: unknown][] } {
  const lines: [string, string, unknown][] = [];
  const at =
    (level: string) =>
    (msg: string, data?: Record<string, unknown>): void => {
      lines.push([level, msg, data]);
    };
  return { log: { info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

describe('call log', () => {
  const secretResult = ok({ email: 'asha@gce.edu', phone: '98450 12345' });

  it('the desktop app logs refusals and failures with their code, not calls that went well', () => {
    const { log, lines } = recorder();
    logCall(log, 'users:list', secretResult, 12.4, { every: false });
    logCall(log, 'auth:login', fail('UNAUTHENTICATED', 'Wrong email or password.'), 41, { every: false });
    logCall(log, 'sessions:record', fail('INTERNAL', 'Something went wrong.'), 8, { every: false });
    expect(lines).toEqual([
      ['info', 'call', { name: 'auth:login', ok: false, code: 'UNAUTHENTICATED', ms: 41 }],
      ['info', 'call', { name: 'sessions:record', ok: false, code: 'INTERNAL', ms: 8 }],
    ]);
  });

  it('a slow call is logged by both shells, however it ended, but is not a problem for Diagnostics', () => {
    const { log, lines } = recorder();
    logCall(log, 'reports:risk', secretResult, SLOW_CALL_MS + 0.4, { every: false });
    logCall(log, 'reports:risk', secretResult, SLOW_CALL_MS - 1, { every: false });
    logCall(log, 'roster:commit', fail('CONFLICT', 'Changed meanwhile.'), 5210, { every: true });
    expect(lines).toEqual([
      ['info', 'slow call', { name: 'reports:risk', ok: true, ms: SLOW_CALL_MS }],
      ['info', 'slow call', { name: 'roster:commit', ok: false, code: 'CONFLICT', ms: 5210 }],
    ]);
  });

  it('the browser shell logs every call, never its result', () => {
    const { log, lines } = recorder();
    logCall(log, 'users:list', secretResult, 7, { every: true });
    expect(lines).toEqual([['info', 'call', { name: 'users:list', ok: true, ms: 7 }]]);
    expect(JSON.stringify(lines)).not.toContain('asha');
  });
});

import type { Result } from '../../shared/result.ts';
import type { Logger } from '../log.ts';

// What the shells write to their log about a finished call: its name, outcome and time, never its
// input or result (they hold personal data; the log is redacted too, but what is not written cannot
// leak). The browser shell logs every call, as a server does; the desktop app, used all day by one
// office, logs what support asks about: refusals and failures, and calls slow enough to be felt.

/**
 * A call at least this slow is logged as a 'slow call' by both shells. At info level: some calls are
 * slow by nature (a first sync, a backup, a roster commit, a big report), and as warnings they would
 * push real errors out of the Diagnostics page's short list of recent problems.
 */
export const SLOW_CALL_MS = 2000;

export interface CallLogOptions {
  /** Every call (the browser shell); otherwise only failed and slow ones (the desktop app). */
  every: boolean;
}

export function logCall(
  log: Logger,
  name: string,
  result: Result<unknown>,
  ms: number,
  options: CallLogOptions,
): void {
  const fields = {
    name,
    ok: result.ok,
    ...(result.ok ? {} : { code: result.error.code }),
    ms: Math.round(ms),
  };
  if (fields.ms >= SLOW_CALL_MS) log.info('slow call', fields);
  else if (options.every || !result.ok) log.info('call', fields);
}

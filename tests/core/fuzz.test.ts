import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONTRACT, type CallName } from '../../src/shared/contract/index.ts';
import { ROLE_NAMES, type RoleName } from '../../src/shared/domain/enums.ts';
import { ERROR_CODES, type Result } from '../../src/shared/result.ts';
import { DIALECTS } from '../helpers/db.ts';
import { CASES, expectedFor } from './support/cases.ts';
import { hostileInputs, sweepExamples } from './support/hostile.ts';
import { assertNoSecrets, fingerprint, makeHarness, type Harness } from './support/harness.ts';

// Every call × every role (and anonymous) with random and hostile inputs: the answer is a valid
// result or a typed error — never INTERNAL, never a throw — and a failed call changes nothing.
// CI size by default; SMMS_FUZZ_RUNS=500 for a long run.

const RUNS = Number(process.env.SMMS_FUZZ_RUNS ?? 20);
const CALLS = Object.keys(CONTRACT) as CallName[];
const ACTORS: (RoleName | null)[] = [...ROLE_NAMES, null];
// Failed sign-ins and reset attempts are audited on purpose (lockout counts them): only
// audit_logs may grow when these fail.
const AUDITED_FAILURES = new Set(['auth:login', 'auth:reset-password']);

function checkShape(r: Result<unknown>, label: string): void {
  expect(typeof r.ok, label).toBe('boolean');
  if (r.ok) return;
  expect(ERROR_CODES, label).toContain(r.error.code);
  expect(r.error.code, `${label}: ${r.error.message}`).not.toBe('INTERNAL');
  expect(typeof r.error.message, label).toBe('string');
  expect(r.error.message.length, label).toBeLessThan(400);
}

/** A readable failure: the input with long strings cut, and the first lines of the error. */
function failureReport(call: string, role: RoleName | null, d: fc.RunDetails<[unknown]>): string {
  const input = JSON.stringify(d.counterexample?.[0], (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  );
  const error = String(d.errorInstance instanceof Error ? d.errorInstance.message : d.errorInstance);
  return `${call} as ${role ?? 'anonymous'} failed after ${d.numRuns} runs (seed ${d.seed}).\ninput: ${input}\n${error.slice(0, 1500)}`;
}

function withoutAudit(p: Record<string, string>): Record<string, string> {
  const { audit_logs: _ignored, ...rest } = p;
  return rest;
}

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.errors.length = 0; // one failing call must not fail the next ones
  });

  it.each(CALLS)('%s: typed error or valid result for every role, no partial write', async (call) => {
    const c = CASES[call];
    expect(c, `no case for ${call} in tests/core/support/cases.ts`).toBeDefined();
    const write = CONTRACT[call].write;
    for (const role of ACTORS) {
      const ctx = { h, w: h.world, role };
      const base = await c!.input(ctx);
      const userId = c!.actor ? await c!.actor(ctx) : role === null ? null : undefined;
      const details = await fc.check(
        fc.asyncProperty(hostileInputs(base), async (input) => {
          h.clock.advance(7); // every write gets a fresh timestamp, so updates show in the fingerprint
          const session = userId === undefined ? h.as(role!) : h.sessionFor(userId);
          const before = write ? await fingerprint(h.db.kysely) : null;
          const r = await h.core.dispatch(call, input, session);
          const label = `${call} as ${role ?? 'anonymous'}`;
          checkShape(r, label);
          assertNoSecrets(r);
          if (before && !r.ok) {
            const after = await fingerprint(h.db.kysely);
            if (AUDITED_FAILURES.has(call)) expect(withoutAudit(after), label).toEqual(withoutAudit(before));
            else expect(after, label).toEqual(before);
          }
          expect(({} as Record<string, unknown>).polluted, 'Object.prototype polluted').toBeUndefined();
          expect(h.errors, label).toEqual([]);
        }),
        // Roles that get past the role check also get every field swept with huge and odd values.
        {
          numRuns: RUNS,
          examples: expectedFor(c!, role) === 'allow' ? sweepExamples(base) : [],
          // No shrinking: counterexamples hold megabyte strings; the report below is cut short instead.
          endOnFailure: true,
        },
      );
      if (details.failed) throw new Error(failureReport(call, role, details));
    }
  });
});

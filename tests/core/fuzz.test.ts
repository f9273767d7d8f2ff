import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CONTRACT, type CallName } from '../../src/shared/contract/index.ts';
import { ROLE_NAMES, type RoleName } from '../../src/shared/domain/enums.ts';
import { ERROR_CODES, type Result } from '../../src/shared/result.ts';
import { DIALECTS } from '../helpers/db.ts';
import { CASES, expectedFor } from './support/cases.ts';
import { applyMutation, hostileMutations, sweepMutations, type Mutation } from './support/hostile.ts';
import { assertNoSecrets, fingerprint, makeHarness, type Harness } from './support/harness.ts';

// Every call × every role (and anonymous) with random and hostile inputs: the answer is a valid
// result or a typed error — never INTERNAL, never a throw — and a failed call changes nothing.
// CI size by default; SMMS_FUZZ_RUNS=500 for a long run.

const RUNS = Number(process.env.SMMS_FUZZ_RUNS ?? 12);
const CALLS = Object.keys(CONTRACT) as CallName[];
const ACTORS: (RoleName | null)[] = [...ROLE_NAMES, null];
// Failed sign-ins and reset attempts are audited on purpose (lockout counts them): only
// audit_logs may grow when these fail.
const AUDITED_FAILURES = new Set(['auth:login', 'auth:reset-password']);
// Calls that verify or hash a password: each run gets a freshly built input (a new account with a
// cheap test hash), so a run never pays for a full-strength hash an earlier run left behind.
const FRESH_PER_RUN = new Set(['auth:login', 'auth:change-password', 'auth:reset-password']);

function checkShape(r: Result<unknown>, label: string): void {
  expect(typeof r.ok, label).toBe('boolean');
  if (r.ok) return;
  expect(ERROR_CODES, label).toContain(r.error.code);
  expect(r.error.code, `${label}: ${r.error.message}`).not.toBe('INTERNAL');
  expect(typeof r.error.message, label).toBe('string');
  expect(r.error.message.length, label).toBeLessThan(400);
}

/** A readable failure: the input with long strings cut, and the first lines of the error. */
function failureReport(call: string, role: RoleName | null, d: fc.RunDetails<[Mutation]>): string {
  const input = JSON.stringify(d.counterexample?.[0], (_k, v: unknown) =>
    typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
  );
  const error = String(d.errorInstance instanceof Error ? d.errorInstance.message : d.errorInstance);
  return `${call} as ${role ?? 'anonymous'} failed after ${d.numRuns} runs (seed ${d.seed}).\nmutation: ${input}\n${error.slice(0, 1500)}`;
}

/** The role whose runs include the field sweep: the first one allowed (anonymous for PUBLIC calls). */
function sweepRole(c: (typeof CASES)[string]): RoleName | null {
  return ROLE_NAMES.find((r) => c.allow !== 'PUBLIC' && expectedFor(c, r) === 'allow') ?? null;
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
      const fresh = FRESH_PER_RUN.has(call);
      const base = await c!.input(ctx);
      const actorOnce = c!.actor ? await c!.actor(ctx) : undefined;
      const details = await fc.check(
        fc.asyncProperty(hostileMutations(base), async (m: Mutation) => {
          h.clock.advance(7); // every write gets a fresh timestamp, so updates show in the fingerprint
          const input = applyMutation(fresh ? await c!.input(ctx) : base, m);
          const userId = c!.actor
            ? fresh
              ? await c!.actor(ctx)
              : actorOnce
            : role === null
              ? null
              : undefined;
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
        {
          numRuns: RUNS,
          // One role that gets past the role check also gets every field swept with huge and odd values.
          examples: role === sweepRole(c!) ? sweepMutations(base) : [],
          // No shrinking: counterexamples hold megabyte strings; the report below is cut short instead.
          endOnFailure: true,
        },
      );
      if (details.failed) throw new Error(failureReport(call, role, details));
    }
  });
});

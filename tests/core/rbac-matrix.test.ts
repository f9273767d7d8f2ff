import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT, type CallName } from '../../src/shared/contract/index.ts';
import { ROLE_NAMES, type RoleName } from '../../src/shared/domain/enums.ts';
import {
  allowedCalls,
  canCall,
  capabilitiesFor,
  grantableRoles,
  hasCapability,
} from '../../src/shared/permissions.ts';
import { DIALECTS } from '../helpers/db.ts';
import { CASES, expectedFor, sessionForCase } from './support/cases.ts';
import { assertNoSecrets, makeHarness, type Harness } from './support/harness.ts';

const CALLS = Object.keys(CONTRACT) as CallName[];
const ACTORS: (RoleName | null)[] = [...ROLE_NAMES, null];

describe('RBAC matrix covers the whole contract', () => {
  it('has a row for every call and no row for a call that does not exist', () => {
    const missing = CALLS.filter((c) => !Object.hasOwn(CASES, c));
    const stale = Object.keys(CASES).filter((c) => !Object.hasOwn(CONTRACT, c));
    expect(missing, 'calls without an RBAC matrix row in tests/core/support/cases.ts').toEqual([]);
    expect(stale, 'matrix rows for calls that are not in the contract').toEqual([]);
  });

  it('agrees with the roles each call declares (ROLES.md vs contract)', () => {
    for (const call of CALLS) {
      const c = CASES[call]!;
      for (const role of ROLE_NAMES) {
        expect(canCall(role, call), `${call} for ${role}`).toBe(expectedFor(c, role) === 'allow');
      }
    }
  });
});

describe('permissions.ts', () => {
  it('derives allowed calls and capabilities from the contract', () => {
    expect(allowedCalls('STUDENT')).toContain('users:update-own-profile');
    expect(allowedCalls('STUDENT')).not.toContain('users:list');
    expect(allowedCalls(null).every((c) => CONTRACT[c].roles === 'PUBLIC')).toBe(true);
    expect(hasCapability('SUPER_ADMIN', 'manageInstitutions')).toBe(true);
    expect(hasCapability('INSTITUTION_ADMIN', 'manageInstitutions')).toBe(false);
    expect(hasCapability('DEPARTMENT_ADMIN', 'editAcademics')).toBe(true);
    expect(hasCapability('MENTOR', 'editAcademics')).toBe(false);
    expect(capabilitiesFor('STUDENT')).toEqual(['viewMentors', 'editOwnProfile', 'changeOwnPassword']);
    expect(capabilitiesFor(null)).toEqual([]);
  });

  it('grants only roles at or below the actor (ROLES.md)', () => {
    expect(grantableRoles('SUPER_ADMIN')).toEqual([...ROLE_NAMES]);
    expect(grantableRoles('INSTITUTION_ADMIN')).toEqual([
      'INSTITUTION_ADMIN',
      'DEPARTMENT_ADMIN',
      'MENTOR',
      'STUDENT',
    ]);
    expect(grantableRoles('DEPARTMENT_ADMIN')).toEqual(['MENTOR', 'STUDENT']);
    expect(grantableRoles('MENTOR')).toEqual([]);
    expect(grantableRoles('STUDENT')).toEqual([]);
  });
});

describe.each(DIALECTS)('RBAC matrix through dispatch on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(dialect);
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(CALLS)('%s: allowed and refused exactly as ROLES.md says', async (call) => {
    const c = CASES[call];
    expect(c, `no matrix row for ${call}`).toBeDefined();
    for (const role of ACTORS) {
      const ctx = { h, w: h.world, role };
      const session = await sessionForCase(c!, ctx);
      const input = await c!.input(ctx);
      const r = await h.core.dispatch(call, input, session);
      const who = `${call} as ${role ?? 'anonymous'}`;
      const expected = expectedFor(c!, role);
      if (expected === 'deny') expect(r, who).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (expected === 'unauthenticated') {
        expect(r, who).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
      }
      if (expected === 'allow') {
        if ((c!.expect ?? 'ok') === 'ok') expect(r, who).toMatchObject({ ok: true });
        else if (!r.ok) expect(['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL'], who).not.toContain(r.error.code);
      }
      assertNoSecrets(r);
    }
    expect(h.errors).toEqual([]);
  });
});

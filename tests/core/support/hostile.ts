import fc from 'fast-check';

// Hostile inputs for the fuzz test: random and adversarial values put into a valid input (one field
// replaced, removed, or an unknown/prototype-pollution key added), or replacing the input whole.

const NASTY_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; DELETE FROM audit_logs WHERE 1=1; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '%',
  '_',
  '!%_',
  '\\',
  '\u0000',
  '\u202e\u0000\u0007',
  '🙂👩‍👩‍👧',
  '\ud800',
  '../../etc/passwd',
  // Hash-like, but not scrypt$: the secret scan flags stored text starting with scrypt$.
  '$2b$10$abcdefghijklmnopqrstuv',
  '__proto__',
  'null',
  'NaN',
  '-1',
  '2026-02-30T10:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01T00:00:00.000Z',
  '   ',
  '',
];

const HUGE = ['x'.repeat(1_000_000), '<'.repeat(1_048_576), 'é'.repeat(600_000), ' '.repeat(1_000_000)];

/** A JSON-parsed object: `__proto__` becomes an own key, as it would arriving over IPC or HTTP. */
const protoPayload = (): unknown =>
  JSON.parse(
    '{"__proto__":{"polluted":"yes","role":"SUPER_ADMIN"},"constructor":{"prototype":{"polluted":"yes"}}}',
  );

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(...HUGE) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 2 ** 53, -(2 ** 31) - 1, 1e308, 0.1 + 0.2),
  },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 1 }) },
  { weight: 1, arbitrary: fc.constant(null).map(protoPayload) },
);

const EXTRA_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'role',
  'userId',
  'actor',
  'passwordHash',
  'isAdmin',
  'x',
];

type Path = string[];

function leafPaths(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || depth > 2) return [prefix];
  const keys = Object.keys(value);
  const own: Path[] = prefix.length > 0 ? [prefix] : [];
  return own.concat(
    keys.flatMap((k) => leafPaths((value as Record<string, unknown>)[k], [...prefix, k], depth + 1)),
  );
}

function clone(value: unknown): unknown {
  return value === undefined ? undefined : structuredClone(value);
}

/** Sets (or with `remove`, deletes) the value at `path` as an own property, `__proto__` included. */
function setAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const out = clone(root) as Record<string, unknown>;
  let node = out;
  for (const k of path.slice(0, -1)) {
    const next = node[k];
    if (next === null || typeof next !== 'object') return out;
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/**
 * A change to apply to a valid input. Kept apart from the input so the same change can be applied
 * to a freshly built input on every run (calls that need a new account each time).
 */
export type Mutation =
  | { kind: 'set'; path: Path; value: unknown }
  | { kind: 'remove'; path: Path }
  | { kind: 'replace'; value: unknown };

export function applyMutation(base: unknown, m: Mutation): unknown {
  if (m.kind === 'replace') return m.value;
  return m.kind === 'remove' ? setAt(base, m.path, undefined, true) : setAt(base, m.path, m.value);
}

/** Mutations of a valid input (one field replaced or removed, an unknown key added), or a random input. */
export function hostileMutations(base: unknown): fc.Arbitrary<Mutation> {
  const paths = leafPaths(base).filter((p) => p.length > 0);
  const objectPaths: Path[] = [[], ...paths.slice(0, -1).filter((p) => p.length === 1)];
  const set = (path: Path, value: unknown): Mutation => ({ kind: 'set', path, value });
  const arbs: fc.Arbitrary<Mutation>[] = [
    fc
      .tuple(fc.constantFrom(...objectPaths), fc.constantFrom(...EXTRA_KEYS), hostileValue)
      .map(([p, k, v]) => set([...p, k], v)),
    hostileValue.map((value): Mutation => ({ kind: 'replace', value })),
    fc.anything({ maxDepth: 2 }).map((value): Mutation => ({ kind: 'replace', value })),
  ];
  if (paths.length > 0) {
    const field = fc.tuple(fc.constantFrom(...paths), hostileValue).map(([p, v]) => set(p, v));
    arbs.push(field, field);
    arbs.push(fc.constantFrom(...paths).map((path): Mutation => ({ kind: 'remove', path })));
  }
  return fc.oneof(...arbs);
}

/** Values every field of a valid input is tried with, deterministically, before the random runs. */
const SWEEP_VALUES: unknown[] = [
  HUGE[0],
  HUGE[2],
  "'; DROP TABLE users; --",
  '<img src=x onerror=alert(1)>',
  '\u0000',
  '\ud800',
  '🙂',
  '2026-02-30T10:00:00.000Z',
  -1,
  2 ** 53,
  null,
];

/** Each field of `base` replaced by each sweep value: the huge and odd values reach every column. */
export function sweepMutations(base: unknown): [Mutation][] {
  const paths = leafPaths(base).filter((p) => p.length > 0);
  return paths.flatMap((path) => SWEEP_VALUES.map((value): [Mutation] => [{ kind: 'set', path, value }]));
}

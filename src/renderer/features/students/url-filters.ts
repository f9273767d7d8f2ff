import { useLayoutEffect } from 'react';
import { useLocation, useSearchParams } from 'react-router';

// List filters live in the address (#/students?risk=HIGH&unassigned=1), so a dashboard tile can
// open a filtered list, and Back returns to the same filters.

export interface UrlFilters {
  get(key: string): string | null;
  /** Sets or clears (null/'') several keys at once, replacing the history entry. */
  set(changes: Record<string, string | null | undefined>): void;
  clear(): void;
  any: boolean;
}

/**
 * Changes made to the address that the committed address does not show yet, shared by every
 * instance of the hook (one window, one address: two lists on a page edit the same one).
 * react-router hands a change the params of the last committed render, and renders navigations as
 * transitions: a second change made before the first was committed (typing "To" right after "From"
 * on a busy machine) started from the old address and undid the first. Each change is now the
 * committed address plus every change still on its way. An entry is dropped once a committed
 * address shows it, in an effect: a render may be thrown away (an urgent update, the next key
 * press, interrupts a transition's render), so nothing is learnt from one until it is committed.
 */
const pending = new Map<string, string | null>();
/** The page the pending changes belong to: another page's address never gets them. */
let pendingPage = '';

export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  const page = useLocation().pathname;
  useLayoutEffect(() => {
    if (page !== pendingPage) pending.clear();
    for (const [key, value] of pending) if (params.get(key) === value) pending.delete(key);
  }, [params, page]);
  const go = (changes: Iterable<[string, string | null]>): void => {
    if (page !== pendingPage) {
      pending.clear();
      pendingPage = page;
    }
    for (const [key, value] of changes) pending.set(key, value);
    const next = new URLSearchParams(params);
    for (const [key, value] of pending) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  return {
    get: (key) => params.get(key),
    set: (changes) =>
      go(
        Object.entries(changes).map(([key, value]) => [
          key,
          value === undefined || value === '' ? null : value,
        ]),
      ),
    clear: () => go([...new Set([...params.keys(), ...pending.keys()])].map((key) => [key, null])),
    any: [...params.keys()].length > 0,
  };
}

export function intParam(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
}

export function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

import { useRef } from 'react';
import { useSearchParams } from 'react-router';

// List filters live in the address (#/students?risk=HIGH&unassigned=1), so a dashboard tile can
// open a filtered list, and Back returns to the same filters.

export interface UrlFilters {
  get(key: string): string | null;
  /** Sets or clears (null/'') several keys at once, replacing the history entry. */
  set(changes: Record<string, string | null | undefined>): void;
  clear(): void;
  any: boolean;
}

export function useUrlFilters(): UrlFilters {
  const [params, setParams] = useSearchParams();
  // The address as of the last change made here. react-router's functional update hands over the
  // params of the last render, and it renders navigations as transitions: a second change made
  // before that render (typing "To" right after "From" on a busy machine) started from the old
  // address and undid the first. Each change now starts from the one before it; a new address
  // (this hook's own change arriving, Back, a link) replaces it, an unrelated render does not.
  const seen = useRef(params);
  const latest = useRef(params);
  if (seen.current !== params) {
    seen.current = params;
    latest.current = params;
  }
  return {
    get: (key) => params.get(key),
    set: (changes) => {
      const next = new URLSearchParams(latest.current);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      latest.current = next;
      setParams(next, { replace: true });
    },
    clear: () => {
      latest.current = new URLSearchParams();
      setParams(latest.current, { replace: true });
    },
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

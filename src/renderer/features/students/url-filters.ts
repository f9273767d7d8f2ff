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
  return {
    get: (key) => params.get(key),
    set: (changes) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          }
          return next;
        },
        { replace: true },
      ),
    clear: () => setParams(new URLSearchParams(), { replace: true }),
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

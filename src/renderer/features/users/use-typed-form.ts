import { useState } from 'react';
import type { z } from 'zod';
import { errorMessage, isAppError } from '../../api.ts';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';

// Like use-zod-form, for forms whose fields are not all text (numbers, switches, selects that can
// be cleared): the form keeps its own typed values, `toInput` turns them into the call's input, and
// the contract's schema checks that input. Error keys are zod paths ("gpa", "attendancePct.high");
// an issue without a path (a refine over the whole input) is shown above the form.

export interface TypedForm<V, S extends z.ZodType> {
  values: V;
  errors: Record<string, string>;
  formError: string | null;
  set<K extends keyof V>(key: K, value: V[K]): void;
  /** The call's parsed input, or null after showing what is wrong. */
  validate(): z.output<S> | null;
  showError(err: unknown): void;
  reset(values: V): void;
}

export function useTypedForm<V extends object, S extends z.ZodType>(
  schema: S,
  initial: V,
  toInput: (values: V) => z.input<S>,
  /** Which error keys belong to which form key, when they differ ("gpa" ← "gpa" by default). */
  fieldOf: (path: string) => string = (path) => path,
): TypedForm<V, S> {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const apply = (issues: { path: string; message: string }[]): void => {
    const mapped = issuesToErrors(issues.map((i) => ({ ...i, path: i.path === '' ? '' : fieldOf(i.path) })));
    const { '': general, ...fields } = mapped;
    setErrors(fields);
    setFormError(general ?? null);
  };

  return {
    values,
    errors,
    formError,
    set: (key, value) => {
      setValues((v) => ({ ...v, [key]: value }));
      setErrors((current) => {
        const name = String(key);
        if (!(name in current)) return current;
        const { [name]: _cleared, ...rest } = current;
        return rest;
      });
    },
    validate: () => {
      const parsed = schema.safeParse(toInput(values));
      if (parsed.success) {
        setErrors({});
        setFormError(null);
        return parsed.data;
      }
      apply(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      return null;
    },
    showError: (err) => {
      if (isAppError(err) && err.issues.length > 0) {
        apply(err.issues);
        // A refusal with field issues (a code already in use) also says why, above the form.
        if (err.code !== 'VALIDATION') setFormError(err.message);
      } else {
        setErrors({});
        setFormError(errorMessage(err));
      }
    },
    reset: (next) => {
      setValues(next);
      setErrors({});
      setFormError(null);
    },
  };
}

/** A NumberInput's value (number, or '' when cleared) as the call wants it. */
export function numberOrNull(v: number | string): number | null {
  if (typeof v === 'number') return v;
  const trimmed = v.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

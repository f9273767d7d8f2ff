import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import { errorMessage, isAppError } from '../../api.ts';

// Forms validate with the contract's own zod schema (the one the core parses with), and show the
// core's field issues the same way, so a rule lives in one place.

type Values = Record<string, unknown>;

function getPath(values: Values, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Values | undefined)?.[key], values);
}

function setPath<T extends Values>(values: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const next = { ...values } as Values;
  next[head] = rest.length === 0 ? value : setPath((values[head] ?? {}) as Values, rest.join('.'), value);
  return next as T;
}

export function issuesToErrors(issues: { path: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path] ??= issue.message;
  return errors;
}

export interface ZodForm<S extends z.ZodType> {
  values: z.input<S>;
  errors: Record<string, string>;
  /** Form-level message (a refusal that is not about one field). */
  formError: string | null;
  field(path: string): {
    value: string;
    error: string | undefined;
    onChange: (e: { currentTarget: { value: string } }) => void;
  };
  /** Parsed values, or null after showing the field errors. */
  validate(): z.output<S> | null;
  /** Shows an error thrown by a call: field issues next to their fields, the rest above the form. */
  showError(err: unknown): void;
  reset(values?: z.input<S>): void;
}

export function useZodForm<S extends z.ZodType>(schema: S, initial: z.input<S>): ZodForm<S> {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const initialRef = useRef(initial);

  const field = useCallback(
    (path: string) => ({
      value: String(getPath(values as Values, path) ?? ''),
      error: errors[path],
      onChange: (e: { currentTarget: { value: string } }) => {
        const value = e.currentTarget.value;
        setValues((v) => setPath(v as Values, path, value) as z.input<S>);
        setErrors((current) => {
          if (!(path in current)) return current;
          const { [path]: _cleared, ...rest } = current;
          return rest;
        });
      },
    }),
    [values, errors],
  );

  const validate = (): z.output<S> | null => {
    setFormError(null);
    const parsed = schema.safeParse(values);
    if (parsed.success) {
      setErrors({});
      return parsed.data;
    }
    setErrors(
      issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
    );
    return null;
  };

  const showError = (err: unknown): void => {
    if (isAppError(err) && err.code === 'VALIDATION' && err.issues.length > 0) {
      setErrors(issuesToErrors(err.issues));
      setFormError(null);
    } else {
      setFormError(errorMessage(err));
    }
  };

  const reset = (next: z.input<S> = initialRef.current): void => {
    setValues(next);
    setErrors({});
    setFormError(null);
  };

  return { values, errors, formError, field, validate, showError, reset };
}

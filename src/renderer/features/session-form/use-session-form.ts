import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { SessionDetail } from '../../../shared/contract/sessions.contract.ts';
import { call, errorMessage, isAppError } from '../../api.ts';
import { invalidateAfter } from '../sessions/use-call.ts';
import {
  buildCall,
  fieldForIssue,
  incompleteDates,
  relevantIssues,
  type FormKind,
  type SessionCall,
  type SessionFormValues,
} from './form-model.ts';

// State and submit of the session form: the contract's schema checks it before anything is sent,
// and the core's field issues land on the same inputs.

const SUCCESS: Record<FormKind, string> = {
  record: 'Session recorded.',
  schedule: 'Session scheduled; the student has been told.',
  complete: 'Session recorded.',
  edit: 'Changes saved.',
};

function send(c: SessionCall): Promise<SessionDetail> {
  switch (c.name) {
    case 'sessions:record':
      return call(c.name, c.input);
    case 'sessions:schedule':
      return call(c.name, c.input);
    case 'sessions:update':
      return call(c.name, c.input);
  }
}

export interface SessionFormState {
  values: SessionFormValues;
  set<K extends keyof SessionFormValues>(key: K, value: SessionFormValues[K]): void;
  errors: Record<string, string>;
  formError: string | null;
  busy: boolean;
  submit(): Promise<SessionDetail | null>;
}

export function useSessionForm(
  kind: FormKind,
  initial: SessionFormValues,
  opts: { sessionId?: string; synced: boolean },
): SessionFormState {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof SessionFormValues>(key: K, value: SessionFormValues[K]): void => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const field = key === 'actionItems' ? 'item.' : key;
      const rest = Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(field)));
      return Object.keys(rest).length === Object.keys(e).length ? e : rest;
    });
  };

  const showIssues = (issues: { path: string; message: string }[]): void => {
    const next: Record<string, string> = {};
    for (const i of relevantIssues(issues, values)) next[fieldForIssue(i.path, values)] ??= i.message;
    setErrors(next);
  };

  const submit = async (): Promise<SessionDetail | null> => {
    setFormError(null);
    const c = buildCall(kind, values, initial, opts.sessionId);
    const parsed = CONTRACT[c.name].input.safeParse(c.input);
    const missing = incompleteDates(kind, values);
    const issues = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    if (Object.keys(missing).length > 0 || issues.length > 0) {
      showIssues(issues);
      setErrors((e) => ({ ...e, ...missing }));
      return null;
    }
    setBusy(true);
    try {
      const saved = await send(c);
      await invalidateAfter(queryClient, c.name);
      notifications.show({
        color: 'teal',
        message: opts.synced
          ? `${SUCCESS[kind]} Saved on this computer; it goes to the central database with the next sync.`
          : SUCCESS[kind],
        autoClose: 5000,
      });
      return saved;
    } catch (err) {
      if (isAppError(err) && err.code === 'VALIDATION' && err.issues.length > 0) showIssues(err.issues);
      else setFormError(errorMessage(err));
      return null;
    } finally {
      setBusy(false);
    }
  };

  return { values, set, errors, formError, busy, submit };
}

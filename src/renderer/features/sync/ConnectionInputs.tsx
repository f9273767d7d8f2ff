import { useState, type ReactElement } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import {
  connectionFields,
  type ConnectionFields,
  type ConnectionTestDto,
} from '../../../shared/contract/sync-connection.contract.ts';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';

// The central server's fields (server, port, database, account, password, TLS) and the result of
// testing them: shared by the Sync page's "Central database" card and the first-run "Join" form.

export type ConnectionForm = {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  ssl: boolean;
};

export const EMPTY_CONNECTION: ConnectionForm = {
  host: '',
  port: '3306',
  database: 'smms',
  user: '',
  password: '',
  ssl: false,
};

/** The form as the calls' input, or the field errors to show. `keepSaved`: send no password. */
export function parseConnectionForm(
  form: ConnectionForm,
  keepSaved = false,
): { data: ConnectionFields; errors: null } | { data: null; errors: Record<string, string> } {
  const r = connectionFields.safeParse({
    host: form.host,
    port: form.port.trim() === '' ? undefined : Number(form.port),
    database: form.database,
    user: form.user,
    ssl: form.ssl,
    ...(keepSaved ? {} : { password: form.password }),
  });
  if (r.success) return { data: r.data, errors: null };
  return {
    data: null,
    errors: issuesToErrors(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
  };
}

export interface ConnectionFormState {
  form: ConnectionForm;
  setForm(form: ConnectionForm): void;
  errors: Record<string, string>;
  setErrors(errors: Record<string, string>): void;
  tested: ConnectionTestDto | null;
  setTested(result: ConnectionTestDto | null): void;
  /** One field changed: its error and the last test result no longer apply. */
  change(key: keyof ConnectionForm, value: string | boolean): void;
  /** The calls' input, or null after showing the field errors. */
  parse(keepSaved?: boolean): ConnectionFields | null;
}

export function useConnectionForm(initial: ConnectionForm = EMPTY_CONNECTION): ConnectionFormState {
  const [form, setForm] = useState<ConnectionForm>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tested, setTested] = useState<ConnectionTestDto | null>(null);
  return {
    form,
    setForm,
    errors,
    setErrors,
    tested,
    setTested,
    change(key, value) {
      setForm({ ...form, [key]: value });
      setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => k !== key)));
      setTested(null);
    },
    parse(keepSaved = false) {
      const r = parseConnectionForm(form, keepSaved);
      if (r.errors) setErrors(r.errors);
      return r.data;
    },
  };
}

export function ConnectionInputs({
  form,
  errors,
  onChange,
  password,
}: {
  form: ConnectionForm;
  errors: Record<string, string>;
  /** One field changed (its error is cleared by the owner). */
  onChange(key: keyof ConnectionForm, value: string | boolean): void;
  password?: { label?: string; description?: string; placeholder?: string };
}): ReactElement {
  const text = (key: keyof ConnectionForm) => ({
    value: String(form[key]),
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => onChange(key, e.currentTarget.value),
  });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3} spacing="sm">
        <TextInput
          label="Server"
          placeholder="db.college.edu"
          required
          {...text('host')}
          style={{ gridColumn: 'span 2' }}
        />
        <TextInput label="Port" inputMode="numeric" required {...text('port')} />
      </SimpleGrid>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput label="Database" required {...text('database')} />
        <TextInput label="Account" required {...text('user')} />
      </SimpleGrid>
      <PasswordInput
        label={password?.label ?? 'Password'}
        description={password?.description}
        placeholder={password?.placeholder}
        autoComplete="new-password"
        {...text('password')}
      />
      <Checkbox
        label="Encrypt the connection (TLS); recommended unless the server is on this computer"
        checked={form.ssl}
        onChange={(e) => onChange('ssl', e.currentTarget.checked)}
      />
    </Stack>
  );
}

export function TestResult({ result }: { result: ConnectionTestDto }): ReactElement {
  const color = { ok: 'teal', warn: 'yellow', fail: 'red' } as const;
  return (
    <Alert
      color={result.ok ? 'teal' : 'red'}
      variant="light"
      title={result.ok ? 'Connection works' : 'This connection cannot be used'}
      aria-live="polite"
    >
      <Stack gap={6}>
        <List size="sm" spacing={4} listStyleType="none" ml={0}>
          {result.checks.map((c) => (
            <List.Item key={c.name}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge size="xs" color={color[c.status]} variant="light" miw={44}>
                  {c.status}
                </Badge>
                <Text size="xs">
                  <b>{c.name}</b>: {c.detail}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
        <Text size="sm" fw={600}>
          {result.planMessage}
        </Text>
      </Stack>
    </Alert>
  );
}

/** "Test connection" beside the form's submit button; both wait while either runs. */
export function TestAndSubmit({
  busy,
  onTest,
  submitLabel,
}: {
  /** Which of the two is running, if any. */
  busy: 'test' | 'submit' | null;
  onTest(): void;
  submitLabel: string;
}): ReactElement {
  return (
    <Group gap="xs">
      <Button variant="default" onClick={onTest} loading={busy === 'test'} disabled={busy !== null}>
        Test connection
      </Button>
      <Button type="submit" loading={busy === 'submit'} disabled={busy !== null}>
        {submitLabel}
      </Button>
    </Group>
  );
}

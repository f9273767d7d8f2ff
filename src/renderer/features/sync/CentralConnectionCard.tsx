import { useEffect, useState, type ReactElement } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  connectionFields,
  type ConnectionTestDto,
  type ConnectionViewDto,
} from '../../../shared/contract/sync-connection.contract.ts';
import { canCall } from '../../../shared/permissions.ts';
import { call, errorMessage, isAppError } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';
import { invalidateAfter } from '../sessions/use-call.ts';

// The "Central database" card: where this computer syncs. The install's admin (SUPER_ADMIN) enters
// the server, tests it (reachable, schema, the account's rights, and what saving would do with this
// computer's data), saves, or disconnects; everyone else sees where the computer syncs.

type Form = { host: string; port: string; database: string; user: string; password: string; ssl: boolean };

const EMPTY: Form = { host: '', port: '3306', database: 'smms', user: '', password: '', ssl: false };
const PROTECTION = {
  'os-encrypted': 'Saved, encrypted by the operating system.',
  'memory-only': 'Kept in memory only: enter it again after the app restarts.',
  'plain-file': 'Saved in a file on this computer.',
} as const;

function formOf(view: ConnectionViewDto): Form {
  const c = view.connection;
  return c ? { ...c, port: String(c.port), password: '' } : EMPTY;
}

function TestResult({ result }: { result: ConnectionTestDto }): ReactElement {
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

function ReadOnly({ view }: { view: ConnectionViewDto }): ReactElement {
  const c = view.connection;
  if (!view.manageable)
    return (
      <Text size="sm">This copy of SMMS was started with its connection given on the command line.</Text>
    );
  if (!c)
    return (
      <Text size="sm">
        This computer is not connected to a central database. Your system administrator can connect it here.
      </Text>
    );
  return (
    <Text size="sm">
      Syncs with database <b>{c.database}</b> on{' '}
      <b>
        {c.host}:{c.port}
      </b>{' '}
      as <b>{c.user}</b>
      {c.ssl ? ', encrypted (TLS)' : ''}. Only your system administrator can change it.
    </Text>
  );
}

export function CentralConnectionCard(): ReactElement {
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['sync:get-connection', {}],
    queryFn: () => call('sync:get-connection', {}),
  });
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [tested, setTested] = useState<ConnectionTestDto | null>(null);
  const [confirm, setConfirm] = useState<'save' | 'disconnect' | null>(null);
  const view = q.data;
  useEffect(() => {
    if (view) setForm(formOf(view));
  }, [view]);

  if (q.isPending) return <LoadingState label="Reading the connection…" />;
  if (q.isError || !view) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const manage = canCall(user.role, 'sync:set-connection') && view.manageable;

  const set = (key: keyof Form) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setForm((f) => ({ ...f, [key]: value }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
    setTested(null);
  };

  /** The form as the call's input, or null after showing what to fix. */
  const parsed = () => {
    setFormError(null);
    const keepSaved = form.password === '' && view.passwordSaved;
    const r = connectionFields.safeParse({
      host: form.host,
      port: form.port.trim() === '' ? undefined : Number(form.port),
      database: form.database,
      user: form.user,
      ssl: form.ssl,
      ...(keepSaved ? {} : { password: form.password }),
    });
    if (r.success) return r.data;
    setErrors(issuesToErrors(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))));
    return null;
  };

  const fail = (err: unknown): void => {
    if (isAppError(err) && err.code === 'VALIDATION' && err.issues.length > 0)
      setErrors(issuesToErrors(err.issues));
    else setFormError(errorMessage(err));
  };

  const test = async (): Promise<ConnectionTestDto | null> => {
    const input = parsed();
    if (!input) return null;
    setBusy('test');
    try {
      const r = await call('sync:test-connection', input);
      setTested(r);
      return r;
    } catch (err) {
      fail(err);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const save = async (): Promise<void> => {
    const input = parsed();
    if (!input) return;
    setBusy('save');
    try {
      const r = await call('sync:set-connection', input);
      notifications.show({ color: 'teal', title: 'Connected', message: r.message, autoClose: 6000 });
      setTested(null);
      await invalidateAfter(queryClient, 'sync:set-connection');
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper p="lg">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Central database
        </Title>
        <Badge color={view.connection ? 'teal' : 'gray'} variant="light">
          {view.connection ? 'Connected' : 'Not connected'}
        </Badge>
      </Group>
      {!manage ? (
        <ReadOnly view={view} />
      ) : (
        <form
          noValidate
          aria-label="Central database connection"
          onSubmit={(e) => {
            e.preventDefault();
            void test().then((r) => r?.ok && setConfirm('save'));
          }}
        >
          <Stack gap="sm">
            <SimpleGrid cols={3} spacing="sm">
              <TextInput
                label="Server"
                placeholder="db.college.edu"
                required
                value={form.host}
                onChange={set('host')}
                error={errors.host}
                style={{ gridColumn: 'span 2' }}
              />
              <TextInput
                label="Port"
                inputMode="numeric"
                required
                value={form.port}
                onChange={set('port')}
                error={errors.port}
              />
            </SimpleGrid>
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label="Database"
                required
                value={form.database}
                onChange={set('database')}
                error={errors.database}
              />
              <TextInput
                label="Account"
                required
                value={form.user}
                onChange={set('user')}
                error={errors.user}
              />
            </SimpleGrid>
            <PasswordInput
              label="Password"
              description={
                view.passwordSaved
                  ? `${PROTECTION[view.passwordProtection]} Leave empty to keep it.`
                  : undefined
              }
              placeholder={view.passwordSaved ? '(saved)' : ''}
              value={form.password}
              onChange={set('password')}
              error={errors.password}
              autoComplete="new-password"
            />
            <Checkbox
              label="Encrypt the connection (TLS); recommended unless the server is on this computer"
              checked={form.ssl}
              onChange={(e) => {
                const ssl = e.currentTarget.checked;
                setForm((f) => ({ ...f, ssl }));
                setTested(null);
              }}
            />
            <FormAlert message={formError} />
            {tested && <TestResult result={tested} />}
            <Group justify="space-between">
              <Group gap="xs">
                <Button
                  variant="default"
                  onClick={() => void test()}
                  loading={busy === 'test'}
                  disabled={busy !== null}
                >
                  Test connection
                </Button>
                <Button type="submit" loading={busy === 'save'} disabled={busy !== null}>
                  Save and connect
                </Button>
              </Group>
              {view.connection && (
                <Button
                  color="red"
                  variant="subtle"
                  onClick={() => setConfirm('disconnect')}
                  disabled={busy !== null}
                >
                  Disconnect
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
      <ConfirmDialog
        opened={confirm === 'save'}
        title="Connect to this central database?"
        confirmLabel={tested?.plan === 'upload' ? 'Upload and connect' : 'Connect'}
        onConfirm={save}
        onClose={() => setConfirm(null)}
      >
        {tested?.planMessage ?? ''}
      </ConfirmDialog>
      <ConfirmDialog
        opened={confirm === 'disconnect'}
        title="Disconnect from the central database?"
        confirmLabel="Disconnect"
        color="red"
        onConfirm={async () => {
          const r = await call('sync:disconnect', {});
          notifications.show({
            color: 'teal',
            message: r.pending
              ? `Disconnected. ${r.pending} changes stay queued until this computer is connected again.`
              : 'Disconnected.',
          });
          await invalidateAfter(queryClient, 'sync:disconnect');
        }}
        onClose={() => setConfirm(null)}
      >
        This computer stops syncing and forgets the connection and its password. Its data stays here, and
        changes that are waiting stay queued; password changes and invitations need the connection.
      </ConfirmDialog>
    </Paper>
  );
}

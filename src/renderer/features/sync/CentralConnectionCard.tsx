import { useEffect, useState, type ReactElement } from 'react';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConnectionTestDto,
  ConnectionViewDto,
} from '../../../shared/contract/sync-connection.contract.ts';
import { canCall } from '../../../shared/permissions.ts';
import { call, errorMessage, isAppError } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';
import { invalidateAfter } from '../sessions/use-call.ts';
import {
  ConnectionInputs,
  EMPTY_CONNECTION,
  TestAndSubmit,
  TestResult,
  useConnectionForm,
  type ConnectionForm,
} from './ConnectionInputs.tsx';

// The "Central database" card: where this computer syncs. The install's admin (SUPER_ADMIN) enters
// the server, tests it (reachable, schema, the account's rights, and what saving would do with this
// computer's data), saves, or disconnects; everyone else sees where the computer syncs.

const PROTECTION = {
  'os-encrypted': 'Saved, encrypted by the operating system.',
  'memory-only': 'Kept in memory only: enter it again after the app restarts.',
  'plain-file': 'Saved in a file on this computer.',
} as const;

function formOf(view: ConnectionViewDto): ConnectionForm {
  const c = view.connection;
  return c ? { ...c, port: String(c.port), password: '' } : EMPTY_CONNECTION;
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
  const conn = useConnectionForm();
  const { form, setForm, setErrors, tested, setTested } = conn;
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [confirm, setConfirm] = useState<'save' | 'disconnect' | null>(null);
  const view = q.data;
  useEffect(() => {
    if (view) setForm(formOf(view));
  }, [view]);

  if (q.isPending) return <LoadingState label="Reading the connection…" />;
  if (q.isError || !view) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const manage = canCall(user.role, 'sync:set-connection') && view.manageable;

  /** The form as the call's input, or null after showing what to fix. */
  const parsed = () => {
    setFormError(null);
    return conn.parse(form.password === '' && view.passwordSaved);
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
            <ConnectionInputs
              form={form}
              errors={conn.errors}
              onChange={conn.change}
              password={{
                description: view.passwordSaved
                  ? `${PROTECTION[view.passwordProtection]} Leave empty to keep it.`
                  : undefined,
                placeholder: view.passwordSaved ? '(saved)' : '',
              }}
            />
            <FormAlert message={formError} />
            {tested && <TestResult result={tested} />}
            <Group justify="space-between">
              <TestAndSubmit
                busy={busy === 'save' ? 'submit' : busy}
                onTest={() => void test()}
                submitLabel="Save and connect"
              />
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

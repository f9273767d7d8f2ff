import { useEffect, useState, type FormEvent, type ReactElement } from 'react';
import {
  Checkbox,
  Fieldset,
  Group,
  PasswordInput,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { joinInput } from '../../../shared/contract/sync-connection.contract.ts';
import { call, errorMessage, isAppError, onAppEvent } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors, useZodForm } from '../../components/form/use-zod-form.ts';
import { ConnectionInputs, TestAndSubmit, TestResult, useConnectionForm } from '../sync/ConnectionInputs.tsx';
import { parseSyncEvent, type SyncProgressView } from '../sync/sync-event.ts';

// First run, second choice: this computer joins the department's existing central database. The
// server comes from IT; the email and password are the person's own SMMS account, checked on
// central. The first download can take a while, so the sync loop's progress is shown as it comes.
// On success the window is signed in directly: the password was just proven on central.
// A new account (invited by the office, no password yet) joins with its one-time code: the password
// typed here then becomes the account's password on central.

const account = joinInput.pick({ email: true, password: true });

function DownloadProgress({ progress }: { progress: SyncProgressView | null }): ReactElement {
  const pct = progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <Stack gap={4} aria-live="polite">
      <Progress value={pct} animated={!progress} aria-label="Download progress" />
      <Text size="xs" c="dimmed">
        {!progress
          ? 'Checking your account on the central database…'
          : progress.total > 0
            ? `${progress.label}: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} records`
            : `${progress.label}: ${progress.done.toLocaleString()} records so far`}
      </Text>
    </Stack>
  );
}

export function JoinCentralForm(): ReactElement {
  const session = useSession();
  const form = useZodForm(account, { email: '', password: '' });
  const conn = useConnectionForm();
  const [busy, setBusy] = useState<'test' | 'join' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<SyncProgressView | null>(null);
  const [firstTime, setFirstTime] = useState(false);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);

  useEffect(() => {
    if (busy !== 'join') return undefined;
    return onAppEvent('sync:status', (e) => {
      const p = parseSyncEvent(e.status)?.progress;
      if (p) setProgress(p);
    });
  }, [busy]);

  const parsedConnection = () => {
    setError(null);
    return conn.parse();
  };

  const fail = (err: unknown): void => {
    if (isAppError(err) && err.code === 'VALIDATION' && err.issues.length > 0) {
      const all = issuesToErrors(err.issues);
      const server = Object.entries(all).filter(([k]) => k.startsWith('connection.'));
      conn.setErrors(Object.fromEntries(server.map(([k, v]) => [k.slice('connection.'.length), v])));
      setCodeError(all.inviteCode ?? null);
      form.showError(err);
    } else {
      setError(errorMessage(err));
    }
  };

  const test = async (): Promise<void> => {
    const input = parsedConnection();
    if (!input) return;
    setBusy('test');
    try {
      conn.setTested(await call('sync:test-join', input));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const join = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const server = parsedConnection();
    const who = form.validate();
    const inviteCode = firstTime ? code.trim() : undefined;
    setCodeError(firstTime && !inviteCode ? 'Enter the code from your department office.' : null);
    if (!server || !who || (firstTime && !inviteCode)) return;
    setProgress(null);
    setBusy('join');
    try {
      const r = await call('sync:join', {
        connection: server,
        ...who,
        ...(inviteCode ? { inviteCode } : {}),
      });
      notifications.show({ color: 'teal', title: 'Joined', message: r.message, autoClose: 8000 });
      session.signedIn(r);
    } catch (err) {
      fail(err);
      setBusy(null);
    }
  };

  return (
    <form onSubmit={(e) => void join(e)} noValidate aria-label="Join a central database">
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="lg">
          <Fieldset legend="Central database (from your IT office)">
            <ConnectionInputs
              form={conn.form}
              errors={conn.errors}
              onChange={conn.change}
              password={{ label: 'Database password' }}
            />
          </Fieldset>
          <Fieldset legend="Your SMMS account">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                The email and password you use for SMMS. They are checked on the central database; your
                password is not stored on this computer.
              </Text>
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                required
                {...form.field('email')}
              />
              <Checkbox
                label="First sign-in: I have an invitation code from my department office"
                checked={firstTime}
                onChange={(e) => setFirstTime(e.currentTarget.checked)}
              />
              {firstTime && (
                <TextInput
                  label="Invitation code"
                  description="Four groups of four letters and digits, e.g. K7QM-2XPA-9TRC-4HWE"
                  autoComplete="one-time-code"
                  required
                  value={code}
                  onChange={(e) => {
                    setCode(e.currentTarget.value);
                    setCodeError(null);
                  }}
                  error={codeError}
                />
              )}
              <PasswordInput
                label={firstTime ? 'Choose your password' : 'Password'}
                autoComplete={firstTime ? 'new-password' : 'current-password'}
                required
                {...form.field('password')}
              />
            </Stack>
          </Fieldset>
        </SimpleGrid>
        {conn.tested && <TestResult result={conn.tested} />}
        <FormAlert title="This computer did not join" message={error ?? form.formError} />
        {busy === 'join' && <DownloadProgress progress={progress} />}
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed" maw={420}>
            Your records are downloaded to this computer and kept in sync; you are signed in when it is done.
          </Text>
          <TestAndSubmit
            busy={busy === 'join' ? 'submit' : busy}
            onTest={() => void test()}
            submitLabel="Join and sign in"
          />
        </Group>
      </Stack>
    </form>
  );
}

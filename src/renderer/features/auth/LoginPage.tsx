import { useState, type FormEvent, type ReactElement } from 'react';
import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { CONTRACT } from '../../../shared/contract/index.ts';
import { call, isAppError } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useZodForm } from '../../components/form/use-zod-form.ts';
import { AuthFrame } from './AuthFrame.tsx';

/** Alert titles by refusal; the core's message says what to do (wrong password, locked, ...). */
export function signInErrorTitle(err: unknown): string {
  if (!isAppError(err)) return 'Sign-in failed';
  if (err.code === 'RATE_LIMITED') return 'Account locked';
  if (err.code === 'FORBIDDEN') return 'Account not available';
  if (err.code === 'OFFLINE') return 'Not connected';
  return 'Sign-in failed';
}

export function LoginPage(): ReactElement {
  const session = useSession();
  const form = useZodForm(CONTRACT['auth:login'].input, { email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setFailure(null);
    const input = form.validate();
    if (!input) return;
    setBusy(true);
    try {
      session.signedIn(await call('auth:login', input));
    } catch (err) {
      if (isAppError(err) && err.code === 'VALIDATION') form.showError(err);
      else setFailure(err);
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Sign in" subtitle="Use the email and password your department office gave you.">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <TextInput label="Email" type="email" autoComplete="username" autoFocus {...form.field('email')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.field('password')} />
          <FormAlert
            title={signInErrorTitle(failure)}
            message={failure ? (isAppError(failure) ? failure.message : String(failure)) : null}
          />
          <Button type="submit" loading={busy} fullWidth>
            Sign in
          </Button>
          <Anchor component={Link} to="/reset-password" size="sm" ta="center">
            Use a reset code
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}

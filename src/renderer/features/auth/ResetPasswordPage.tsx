import { useState, type FormEvent, type ReactElement } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { CONTRACT } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useZodForm } from '../../components/form/use-zod-form.ts';
import { AuthFrame } from './AuthFrame.tsx';

export function ResetPasswordPage(): ReactElement {
  const form = useZodForm(CONTRACT['auth:reset-password'].input, { email: '', token: '', newPassword: '' });
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    const mismatch = confirm !== form.values.newPassword ? 'The two passwords are not the same.' : undefined;
    setConfirmError(mismatch);
    if (!input || mismatch) return;
    setBusy(true);
    try {
      await call('auth:reset-password', input);
      setDone(true);
    } catch (err) {
      form.showError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <AuthFrame title="Password set">
        <Alert color="green" variant="light" role="status">
          Your new password is saved. Sign in with it now.
        </Alert>
        <Button component={Link} to="/login" fullWidth>
          Go to sign in
        </Button>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame
      title="Set a password with a code"
      subtitle="Your department office gives you a one-time code for a new account or a forgotten password."
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <TextInput label="Email" type="email" autoComplete="username" required {...form.field('email')} />
          <TextInput label="One-time code" autoComplete="one-time-code" required {...form.field('token')} />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            required
            {...form.field('newPassword')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            value={confirm}
            error={confirmError}
            onChange={(e) => setConfirm(e.currentTarget.value)}
          />
          <FormAlert message={form.formError} />
          <Button type="submit" loading={busy} fullWidth>
            Set password
          </Button>
          <Anchor component={Link} to="/login" size="sm" ta="center">
            Back to sign in
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}

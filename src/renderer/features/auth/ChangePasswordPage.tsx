import { useState, type FormEvent, type ReactElement } from 'react';
import { Alert, Button, Group, Paper, PasswordInput, Stack } from '@mantine/core';
import { ADMIN_ROLES } from '../../../shared/contract/define.ts';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { RoleName } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useZodForm } from '../../components/form/use-zod-form.ts';
import { PageHeader } from '../../components/PageHeader.tsx';

const isAdmin = (role: RoleName): boolean => (ADMIN_ROLES as readonly RoleName[]).includes(role);

export function ChangePasswordPage(): ReactElement {
  const { user } = useCurrentUser();
  const form = useZodForm(CONTRACT['auth:change-password'].input, { currentPassword: '', newPassword: '' });
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setChanged(false);
    const input = form.validate();
    const mismatch = confirm !== form.values.newPassword ? 'The two passwords are not the same.' : undefined;
    setConfirmError(mismatch);
    if (!input || mismatch) return;
    setBusy(true);
    try {
      await call('auth:change-password', input);
      form.reset();
      setConfirm('');
      setChanged(true);
    } catch (err) {
      form.showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title="Change password" description="Use a password you do not use anywhere else." />
      <Paper p="lg" maw={480}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="md">
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              {...form.field('currentPassword')}
            />
            <PasswordInput
              label="New password"
              description={`At least ${isAdmin(user.role) ? 12 : 8} characters; not a common password.`}
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
            {changed && (
              <Alert color="green" variant="light" role="status">
                Your password has been changed.
              </Alert>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                Change password
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}

import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Fieldset, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { CONTRACT, type CallInput } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useZodForm } from '../../components/form/use-zod-form.ts';
import { AuthFrame } from '../auth/AuthFrame.tsx';

// First run on an empty database: the institution, its first department and the administrator
// who will own the system. The core refuses this once any user exists.

const EMPTY: CallInput<'setup:initialize'> = {
  institution: { name: '', code: '' },
  department: { name: '', code: '' },
  admin: { firstName: '', lastName: '', email: '', password: '' },
};

export function SetupPage(): ReactElement {
  const session = useSession();
  const form = useZodForm(CONTRACT['setup:initialize'].input, EMPTY);
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    const mismatch =
      confirm !== form.values.admin.password ? 'The two passwords are not the same.' : undefined;
    setConfirmError(mismatch);
    if (!input || mismatch) return;
    setBusy(true);
    try {
      session.signedIn(await call('setup:initialize', input));
    } catch (err) {
      form.showError(err);
      setBusy(false);
    }
  };

  return (
    <AuthFrame
      width={820}
      title="Set up SMMS Desktop"
      subtitle="This database is empty. Name your institution and first department, and create the administrator account that manages the system. More departments and users can be added later."
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={2} spacing="lg">
            <Stack gap="md">
              <Fieldset legend="Institution">
                <Stack gap="sm">
                  <TextInput
                    label="Institution name"
                    placeholder="Riverside College of Engineering"
                    required
                    {...form.field('institution.name')}
                  />
                  <TextInput
                    label="Short code"
                    placeholder="RCE"
                    description="Letters and digits, for reports and exports."
                    required
                    {...form.field('institution.code')}
                  />
                </Stack>
              </Fieldset>
              <Fieldset legend="First department">
                <Stack gap="sm">
                  <TextInput
                    label="Department name"
                    placeholder="Computer Science and Engineering"
                    required
                    {...form.field('department.name')}
                  />
                  <TextInput
                    label="Department code"
                    placeholder="CSE"
                    required
                    {...form.field('department.code')}
                  />
                </Stack>
              </Fieldset>
            </Stack>
            <Fieldset legend="Administrator account">
              <Stack gap="sm">
                <Group grow align="flex-start">
                  <TextInput
                    label="First name"
                    autoComplete="given-name"
                    required
                    {...form.field('admin.firstName')}
                  />
                  <TextInput
                    label="Last name"
                    autoComplete="family-name"
                    required
                    {...form.field('admin.lastName')}
                  />
                </Group>
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="username"
                  required
                  {...form.field('admin.email')}
                />
                <PasswordInput
                  label="Password"
                  description="At least 12 characters; not a common password."
                  autoComplete="new-password"
                  required
                  {...form.field('admin.password')}
                />
                <PasswordInput
                  label="Repeat the password"
                  autoComplete="new-password"
                  required
                  value={confirm}
                  error={confirmError}
                  onChange={(e) => setConfirm(e.currentTarget.value)}
                />
              </Stack>
            </Fieldset>
          </SimpleGrid>
          <FormAlert message={form.formError} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              You will be signed in as this administrator when setup finishes.
            </Text>
            <Button type="submit" loading={busy}>
              Create and sign in
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthFrame>
  );
}

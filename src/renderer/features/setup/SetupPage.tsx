import { useState, type FormEvent, type ReactElement } from 'react';
import {
  Button,
  Fieldset,
  Group,
  PasswordInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { CONTRACT, type CallInput } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useZodForm } from '../../components/form/use-zod-form.ts';
import { AuthFrame } from '../auth/AuthFrame.tsx';
import { JoinCentralForm } from './JoinCentralForm.tsx';

// First run on an empty database, two choices. A new institution: its first department and the
// administrator who will own the system. Or join the department's existing central database (a
// mentor's new laptop). The core refuses both once any user exists.

const EMPTY: CallInput<'setup:initialize'> = {
  institution: { name: '', code: '' },
  department: { name: '', code: '' },
  admin: { firstName: '', lastName: '', email: '', password: '' },
};

const CHOICES = {
  new: {
    label: 'Set up a new institution',
    subtitle:
      'This database is empty. Name your institution and first department, and create the administrator account that manages the system. More departments and users can be added later.',
  },
  join: {
    label: 'Join your department’s central database',
    subtitle:
      'Your department already uses SMMS with a central database. Enter the server details from your IT office and your own SMMS account: this computer downloads your records and keeps them in sync.',
  },
} as const;

export function SetupPage(): ReactElement {
  const [choice, setChoice] = useState<keyof typeof CHOICES>('new');
  return (
    <AuthFrame width={820} title="Set up SMMS Desktop" subtitle={CHOICES[choice].subtitle}>
      <SegmentedControl
        fullWidth
        aria-label="How to set up this computer"
        value={choice}
        onChange={(v) => setChoice(v as keyof typeof CHOICES)}
        data={Object.entries(CHOICES).map(([value, c]) => ({ value, label: c.label }))}
      />
      {choice === 'new' ? <NewInstitutionForm /> : <JoinCentralForm />}
    </AuthFrame>
  );
}

function NewInstitutionForm(): ReactElement {
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
  );
}

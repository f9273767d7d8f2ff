import { useState, type FormEvent, type ReactElement } from 'react';
import {
  Button,
  Fieldset,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { RoleName } from '../../../shared/domain/enums.ts';
import { grantableRoles } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { ROLE_LABELS } from '../../app/navigation.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import type { OneTimeCode } from './OneTimeCodeDialog.tsx';
import { RemoteSelect } from './RemoteSelect.tsx';
import { useTypedForm } from './use-typed-form.ts';
import { DEPARTMENT_ROLES, emptyNewUser, newUserInput, type NewUserValues } from './user-form-values.ts';

type Form = ReturnType<typeof useCreateForm>;

function useCreateForm(role: RoleName, departmentId: string | null) {
  return useTypedForm(
    CONTRACT['users:create'].input,
    emptyNewUser(role, departmentId),
    newUserInput,
    (path) => path.replace(/^(student|mentor)\./, ''),
  );
}

function text(form: Form, key: keyof NewUserValues) {
  return {
    value: String(form.values[key] ?? ''),
    error: form.errors[key],
    onChange: (e: { currentTarget: { value: string } }) => form.set(key, e.currentTarget.value as never),
  };
}

function RoleFields({ form }: { form: Form }): ReactElement | null {
  if (form.values.role === 'STUDENT') {
    return (
      <Fieldset legend="Student">
        <SimpleGrid cols={3} spacing="sm">
          <TextInput label="Roll number" required maxLength={50} {...text(form, 'rollNumber')} />
          <TextInput label="Program" placeholder="B.Tech CSE" maxLength={100} {...text(form, 'program')} />
          <NumberInput
            label="Year of study"
            min={1}
            max={8}
            allowDecimal={false}
            value={form.values.yearOfStudy}
            error={form.errors.yearOfStudy}
            onChange={(v) => form.set('yearOfStudy', v)}
          />
        </SimpleGrid>
      </Fieldset>
    );
  }
  if (form.values.role === 'MENTOR') {
    return (
      <Fieldset legend="Mentor">
        <SimpleGrid cols={3} spacing="sm">
          <TextInput
            label="Designation"
            placeholder="Assistant Professor"
            maxLength={100}
            {...text(form, 'designation')}
          />
          <TextInput label="Specialization" maxLength={255} {...text(form, 'specialization')} />
          <NumberInput
            label="Maximum mentees"
            min={0}
            max={500}
            allowDecimal={false}
            placeholder="Department default"
            value={form.values.maxMentees}
            error={form.errors.maxMentees}
            onChange={(v) => form.set('maxMentees', v)}
          />
        </SimpleGrid>
      </Fieldset>
    );
  }
  return null;
}

function Placement({ form }: { form: Form }): ReactElement | null {
  const { user } = useCurrentUser();
  const inDepartment = DEPARTMENT_ROLES.includes(form.values.role);
  if (inDepartment && user.role !== 'DEPARTMENT_ADMIN') {
    return (
      <DepartmentSelect
        label="Department"
        required
        placeholder="Choose the department"
        value={form.values.departmentId}
        error={form.errors.departmentId}
        onChange={(v) => form.set('departmentId', v)}
      />
    );
  }
  if (!inDepartment && user.role === 'SUPER_ADMIN' && form.values.role === 'INSTITUTION_ADMIN') {
    return (
      <RemoteSelect
        label="Institution"
        required
        placeholder="Choose the institution"
        queryKey={['institutions:list']}
        load={async (search) =>
          (await call('institutions:list', { search: search || undefined, pageSize: 100 })).rows.map((i) => ({
            value: i.id,
            label: `${i.name} (${i.code})`,
          }))
        }
        value={form.values.institutionId}
        error={form.errors.institutionId}
        onChange={(v) => form.set('institutionId', v)}
      />
    );
  }
  return null;
}

function CreateUserForm({
  onCreated,
  onClose,
}: {
  onCreated(code: OneTimeCode | null): void;
  onClose(): void;
}): ReactElement {
  const { user } = useCurrentUser();
  const client = useQueryClient();
  const roles = grantableRoles(user.role);
  const form = useCreateForm(
    roles.includes('MENTOR') ? 'MENTOR' : roles[0]!,
    user.role === 'DEPARTMENT_ADMIN' ? user.departmentId : null,
  );
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy(true);
    try {
      const r = await call('users:create', input);
      await invalidateCalls(client, ['users:list', 'mentors:list', 'students:list', 'departments:list']);
      const name = `${r.user.firstName} ${r.user.lastName}`;
      onCreated(
        r.resetCode && r.resetExpiresAt
          ? { name, email: r.user.email, code: r.resetCode, expiresAt: r.resetExpiresAt, purpose: 'invite' }
          : null,
      );
    } catch (err) {
      form.showError(err);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="md">
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            value={form.values.role}
            error={form.errors.role}
            onChange={(v) => v && form.set('role', v as RoleName)}
          />
          <Placement form={form} />
        </SimpleGrid>
        <SimpleGrid cols={2} spacing="md">
          <TextInput
            label="First name"
            required
            autoComplete="off"
            maxLength={100}
            {...text(form, 'firstName')}
            data-autofocus
          />
          <TextInput
            label="Last name"
            required
            autoComplete="off"
            maxLength={100}
            {...text(form, 'lastName')}
          />
          <TextInput
            label="Email"
            type="email"
            required
            autoComplete="off"
            maxLength={255}
            {...text(form, 'email')}
          />
          <TextInput label="Phone" maxLength={20} {...text(form, 'phone')} />
        </SimpleGrid>
        <RoleFields form={form} />
        <Radio.Group
          label="First sign-in"
          value={form.values.access}
          onChange={(v) => form.set('access', v as NewUserValues['access'])}
        >
          <Group gap="lg" mt={6}>
            <Radio value="invite" label="Give a one-time code (recommended)" />
            <Radio value="password" label="Set a password now" />
          </Group>
        </Radio.Group>
        {form.values.access === 'password' && (
          <PasswordInput
            label="Initial password"
            description="Admins: at least 12 characters; others at least 8. Not a common password."
            autoComplete="new-password"
            {...text(form, 'initialPassword')}
          />
        )}
        <FormAlert message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {form.values.access === 'invite' ? 'Create and show code' : 'Create account'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CreateUserDialog({
  opened,
  onCreated,
  onClose,
}: {
  opened: boolean;
  onCreated(code: OneTimeCode | null): void;
  onClose(): void;
}): ReactElement {
  return (
    <Modal lockScroll={false} opened={opened} onClose={onClose} title="Add a user" centered size="xl">
      {opened && <CreateUserForm onCreated={onCreated} onClose={onClose} />}
    </Modal>
  );
}

import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserDetail, UserSummary } from '../../../shared/contract/users.contract.ts';
import { CONTRACT, type CallInput } from '../../../shared/contract/index.ts';
import type { RoleName } from '../../../shared/domain/enums.ts';
import { grantableRoles } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { ROLE_LABELS } from '../../app/navigation.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { useTypedForm } from './use-typed-form.ts';
import { DEPARTMENT_ROLES } from './user-form-values.ts';

interface Values {
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  phone: string;
  role: RoleName;
  departmentId: string | null;
}

const valuesOf = (u: UserDetail): Values => ({
  firstName: u.firstName,
  lastName: u.lastName,
  email: u.email,
  title: u.title ?? '',
  phone: u.phone ?? '',
  role: u.role,
  departmentId: u.departmentId,
});

/** Only the fields the office changed: the core audits exactly those. */
function changes(u: UserDetail, v: Values): CallInput<'users:update'> {
  const before = valuesOf(u);
  const text = (k: 'firstName' | 'lastName' | 'email' | 'title' | 'phone'): string | undefined =>
    v[k].trim() === before[k] ? undefined : v[k];
  return {
    id: u.id,
    firstName: text('firstName'),
    lastName: text('lastName'),
    email: v.email.trim().toLowerCase() === before.email ? undefined : v.email,
    title: text('title'),
    phone: text('phone'),
    role: v.role === before.role ? undefined : v.role,
    departmentId: v.departmentId === before.departmentId ? undefined : v.departmentId,
  };
}

function EditForm({ user, onClose }: { user: UserDetail; onClose(): void }): ReactElement {
  const { user: me } = useCurrentUser();
  const client = useQueryClient();
  const form = useTypedForm(CONTRACT['users:update'].input, valuesOf(user), (v) => changes(user, v));
  const [busy, setBusy] = useState(false);
  // Students keep their role (their records are theirs); nobody changes their own role.
  const roleLocked = user.role === 'STUDENT' || user.id === me.id;
  const roles = grantableRoles(me.role).filter((r) => r !== 'STUDENT' || user.role === 'STUDENT');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy(true);
    try {
      await call('users:update', input);
      await invalidateCalls(client, [
        'users:list',
        'users:get',
        'mentors:list',
        'students:list',
        'students:get',
      ]);
      onClose();
    } catch (err) {
      form.showError(err);
      setBusy(false);
    }
  };
  const field = (k: 'firstName' | 'lastName' | 'email' | 'title' | 'phone') => ({
    value: form.values[k],
    error: form.errors[k],
    onChange: (e: { currentTarget: { value: string } }) => form.set(k, e.currentTarget.value),
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="md">
          <TextInput label="First name" required maxLength={100} {...field('firstName')} data-autofocus />
          <TextInput label="Last name" required maxLength={100} {...field('lastName')} />
          <TextInput label="Email" type="email" required maxLength={255} {...field('email')} />
          <TextInput label="Phone" maxLength={20} {...field('phone')} />
          <TextInput label="Title" placeholder="Dr." maxLength={100} {...field('title')} />
          <Select
            label="Role"
            allowDeselect={false}
            disabled={roleLocked}
            description={
              roleLocked
                ? user.id === me.id
                  ? 'You cannot change your own role.'
                  : 'Student accounts keep their role.'
                : undefined
            }
            data={(roles.includes(user.role) ? roles : [user.role, ...roles]).map((r) => ({
              value: r,
              label: ROLE_LABELS[r],
            }))}
            value={form.values.role}
            error={form.errors.role}
            onChange={(v) => v && form.set('role', v as RoleName)}
          />
        </SimpleGrid>
        {DEPARTMENT_ROLES.includes(form.values.role) && me.role !== 'DEPARTMENT_ADMIN' && (
          <DepartmentSelect
            label="Department"
            description="Moving someone with current mentor assignments is refused until those end."
            valueLabel={user.departmentName ?? undefined}
            value={form.values.departmentId}
            error={form.errors.departmentId}
            onChange={(v) => form.set('departmentId', v)}
          />
        )}
        <FormAlert message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditUserDialog({
  user,
  onClose,
}: {
  user: UserSummary | null;
  onClose(): void;
}): ReactElement {
  const detail = useQuery({
    queryKey: ['users:get', user?.id],
    queryFn: () => call('users:get', { id: user?.id ?? '' }),
    enabled: user !== null,
  });
  return (
    <Modal
      lockScroll={false}
      opened={user !== null}
      onClose={onClose}
      title={user ? `Edit ${user.firstName} ${user.lastName}` : ''}
      centered
      size="lg"
    >
      <QueryState isLoading={detail.isPending} error={detail.error} onRetry={() => void detail.refetch()}>
        {detail.data && <EditForm key={detail.data.updatedAt} user={detail.data} onClose={onClose} />}
        {detail.data && (
          <Text size="xs" c="dimmed" mt="sm">
            Every change is recorded in the audit log.
          </Text>
        )}
      </QueryState>
    </Modal>
  );
}

import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { DepartmentDto } from '../../../shared/contract/departments.contract.ts';
import { CONTRACT, type CallInput } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { RemoteSelect } from '../users/RemoteSelect.tsx';
import { useTypedForm } from '../users/use-typed-form.ts';

interface Values {
  institutionId: string | null;
  name: string;
  code: string;
}

function DepartmentForm({
  department,
  chooseInstitution,
  onClose,
}: {
  department: DepartmentDto | null;
  chooseInstitution: boolean;
  onClose(): void;
}): ReactElement {
  const client = useQueryClient();
  const schema = department ? CONTRACT['departments:update'].input : CONTRACT['departments:create'].input;
  const initial: Values = department
    ? { institutionId: department.institutionId, name: department.name, code: department.code }
    : { institutionId: null, name: '', code: '' };
  const form = useTypedForm(
    schema,
    initial,
    (v): CallInput<'departments:create'> | CallInput<'departments:update'> =>
      department
        ? {
            id: department.id,
            name: v.name.trim() === department.name ? undefined : v.name,
            code: v.code.trim() === department.code ? undefined : v.code,
          }
        : { institutionId: v.institutionId ?? undefined, name: v.name, code: v.code },
  );
  const [institutionError, setInstitutionError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    const missing = !department && chooseInstitution && !form.values.institutionId;
    setInstitutionError(missing ? 'Choose the institution.' : undefined);
    if (!input || missing) return;
    setBusy(true);
    try {
      if (department) await call('departments:update', input as CallInput<'departments:update'>);
      else await call('departments:create', input as CallInput<'departments:create'>);
      await invalidateCalls(client, ['departments:list', 'institutions:list']);
      onClose();
    } catch (err) {
      form.showError(err);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        {department ? (
          <Text size="sm" c="dimmed">
            {department.institutionName} · {department.mentorCount} mentors, {department.studentCount}{' '}
            students
          </Text>
        ) : (
          chooseInstitution && (
            <RemoteSelect
              label="Institution"
              required
              placeholder="Choose the institution"
              queryKey={['institutions:list']}
              load={async (search) =>
                (await call('institutions:list', { search: search || undefined, pageSize: 100 })).rows.map(
                  (i) => ({
                    value: i.id,
                    label: `${i.name} (${i.code})`,
                  }),
                )
              }
              value={form.values.institutionId}
              error={institutionError ?? form.errors.institutionId}
              onChange={(v) => form.set('institutionId', v)}
            />
          )
        )}
        <TextInput
          label="Department name"
          placeholder="Electronics and Communication Engineering"
          required
          maxLength={255}
          value={form.values.name}
          error={form.errors.name}
          onChange={(e) => form.set('name', e.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label="Code"
          placeholder="ECE"
          description="2 to 20 letters or digits; used on reports, exports and roster imports."
          required
          maxLength={20}
          w={260}
          value={form.values.code}
          error={form.errors.code}
          onChange={(e) => form.set('code', e.currentTarget.value.toUpperCase())}
        />
        <FormAlert message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {department ? 'Save changes' : 'Add department'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function DepartmentDialog({
  opened,
  department,
  chooseInstitution,
  onClose,
}: {
  opened: boolean;
  department: DepartmentDto | null;
  chooseInstitution: boolean;
  onClose(): void;
}): ReactElement {
  return (
    <Modal
      lockScroll={false}
      opened={opened}
      onClose={onClose}
      title={department ? `Edit ${department.name}` : 'Add a department'}
      centered
      size="lg"
    >
      {opened && (
        <DepartmentForm department={department} chooseInstitution={chooseInstitution} onClose={onClose} />
      )}
    </Modal>
  );
}

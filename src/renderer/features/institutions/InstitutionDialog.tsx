import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { InstitutionDto } from '../../../shared/contract/institutions.contract.ts';
import { CONTRACT, type CallInput } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { useTypedForm } from '../users/use-typed-form.ts';

interface Values {
  name: string;
  code: string;
  address: string;
  contactEmail: string;
}

const EMPTY: Values = { name: '', code: '', address: '', contactEmail: '' };
const valuesOf = (i: InstitutionDto): Values => ({
  name: i.name,
  code: i.code,
  address: i.address ?? '',
  contactEmail: i.contactEmail ?? '',
});

function updateInput(i: InstitutionDto, v: Values): CallInput<'institutions:update'> {
  const before = valuesOf(i);
  const changed = (k: keyof Values): string | undefined => (v[k].trim() === before[k] ? undefined : v[k]);
  return {
    id: i.id,
    name: changed('name'),
    code: changed('code'),
    address: changed('address'),
    contactEmail: changed('contactEmail'),
  };
}

function InstitutionForm({
  institution,
  codeLocked,
  onClose,
}: {
  institution: InstitutionDto | null;
  codeLocked: boolean;
  onClose(): void;
}): ReactElement {
  const client = useQueryClient();
  const editing = institution !== null;
  const schema = editing ? CONTRACT['institutions:update'].input : CONTRACT['institutions:create'].input;
  const form = useTypedForm(schema, institution ? valuesOf(institution) : EMPTY, (v) =>
    institution ? updateInput(institution, v) : v,
  );
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy(true);
    try {
      if (institution) await call('institutions:update', input as CallInput<'institutions:update'>);
      else await call('institutions:create', input as CallInput<'institutions:create'>);
      await invalidateCalls(client, ['institutions:list']);
      onClose();
    } catch (err) {
      form.showError(err);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="md" style={{ gridTemplateColumns: '3fr 1fr' }}>
          <TextInput
            label="Name"
            required
            maxLength={255}
            value={form.values.name}
            error={form.errors.name}
            onChange={(e) => form.set('name', e.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label="Code"
            required
            maxLength={20}
            description={codeLocked ? 'Only a system administrator changes it.' : undefined}
            disabled={codeLocked}
            value={form.values.code}
            error={form.errors.code}
            onChange={(e) => form.set('code', e.currentTarget.value.toUpperCase())}
          />
        </SimpleGrid>
        <Textarea
          label="Address"
          autosize
          minRows={2}
          maxRows={4}
          maxLength={1000}
          value={form.values.address}
          error={form.errors.address}
          onChange={(e) => form.set('address', e.currentTarget.value)}
        />
        <TextInput
          label="Contact email"
          type="email"
          value={form.values.contactEmail}
          error={form.errors.contactEmail}
          onChange={(e) => form.set('contactEmail', e.currentTarget.value)}
        />
        <FormAlert message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {editing ? 'Save changes' : 'Add institution'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Add (institution = null) or edit an institution. */
export function InstitutionDialog({
  opened,
  institution,
  codeLocked,
  onClose,
}: {
  opened: boolean;
  institution: InstitutionDto | null;
  codeLocked: boolean;
  onClose(): void;
}): ReactElement {
  return (
    <Modal
      lockScroll={false}
      opened={opened}
      onClose={onClose}
      title={institution ? `Edit ${institution.name}` : 'Add an institution'}
      centered
      size="lg"
    >
      {opened && <InstitutionForm institution={institution} codeLocked={codeLocked} onClose={onClose} />}
    </Modal>
  );
}

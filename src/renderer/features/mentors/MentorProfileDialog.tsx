import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { CONTRACT, type CallInput } from '../../../shared/contract/index.ts';
import type { MentorRow } from '../../../shared/contract/mentors.contract.ts';
import { AVAILABILITY_STATUSES, type AvailabilityStatus } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { AVAILABILITY } from '../students/badges.tsx';
import { numberOrNull, useTypedForm } from '../users/use-typed-form.ts';

interface Values {
  designation: string;
  specialization: string;
  maxMentees: number | string;
  capacityDefault: number | string;
  availabilityStatus: AvailabilityStatus;
}

const valuesOf = (m: MentorRow): Values => ({
  designation: m.designation ?? '',
  specialization: m.specialization ?? '',
  maxMentees: m.maxMentees,
  capacityDefault: m.capacityDefault,
  availabilityStatus: m.availabilityStatus,
});

function toInput(m: MentorRow, v: Values): CallInput<'mentors:update-profile'> {
  const changed = <T,>(now: T, before: T): T | undefined => (now === before ? undefined : now);
  return {
    id: m.id,
    designation: changed(v.designation.trim(), m.designation ?? ''),
    specialization: changed(v.specialization.trim(), m.specialization ?? ''),
    // A cleared number is sent as NaN so the schema says "required" instead of silently keeping it.
    maxMentees: changed(numberOrNull(v.maxMentees) ?? Number.NaN, m.maxMentees),
    capacityDefault: changed(numberOrNull(v.capacityDefault) ?? Number.NaN, m.capacityDefault),
    availabilityStatus: changed(v.availabilityStatus, m.availabilityStatus),
  };
}

function ProfileForm({ mentor, onClose }: { mentor: MentorRow; onClose(): void }): ReactElement {
  const client = useQueryClient();
  const form = useTypedForm(CONTRACT['mentors:update-profile'].input, valuesOf(mentor), (v) =>
    toInput(mentor, v),
  );
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy(true);
    try {
      await call('mentors:update-profile', input);
      await invalidateCalls(client, ['mentors:list', 'assignments:workload']);
      onClose();
    } catch (err) {
      form.showError(err);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={2} spacing="md">
          <TextInput
            label="Designation"
            placeholder="Assistant Professor"
            maxLength={100}
            value={form.values.designation}
            error={form.errors.designation}
            onChange={(e) => form.set('designation', e.currentTarget.value)}
            data-autofocus
          />
          <Select
            label="Availability"
            data={AVAILABILITY_STATUSES.map((s) => ({ value: s, label: AVAILABILITY[s].label }))}
            allowDeselect={false}
            value={form.values.availabilityStatus}
            error={form.errors.availabilityStatus}
            onChange={(v) => v && form.set('availabilityStatus', v as AvailabilityStatus)}
          />
        </SimpleGrid>
        <TextInput
          label="Specialization"
          description="Matched against students’ programs when auto-assigning."
          maxLength={255}
          value={form.values.specialization}
          error={form.errors.specialization}
          onChange={(e) => form.set('specialization', e.currentTarget.value)}
        />
        <SimpleGrid cols={2} spacing="md">
          <NumberInput
            label="Maximum mentees"
            description={`Now mentoring ${mentor.activeMentees}.`}
            min={0}
            max={500}
            allowDecimal={false}
            value={form.values.maxMentees}
            error={form.errors.maxMentees}
            onChange={(v) => form.set('maxMentees', v)}
          />
          <NumberInput
            label="Usual capacity"
            description="The department’s default for this mentor."
            min={0}
            max={500}
            allowDecimal={false}
            value={form.values.capacityDefault}
            error={form.errors.capacityDefault}
            onChange={(v) => form.set('capacityDefault', v)}
          />
        </SimpleGrid>
        {mentor.activeMentees > (numberOrNull(form.values.maxMentees) ?? Infinity) && (
          <Text size="sm" c="orange.8">
            The new maximum is below the {mentor.activeMentees} current mentees. Nobody is moved, but no new
            mentees can be assigned without an override.
          </Text>
        )}
        <FormAlert message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function MentorProfileDialog({
  mentor,
  onClose,
}: {
  mentor: MentorRow | null;
  onClose(): void;
}): ReactElement {
  return (
    <Modal
      lockScroll={false}
      opened={mentor !== null}
      onClose={onClose}
      title={mentor ? `Mentor profile: ${mentor.firstName} ${mentor.lastName}` : ''}
      centered
      size="lg"
    >
      {mentor && <ProfileForm mentor={mentor} onClose={onClose} />}
    </Modal>
  );
}

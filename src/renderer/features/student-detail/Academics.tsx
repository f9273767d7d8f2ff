import { useState, type FormEvent, type ReactElement } from 'react';
import { Button, Group, Modal, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { CONTRACT, type CallInput } from '../../../shared/contract/index.ts';
import type { StudentDetail } from '../../../shared/contract/students.contract.ts';
import { call } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IN_CARD_BELOW_PX } from '../../components/data-table/use-fit-height.ts';
import { IconPencil } from '../../components/icons.tsx';
import { formatGpa, formatPercent } from '../../format.ts';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { RiskBadge } from '../students/badges.tsx';
import { numberOrNull, useTypedForm } from '../users/use-typed-form.ts';

interface Values {
  gpa: number | string;
  attendancePct: number | string;
  program: string;
  yearOfStudy: number | string;
}

const valuesOf = (s: StudentDetail): Values => ({
  gpa: s.gpa ?? '',
  attendancePct: s.attendancePct ?? '',
  program: s.program ?? '',
  yearOfStudy: s.yearOfStudy ?? '',
});

/** Only what changed goes to the core: it re-evaluates risk when GPA or attendance move. */
function changedInput(s: StudentDetail, v: Values): CallInput<'students:update-academics'> {
  const gpa = numberOrNull(v.gpa);
  const attendance = numberOrNull(v.attendancePct);
  const year = numberOrNull(v.yearOfStudy);
  return {
    id: s.id,
    gpa: gpa !== s.gpa ? gpa : undefined,
    attendancePct: attendance !== s.attendancePct ? attendance : undefined,
    program: v.program.trim() !== (s.program ?? '') ? v.program : undefined,
    yearOfStudy: year !== s.yearOfStudy ? year : undefined,
  };
}

export function Fact({ label, value }: { label: string; value: string }): ReactElement {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} truncate title={value}>
        {value}
      </Text>
    </Stack>
  );
}

function AcademicsForm({ student, onClose }: { student: StudentDetail; onClose(): void }): ReactElement {
  const client = useQueryClient();
  const schema = CONTRACT['students:update-academics'].input;
  const form = useTypedForm(schema, valuesOf(student), (v) => changedInput(student, v));
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy(true);
    try {
      await call('students:update-academics', input);
      await invalidateCalls(client, ['students:get', 'students:list', 'alerts:list']);
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
          <NumberInput
            label="GPA"
            description="10-point scale, two decimals"
            min={0}
            max={10}
            decimalScale={2}
            step={0.1}
            value={form.values.gpa}
            error={form.errors.gpa}
            onChange={(v) => form.set('gpa', v)}
            data-autofocus
          />
          <NumberInput
            label="Attendance (%)"
            description="0 to 100, two decimals"
            min={0}
            max={100}
            decimalScale={2}
            suffix="%"
            value={form.values.attendancePct}
            error={form.errors.attendancePct}
            onChange={(v) => form.set('attendancePct', v)}
          />
          <TextInput
            label="Program"
            maxLength={100}
            value={form.values.program}
            error={form.errors.program}
            onChange={(e) => form.set('program', e.currentTarget.value)}
          />
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
        <Text size="xs" c="dimmed">
          Saving re-evaluates the student’s risk level and automatic alerts against the department’s
          thresholds.
        </Text>
        <FormAlert message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save academics
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Edit academics" and its dialog (department office and above). */
export function EditAcademicsButton({ student }: { student: StudentDetail }): ReactElement {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
        Edit academics
      </Button>
      <Modal
        lockScroll={false}
        opened={editing}
        onClose={() => setEditing(false)}
        title="Edit academics"
        centered
        size="lg"
      >
        <AcademicsForm student={student} onClose={() => setEditing(false)} />
      </Modal>
    </>
  );
}

/** The student's headline facts in one strip: academics, risk, mentor, contact. */
export function StudentFacts({ student }: { student: StudentDetail }): ReactElement {
  const mentors = student.mentors.map(
    (m) => `${m.firstName} ${m.lastName}${m.assignmentStatus === 'PAUSED' ? ' (paused)' : ''}`,
  );
  return (
    <Paper p="md" mb="lg">
      <SimpleGrid cols={8} spacing="md">
        <Fact label="GPA" value={formatGpa(student.gpa)} />
        <Fact label="Attendance" value={formatPercent(student.attendancePct)} />
        <Fact label="Program" value={student.program ?? '—'} />
        <Fact label="Year of study" value={student.yearOfStudy ? `Year ${student.yearOfStudy}` : '—'} />
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Risk level
          </Text>
          <div>
            <RiskBadge level={student.riskLevel} />
          </div>
        </Stack>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            Mentor
          </Text>
          <Text size="sm" fw={500} c={mentors.length ? undefined : 'orange.8'}>
            {mentors.length ? mentors.join(', ') : 'Unassigned'}
          </Text>
        </Stack>
        <Fact label="Email" value={student.email} />
        <Fact label="Phone" value={student.phone ?? '—'} />
      </SimpleGrid>
    </Paper>
  );
}

/** `fitBelow` of the tables in the record's tabs: they end the tab panel's card (StudentDetailPage). */
export const TAB_TABLE_BELOW = IN_CARD_BELOW_PX;

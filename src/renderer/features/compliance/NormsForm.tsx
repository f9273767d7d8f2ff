import { useState, type FormEvent, type ReactElement } from 'react';
import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { CONTRACT, type CallOutput } from '../../../shared/contract/index.ts';
import type { ComplianceNorms } from '../../../shared/contract/compliance.contract.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { useTypedForm } from '../users/use-typed-form.ts';

// Compliance norms of a department, on the department settings page next to the risk thresholds.

const FIELDS: { key: keyof ComplianceNorms; label: string; help: string; max: number }[] = [
  { key: 'minMeetingsPerSemester', label: 'Meetings per mentee per semester', help: 'At least', max: 52 },
  { key: 'maxMenteesPerMentor', label: 'Mentees per mentor', help: 'At most', max: 500 },
  {
    key: 'maxDaysWithoutContactHigh',
    label: 'Days without contact (HIGH risk)',
    help: 'At most, between contacts',
    max: 365,
  },
];

type Values = Record<keyof ComplianceNorms, number | string>;

function Form({
  view,
  departmentId,
}: {
  view: CallOutput<'compliance:get-norms'>;
  departmentId?: string;
}): ReactElement {
  const save = useWrite('compliance:set-norms', { success: 'Compliance norms saved.' });
  const form = useTypedForm(
    CONTRACT['compliance:set-norms'].input,
    view.norms as Values,
    (v) => ({
      departmentId,
      norms: Object.fromEntries(
        FIELDS.map((f) => [f.key, v[f.key] === '' ? Number.NaN : Number(v[f.key])]),
      ) as ComplianceNorms,
    }),
    (p) => p.replace(/^norms\./, ''),
  );
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const input = form.validate();
    if (!input) return;
    setBusy(true);
    try {
      await save.mutateAsync(input);
    } catch (err) {
      form.showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label="Compliance norms">
      <SimpleGrid cols={3}>
        {FIELDS.map((f) => (
          <NumberInput
            key={f.key}
            label={f.label}
            description={`${f.help} · default ${view.defaults[f.key]}`}
            min={1}
            max={f.max}
            allowDecimal={false}
            value={form.values[f.key]}
            error={form.errors[f.key]}
            onChange={(v) => form.set(f.key, v)}
          />
        ))}
      </SimpleGrid>
      <Stack gap="sm" mt="md">
        <FormAlert message={form.formError} />
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => form.reset(view.defaults as Values)} disabled={busy}>
            Fill in the defaults
          </Button>
          <Button type="submit" loading={busy}>
            Save norms
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function NormsForm({ departmentId }: { departmentId?: string }): ReactElement {
  const q = useCall('compliance:get-norms', { departmentId });
  return (
    <Paper p="md" mt="xl">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Compliance norms
        </Title>
        {q.data &&
          (q.data.isDefault ? (
            <Badge size="sm" color="gray">
              Using the defaults
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              saved {formatDateTime(q.data.updatedAt)}
            </Text>
          ))}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        What the compliance sheet checks each semester (January–June, July–December). Shortfalls are reminded
        once per shortfall and period.
      </Text>
      <QueryState isLoading={q.isPending} error={q.error} onRetry={() => void q.refetch()}>
        {q.data && (
          <Form
            key={`${q.data.departmentId}:${q.data.updatedAt ?? ''}`}
            view={q.data}
            departmentId={departmentId}
          />
        )}
      </QueryState>
    </Paper>
  );
}

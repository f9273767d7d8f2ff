import { useState, type ReactElement } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import type { AutoAssignPreview } from '../../../shared/contract/assignments.contract.ts';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { call, errorMessage } from '../../api.ts';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { plural } from '../../format.ts';
import { LoadBar } from '../mentors/LoadBar.tsx';
import { ASSIGNMENT_VIEWS, invalidateCalls } from './invalidate.ts';

// Bulk auto-assign: the core plans (unassigned active students over available mentors by remaining
// capacity, specialization matched to program first), the office reviews the plan and may leave
// pairs out, then commits. Pairs that stopped fitting meanwhile come back as skipped.

type Pair = AutoAssignPreview['plan'][number];
type Result = CallOutput<'assignments:auto-assign-commit'>;
const column = createColumnHelper<Pair>();

function planColumns(excluded: Set<string>, toggle: (id: string) => void): DataTableProps<Pair>['columns'] {
  return [
    column.display({
      id: 'include',
      header: 'Assign',
      size: 70,
      cell: (c) => (
        <Checkbox
          checked={!excluded.has(c.row.original.studentId)}
          onChange={() => toggle(c.row.original.studentId)}
          aria-label={`Include ${c.row.original.studentName}`}
        />
      ),
    }),
    column.accessor('studentName', { header: 'Student', size: 190 }),
    column.accessor('rollNumber', {
      header: 'Roll number',
      size: 120,
      cell: (c) => c.row.original.rollNumber ?? '—',
    }),
    column.accessor('program', { header: 'Program', cell: (c) => c.row.original.program ?? '—' }),
    column.accessor('mentorName', { header: 'Mentor', size: 180 }),
    column.accessor('matched', {
      header: 'Match',
      size: 130,
      cell: (c) =>
        c.row.original.matched ? (
          <Badge color="teal">Specialization</Badge>
        ) : (
          <Text span size="xs" c="dimmed">
            By capacity
          </Text>
        ),
    }),
  ];
}

function Preview({
  preview,
  excluded,
  toggle,
}: {
  preview: AutoAssignPreview;
  excluded: Set<string>;
  toggle(id: string): void;
}): ReactElement {
  const [sorting, setSorting] = useState<SortingState>([]);
  return (
    <Tabs defaultValue="plan">
      <Tabs.List mb="sm">
        <Tabs.Tab value="plan">Planned pairs ({preview.plan.length})</Tabs.Tab>
        <Tabs.Tab value="mentors">Mentor load after ({preview.mentors.length})</Tabs.Tab>
        {preview.unplaced.length > 0 && (
          <Tabs.Tab value="unplaced">Not placed ({preview.unplaced.length})</Tabs.Tab>
        )}
      </Tabs.List>
      <Tabs.Panel value="plan">
        <DataTable
          sorting={sorting}
          onSortingChange={setSorting}
          label="Planned assignments"
          columns={planColumns(excluded, toggle)}
          data={preview.plan}
          getRowId={(p) => p.studentId}
          height={340}
          empty={
            <EmptyView title="Nothing to plan" description="Every active student already has a mentor." />
          }
        />
      </Tabs.Panel>
      <Tabs.Panel value="mentors">
        <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
          {preview.mentors.map((m) => (
            <Group key={m.mentorId} justify="space-between" wrap="nowrap">
              <Text size="sm" truncate>
                {m.mentorName}
                {m.activeAfter > m.activeBefore && (
                  <Text span size="xs" c="teal.8">
                    {' '}
                    +{m.activeAfter - m.activeBefore}
                  </Text>
                )}
              </Text>
              <LoadBar active={m.activeAfter} max={m.maxMentees} width={70} />
            </Group>
          ))}
        </SimpleGrid>
      </Tabs.Panel>
      <Tabs.Panel value="unplaced">
        <List size="sm" spacing={4}>
          {preview.unplaced.map((u) => (
            <List.Item key={u.studentId}>
              <b>{u.studentName}</b>: {u.reason}
            </List.Item>
          ))}
        </List>
      </Tabs.Panel>
    </Tabs>
  );
}

function Outcome({ result }: { result: Result }): ReactElement {
  return (
    <Stack gap="sm">
      <Alert color="teal" variant="light" title={`${plural(result.created.length, 'student')} assigned`}>
        Mentors and students are notified of their new pairing.
      </Alert>
      {result.skipped.length > 0 && (
        <Alert color="orange" variant="light" title={`${plural(result.skipped.length, 'pair')} skipped`}>
          <List size="sm" spacing={2}>
            {result.skipped.map((s) => (
              <List.Item key={s.studentId}>{s.reason}</List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

export function AutoAssignDialog({
  departmentId,
  onClose,
}: {
  departmentId: string | null;
  onClose(): void;
}): ReactElement {
  const client = useQueryClient();
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [result, setResult] = useState<Result | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const preview = useQuery({
    queryKey: ['assignments:auto-assign-preview', departmentId],
    queryFn: () => call('assignments:auto-assign-preview', { departmentId: departmentId ?? '' }),
    enabled: departmentId !== null && result === null,
    staleTime: 0,
    gcTime: 0,
  });
  const plan = (preview.data?.plan ?? []).filter((p) => !excluded.has(p.studentId));
  const toggle = (id: string): void =>
    setExcluded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const close = (): void => {
    if (busy) return;
    setExcluded(new Set());
    setResult(null);
    setError(null);
    onClose();
  };
  const commit = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('assignments:auto-assign-commit', {
        departmentId: departmentId ?? '',
        plan: plan.map((p) => ({ studentId: p.studentId, mentorId: p.mentorId })),
      });
      setResult(r);
      await invalidateCalls(client, ASSIGNMENT_VIEWS);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      lockScroll={false}
      opened={departmentId !== null}
      onClose={close}
      title="Auto-assign mentors"
      centered
      size="70rem"
    >
      <Stack gap="md">
        {result ? (
          <Outcome result={result} />
        ) : (
          <QueryState
            isLoading={preview.isPending}
            error={preview.error}
            onRetry={() => void preview.refetch()}
          >
            {preview.data && (
              <>
                <Text size="sm">
                  Students without a mentor are spread over available mentors by remaining capacity; a mentor
                  whose specialization matches the student’s program is preferred. Untick any pair to leave it
                  out. Nothing changes until you confirm.
                </Text>
                <Preview preview={preview.data} excluded={excluded} toggle={toggle} />
              </>
            )}
          </QueryState>
        )}
        <FormAlert message={error} />
        <Group justify="flex-end" gap="sm">
          {result ? (
            <Button onClick={close}>Done</Button>
          ) : (
            <>
              <Button variant="default" onClick={close} disabled={busy}>
                Cancel
              </Button>
              <Button onClick={() => void commit()} loading={busy} disabled={plan.length === 0}>
                {busy
                  ? `Assigning ${plural(plan.length, 'student')}…`
                  : `Assign ${plural(plan.length, 'student')}`}
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

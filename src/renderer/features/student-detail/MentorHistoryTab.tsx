import { useState, type ReactElement } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import type { AssignmentRow } from '../../../shared/contract/assignments.contract.ts';
import type { StudentDetail } from '../../../shared/contract/students.contract.ts';
import { call } from '../../api.ts';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { TAB_TABLE_BELOW } from './Academics.tsx';
import { formatDate } from '../../format.ts';
import { AssignmentActions } from '../assignments/AssignmentActions.tsx';
import { MentorChoiceDialog, type MentorChoice } from '../assignments/MentorChoiceDialog.tsx';
import { ASSIGNMENT_STATUS, ToneBadge } from '../students/badges.tsx';

const column = createColumnHelper<AssignmentRow>();
const columns = [
  column.accessor('mentorName', {
    header: 'Mentor',
    size: 180,
    cell: (c) => (
      <Text span size="sm" fw={500}>
        {c.getValue()}
      </Text>
    ),
  }),
  column.accessor('status', {
    header: 'Status',
    size: 90,
    cell: (c) => <ToneBadge tone={ASSIGNMENT_STATUS[c.getValue()]} />,
  }),
  column.accessor('assignedAt', { header: 'From', size: 110, cell: (c) => formatDate(c.getValue()) }),
  column.accessor('endedAt', { header: 'Until', size: 110, cell: (c) => formatDate(c.getValue(), '—') }),
  column.accessor('assignedByName', { header: 'Assigned by', size: 140, cell: (c) => c.getValue() ?? '—' }),
  column.accessor('notes', {
    header: 'Office notes',
    cell: (c) => (
      <Text span size="sm" c={c.getValue() ? undefined : 'dimmed'} title={c.getValue() ?? undefined}>
        {c.getValue() ?? '—'}
      </Text>
    ),
  }),
  column.display({
    id: 'actions',
    header: '',
    size: 52,
    cell: (c) => <AssignmentActions row={c.row.original} />,
  }),
];

export function MentorHistoryTab({
  student,
  canManage,
}: {
  student: StudentDetail;
  canManage: boolean;
}): ReactElement {
  const [choice, setChoice] = useState<MentorChoice | null>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const query = useQuery({
    queryKey: ['assignments:history', student.id],
    queryFn: () => call('assignments:history', { studentId: student.id }),
  });
  const rows = query.data?.rows ?? [];
  const hasCurrent = rows.some((r) => r.status !== 'ENDED');
  const name = `${student.firstName} ${student.lastName}`;
  const assign = (): void =>
    setChoice({ kind: 'assign', student: { id: student.id, name }, departmentId: student.departmentId });
  return (
    <>
      {canManage && !hasCurrent && rows.length > 0 && (
        <Group justify="space-between" mb="sm">
          <Text size="sm" c="orange.8" fw={500}>
            {student.firstName} has no mentor at the moment.
          </Text>
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={assign}>
            Assign mentor
          </Button>
        </Group>
      )}
      <DataTable
        label="Mentor history"
        columns={canManage ? columns : columns.slice(0, -1)}
        data={rows}
        sorting={sorting}
        onSortingChange={setSorting}
        getRowId={(r) => r.id}
        fitBelow={TAB_TABLE_BELOW}
        isLoading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
        empty={
          <EmptyView
            title="No mentor yet"
            description={`${student.firstName} has never been assigned a mentor.`}
            action={
              canManage ? (
                <Button leftSection={<IconPlus size={16} />} onClick={assign}>
                  Assign mentor
                </Button>
              ) : undefined
            }
          />
        }
      />
      <MentorChoiceDialog choice={choice} onClose={() => setChoice(null)} />
    </>
  );
}

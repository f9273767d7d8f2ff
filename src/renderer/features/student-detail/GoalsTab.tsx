import type { ReactElement } from 'react';
import { Group, Progress, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { GoalRow } from '../../../shared/contract/goals.contract.ts';
import type { GoalCategory, GoalStatus } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { EmptyView } from '../../components/StateViews.tsx';
import { TAB_TABLE_BELOW } from './Academics.tsx';
import { formatDate } from '../../format.ts';
import { ToneBadge, type Tone } from '../students/badges.tsx';

const GOAL_STATUS: Readonly<Record<GoalStatus, Tone>> = {
  NOT_STARTED: { label: 'Not started', color: 'gray' },
  IN_PROGRESS: { label: 'In progress', color: 'blue' },
  AT_RISK: { label: 'At risk', color: 'orange' },
  COMPLETED: { label: 'Completed', color: 'teal' },
};
const CATEGORY: Readonly<Record<GoalCategory, string>> = {
  ACADEMIC: 'Academic',
  BEHAVIORAL: 'Behavioural',
  CAREER: 'Career',
  WELLNESS: 'Wellness',
};

const column = createColumnHelper<GoalRow>();
const columns = [
  column.accessor('title', {
    id: 'title',
    header: 'Goal',
    cell: (c) => (
      <Text span size="sm" fw={500} title={c.row.original.description ?? c.getValue()}>
        {c.getValue()}
      </Text>
    ),
  }),
  column.accessor('category', {
    header: 'Category',
    enableSorting: false,
    size: 110,
    cell: (c) => CATEGORY[c.getValue()],
  }),
  column.accessor('targetDate', {
    id: 'targetDate',
    header: 'Target date',
    size: 130,
    cell: (c) => (
      <Text
        span
        size="sm"
        c={c.row.original.overdue ? 'red.7' : undefined}
        fw={c.row.original.overdue ? 600 : undefined}
      >
        {formatDate(c.getValue())}
        {c.row.original.overdue ? ' (overdue)' : ''}
      </Text>
    ),
  }),
  column.accessor('status', {
    header: 'Status',
    enableSorting: false,
    size: 110,
    cell: (c) => <ToneBadge tone={GOAL_STATUS[c.getValue()]} />,
  }),
  column.accessor('progressPct', {
    id: 'progressPct',
    header: 'Progress',
    size: 150,
    cell: (c) => (
      <Group gap={8} wrap="nowrap">
        <Progress value={c.getValue()} w={80} size="sm" aria-label="Progress" />
        <Text span size="xs" c="dimmed">
          {c.getValue()}%
        </Text>
      </Group>
    ),
  }),
];

export function GoalsTab({ studentId }: { studentId: string }): ReactElement {
  const { tableProps } = useServerTable({
    callName: 'goals:list',
    filters: { studentId },
    fetchPage: (q) => call('goals:list', q),
    defaultSort: { sort: 'targetDate' as const, dir: 'asc' },
    pageSize: 25,
  });
  return (
    <DataTable
      label="Goals"
      columns={columns}
      getRowId={(g) => g.id}
      fitBelow={TAB_TABLE_BELOW}
      {...tableProps}
      empty={<EmptyView title="No goals yet" description="Goals are set by the student or the mentor." />}
    />
  );
}

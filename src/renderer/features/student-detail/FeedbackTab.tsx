import type { ReactElement } from 'react';
import { Badge, Rating, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { FeedbackRow } from '../../../shared/contract/feedback.contract.ts';
import type { FeedbackVisibility } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { EmptyView } from '../../components/StateViews.tsx';
import { TAB_TABLE_BELOW } from './Academics.tsx';
import { formatDate } from '../../format.ts';

const VISIBILITY: Readonly<Record<FeedbackVisibility, { label: string; color: string }>> = {
  MENTOR: { label: 'Shared with mentor', color: 'blue' },
  STUDENT: { label: 'Shared with student', color: 'teal' },
  DEPARTMENT_ADMIN: { label: 'Department only', color: 'grape' },
};

const column = createColumnHelper<FeedbackRow>();
const columns = [
  column.accessor('sessionDate', {
    id: 'sessionDate',
    header: 'Session',
    size: 120,
    cell: (c) => formatDate(c.getValue()),
  }),
  column.accessor('type', {
    header: 'From → to',
    enableSorting: false,
    size: 220,
    cell: (c) => (
      <Text span size="sm">
        {c.row.original.giverName} → {c.row.original.recipientName}
      </Text>
    ),
  }),
  column.accessor('rating', {
    id: 'rating',
    header: 'Rating',
    size: 120,
    cell: (c) => <Rating value={c.getValue()} readOnly size="sm" aria-label={`${c.getValue()} of 5`} />,
  }),
  column.accessor('comments', {
    header: 'Comments',
    enableSorting: false,
    cell: (c) => (
      <Text span size="sm" c={c.getValue() ? undefined : 'dimmed'} title={c.getValue() ?? undefined}>
        {c.getValue() ?? 'No comment'}
      </Text>
    ),
  }),
  column.accessor('visibility', {
    header: 'Visibility',
    enableSorting: false,
    size: 160,
    cell: (c) => <Badge color={VISIBILITY[c.getValue()].color}>{VISIBILITY[c.getValue()].label}</Badge>,
  }),
];

export function FeedbackTab({ studentId }: { studentId: string }): ReactElement {
  const { tableProps } = useServerTable({
    callName: 'feedback:list',
    filters: { studentId },
    fetchPage: (q) => call('feedback:list', q),
    defaultSort: { sort: 'createdAt' as const, dir: 'desc' },
    pageSize: 25,
  });
  return (
    <DataTable
      label="Feedback"
      columns={columns}
      getRowId={(f) => f.id}
      fitBelow={TAB_TABLE_BELOW}
      {...tableProps}
      empty={<EmptyView title="No feedback yet" description="Feedback is given after completed sessions." />}
    />
  );
}

import type { ReactElement } from 'react';
import { Anchor, Badge, Stack, Text, Tooltip } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { AlertRowDto } from '../../../shared/contract/alerts.contract.ts';
import { formatDateTime } from '../../format.ts';
import type { DataTableProps } from '../../components/data-table/DataTable.tsx';
import { ALERT_CATEGORY, SeverityBadge } from '../students/badges.tsx';
import { CloseAlertButton } from './CloseAlertButton.tsx';

const column = createColumnHelper<AlertRowDto>();

function StatusCell({ alert }: { alert: AlertRowDto }): ReactElement {
  if (alert.status === 'OPEN') return <CloseAlertButton alert={alert} />;
  const by = alert.closedByName ?? 'the system';
  return (
    <Tooltip
      label={alert.closingNote ?? 'Closed automatically: the student no longer meets the rule.'}
      multiline
      w={300}
      withArrow
    >
      <Badge color="gray" tabIndex={0}>
        Closed by {by}
      </Badge>
    </Tooltip>
  );
}

export function alertColumns({
  withStudent,
}: {
  withStudent: boolean;
}): DataTableProps<AlertRowDto>['columns'] {
  const student = column.accessor('studentName', {
    id: 'student',
    header: 'Student',
    size: 180,
    cell: (c) => (
      <Stack gap={0}>
        <Anchor
          component={Link}
          to={`/students/${c.row.original.studentId}`}
          size="sm"
          fw={500}
          c="inherit"
          truncate
        >
          {c.getValue()}
        </Anchor>
        <Text span size="xs" c="dimmed">
          {c.row.original.rollNumber ?? ''}
        </Text>
      </Stack>
    ),
  });
  return [
    column.accessor('createdAt', {
      id: 'createdAt',
      header: 'Raised',
      size: 140,
      cell: (c) => formatDateTime(c.getValue()),
    }),
    column.accessor('severity', {
      id: 'severity',
      header: 'Severity',
      size: 92,
      cell: (c) => <SeverityBadge severity={c.getValue()} />,
    }),
    ...(withStudent ? [student] : []),
    column.accessor('category', {
      header: 'Category',
      enableSorting: false,
      size: 96,
      cell: (c) => ALERT_CATEGORY[c.row.original.category],
    }),
    column.accessor('message', {
      header: 'Concern',
      enableSorting: false,
      cell: (c) => (
        <Text span size="sm" lineClamp={2} title={c.getValue()} style={{ whiteSpace: 'normal' }}>
          {c.row.original.source === 'manual' && (
            <Text span size="xs" c="grape.8" fw={600}>
              Raised by staff:{' '}
            </Text>
          )}
          {c.getValue()}
        </Text>
      ),
    }),
    column.display({
      id: 'status',
      header: 'Status',
      size: 130,
      cell: (c) => <StatusCell alert={c.row.original} />,
    }),
  ];
}

import { Badge, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { ComplianceMentee, ComplianceMentor } from '../../../shared/contract/compliance.contract.ts';
import type { DataTableProps } from '../../components/data-table/DataTable.tsx';
import { formatDate } from '../../format.ts';
import { RiskBadge } from '../students/badges.tsx';

// Columns of the compliance sheet: one table per mentor, one per mentee. A number over a norm is
// shown in red, so the eye finds who is short.

const mentor = createColumnHelper<ComplianceMentor>();
const mentee = createColumnHelper<ComplianceMentee>();

const short = (n: number) => (
  <Text span size="sm" c={n > 0 ? 'red' : undefined} fw={n > 0 ? 600 : undefined}>
    {n}
  </Text>
);

export const MENTOR_COLUMNS: DataTableProps<ComplianceMentor>['columns'] = [
  mentor.accessor('mentorName', { header: 'Mentor', size: 220 }),
  mentor.accessor('activeMentees', { header: 'Active mentees', size: 120, meta: { align: 'right' } }),
  mentor.accessor('overLoadBy', {
    header: 'Over the maximum by',
    size: 150,
    meta: { align: 'right' },
    cell: (c) => short(c.getValue()),
  }),
  mentor.accessor('menteesShort', {
    header: 'Mentees short',
    size: 120,
    meta: { align: 'right' },
    cell: (c) => short(c.getValue()),
  }),
  mentor.accessor('meetingsShort', {
    header: 'Meetings missing',
    size: 130,
    meta: { align: 'right' },
    cell: (c) => short(c.getValue()),
  }),
  mentor.accessor('highRiskOverdue', {
    header: 'HIGH risk overdue',
    size: 140,
    meta: { align: 'right' },
    cell: (c) => short(c.getValue()),
  }),
  mentor.accessor('compliant', {
    header: 'Status',
    size: 120,
    cell: (c) =>
      c.getValue() ? (
        <Badge color="teal" variant="light">
          Meets norms
        </Badge>
      ) : (
        <Badge color="red" variant="light">
          Short
        </Badge>
      ),
  }),
];

export function menteeColumns(minMeetings: number): DataTableProps<ComplianceMentee>['columns'] {
  return [
    mentee.accessor('studentName', {
      header: 'Student',
      size: 220,
      cell: (c) => (
        <Stack gap={0}>
          <Text span size="sm" fw={500} truncate>
            {c.getValue()}
          </Text>
          <Text span size="xs" c="dimmed">
            {c.row.original.rollNumber}
          </Text>
        </Stack>
      ),
    }),
    mentee.accessor('mentorName', { header: 'Mentor', size: 180 }),
    mentee.accessor('riskLevel', {
      header: 'Risk',
      size: 100,
      cell: (c) => <RiskBadge level={c.getValue()} />,
    }),
    mentee.accessor('meetings', {
      header: `Meetings (of ${minMeetings})`,
      size: 140,
      meta: { align: 'right' },
    }),
    mentee.accessor('meetingsShort', {
      header: 'Short by',
      size: 100,
      meta: { align: 'right' },
      cell: (c) => short(c.getValue()),
    }),
    mentee.accessor('daysWithoutContact', {
      header: 'Days without contact',
      size: 170,
      meta: { align: 'right' },
      cell: (c) =>
        c.getValue() === null ? (
          '—'
        ) : (
          <Text
            span
            size="sm"
            c={c.row.original.contactOverdueBy > 0 ? 'red' : undefined}
            fw={c.row.original.contactOverdueBy > 0 ? 600 : undefined}
          >
            {c.getValue()}
            {c.row.original.lastContactAt
              ? ` (since ${formatDate(c.row.original.lastContactAt)})`
              : ' (never met)'}
          </Text>
        ),
    }),
  ];
}

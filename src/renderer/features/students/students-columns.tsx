import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { StudentRow } from '../../../shared/contract/students.contract.ts';
import { formatGpa, formatPercent } from '../../format.ts';
import { RiskBadge } from './badges.tsx';

export type StudentSortKey = NonNullable<CallInput<'students:list'>['sort']>;

const column = createColumnHelper<StudentRow>();

export const mentorNames = (s: StudentRow): string =>
  s.mentors
    .map((m) => `${m.firstName} ${m.lastName}${m.assignmentStatus === 'PAUSED' ? ' (paused)' : ''}`)
    .join(', ');

export const studentColumns = [
  column.accessor((s) => `${s.lastName}, ${s.firstName}`, {
    id: 'name' satisfies StudentSortKey,
    header: 'Name',
    size: 210,
    cell: (c) => {
      const s = c.row.original;
      return (
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/students/${s.id}`} size="sm" fw={500} truncate c="inherit">
            {s.firstName} {s.lastName}
          </Anchor>
          {s.status !== 'ACTIVE' && (
            <Badge size="xs" color={s.status === 'DISABLED' ? 'gray' : 'yellow'}>
              {s.status === 'DISABLED' ? 'Disabled' : 'Invited'}
            </Badge>
          )}
        </Group>
      );
    },
  }),
  column.accessor('rollNumber', {
    id: 'rollNumber' satisfies StudentSortKey,
    header: 'Roll number',
    size: 120,
  }),
  column.accessor('program', {
    id: 'program' satisfies StudentSortKey,
    header: 'Program',
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('yearOfStudy', {
    id: 'yearOfStudy' satisfies StudentSortKey,
    header: 'Year',
    size: 70,
    meta: { align: 'right' },
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('gpa', {
    id: 'gpa' satisfies StudentSortKey,
    header: 'GPA',
    size: 76,
    meta: { align: 'right' },
    cell: (c) => formatGpa(c.getValue()),
  }),
  column.accessor('attendancePct', {
    id: 'attendancePct' satisfies StudentSortKey,
    header: 'Attendance',
    size: 112,
    meta: { align: 'right' },
    cell: (c) => formatPercent(c.getValue()),
  }),
  column.accessor('riskLevel', {
    id: 'riskLevel' satisfies StudentSortKey,
    header: 'Risk',
    size: 90,
    cell: (c) => <RiskBadge level={c.getValue()} />,
  }),
  column.accessor(mentorNames, {
    id: 'mentors',
    header: 'Mentor',
    enableSorting: false,
    size: 190,
    cell: (c) =>
      c.getValue() ? (
        <Text span size="sm" truncate>
          {c.getValue()}
        </Text>
      ) : (
        <Text span size="sm" c="orange.8" fw={500}>
          Unassigned
        </Text>
      ),
  }),
];

/** Department column, for admins who see more than one department. */
export const departmentColumn = column.accessor('departmentName', {
  header: 'Department',
  enableSorting: false,
  size: 150,
  cell: (c) => c.getValue() ?? '—',
});

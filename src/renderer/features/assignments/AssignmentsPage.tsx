import { useState, type ReactElement } from 'react';
import { Anchor, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { AssignmentRow } from '../../../shared/contract/assignments.contract.ts';
import { ASSIGNMENT_STATUSES } from '../../../shared/domain/enums.ts';
import { seesManyDepartments } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconPlus, IconSearch, IconWand } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount, formatDate } from '../../format.ts';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { MentorSelect } from '../mentors/MentorSelect.tsx';
import { ASSIGNMENT_STATUS, ToneBadge } from '../students/badges.tsx';
import { oneOf, useUrlFilters } from '../students/url-filters.ts';
import { AssignmentActions } from './AssignmentActions.tsx';
import { AutoAssignDialog } from './AutoAssignDialog.tsx';
import { MentorChoiceDialog, type MentorChoice } from './MentorChoiceDialog.tsx';

const column = createColumnHelper<AssignmentRow>();
const columns = [
  column.accessor('studentName', {
    id: 'student',
    header: 'Student',
    size: 210,
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
  }),
  column.accessor('mentorName', { id: 'mentor', header: 'Mentor', size: 180 }),
  column.accessor('status', {
    id: 'status',
    header: 'Status',
    size: 100,
    cell: (c) => <ToneBadge tone={ASSIGNMENT_STATUS[c.getValue()]} />,
  }),
  column.accessor('assignedAt', {
    id: 'assignedAt',
    header: 'Since',
    size: 120,
    cell: (c) => formatDate(c.getValue()),
  }),
  column.accessor('endedAt', {
    header: 'Ended',
    enableSorting: false,
    size: 120,
    cell: (c) => formatDate(c.getValue()),
  }),
  column.accessor('assignedByName', {
    header: 'By',
    enableSorting: false,
    size: 150,
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('notes', {
    header: 'Office notes',
    enableSorting: false,
    cell: (c) => (
      <Text span size="sm" c={c.getValue() ? undefined : 'dimmed'} title={c.getValue() ?? undefined} truncate>
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

export function AssignmentsPage(): ReactElement {
  const { user } = useCurrentUser();
  const url = useUrlFilters();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [choice, setChoice] = useState<MentorChoice | null>(null);
  const [autoFor, setAutoFor] = useState<string | null>(null);
  const multi = seesManyDepartments(user.role);
  const departmentId = (multi ? url.get('department') : user.departmentId) || undefined;
  const statusParam = url.get('status');
  const status = statusParam === 'ALL' ? undefined : (oneOf(statusParam, ASSIGNMENT_STATUSES) ?? 'ACTIVE');
  const filters = {
    search: debounced || undefined,
    status,
    mentorId: url.get('mentor') || undefined,
    departmentId,
  };
  const { tableProps, total } = useServerTable({
    callName: 'assignments:list',
    filters,
    fetchPage: (q) => call('assignments:list', q),
    defaultSort: { sort: 'assignedAt' as const, dir: 'desc' },
    pageSize: 100,
  });

  return (
    <>
      <PageHeader
        title="Assignments"
        description="Who mentors whom. Assign, pause, reassign or end a pairing; auto-assign students who have no mentor."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconWand size={16} />}
              disabled={!departmentId}
              title={departmentId ? undefined : 'Choose a department first'}
              onClick={() => setAutoFor(departmentId ?? null)}
            >
              Auto-assign…
            </Button>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setChoice({ kind: 'assign', departmentId })}
            >
              Assign mentor
            </Button>
          </>
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Student, roll number or mentor"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={260}
        />
        {multi && <UrlDepartmentSelect label="Department" url={url} w={220} />}
        <MentorSelect
          label="Mentor"
          departmentId={departmentId}
          value={url.get('mentor')}
          valueLabel={url.get('mentorName') ?? undefined}
          onChange={(v, o) => url.set({ mentor: v, mentorName: o?.label })}
          w={200}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Status
          </Text>
          <SegmentedControl
            value={status ?? 'ALL'}
            onChange={(v) => url.set({ status: v === 'ACTIVE' ? null : v })}
            data={[
              ...ASSIGNMENT_STATUSES.map((s) => ({ value: s, label: ASSIGNMENT_STATUS[s].label })),
              { value: 'ALL', label: 'All' },
            ]}
          />
        </Stack>
        <Text size="sm" c="dimmed" ml="auto" mb={8}>
          {tableProps.isLoading ? '' : `${formatCount(total)} assignment${total === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <DataTable
        label="Assignments"
        columns={columns}
        getRowId={(a) => a.id}
        rowHeight={50}
        {...tableProps}
        empty={
          <EmptyView
            title={debounced || filters.mentorId ? 'No assignments match' : 'No assignments here'}
            description={
              status === 'ACTIVE'
                ? 'Assign mentors one by one, or auto-assign everyone without a mentor.'
                : 'Change or clear the filters.'
            }
          />
        }
      />
      <MentorChoiceDialog choice={choice} onClose={() => setChoice(null)} />
      <AutoAssignDialog departmentId={autoFor} onClose={() => setAutoFor(null)} />
    </>
  );
}

import { useMemo, useState, type ReactElement } from 'react';
import { ActionIcon, Checkbox, Group, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { MentorRow } from '../../../shared/contract/mentors.contract.ts';
import { AVAILABILITY_STATUSES } from '../../../shared/domain/enums.ts';
import { hasCapability, seesManyDepartments } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconDots, IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount } from '../../format.ts';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { AVAILABILITY, ToneBadge, toneOptions } from '../students/badges.tsx';
import { oneOf, useUrlFilters } from '../students/url-filters.ts';
import { LoadBar } from './LoadBar.tsx';
import { MentorProfileDialog } from './MentorProfileDialog.tsx';

type SortKey = NonNullable<CallInput<'mentors:list'>['sort']>;
const column = createColumnHelper<MentorRow>();

const menteesLink = (m: MentorRow): string =>
  `/students?mentor=${m.id}&mentorName=${encodeURIComponent(`${m.firstName} ${m.lastName}`)}`;

function mentorColumns(
  canEdit: boolean,
  multi: boolean,
  onEdit: (m: MentorRow) => void,
): DataTableProps<MentorRow>['columns'] {
  return [
    column.accessor((m) => `${m.lastName}, ${m.firstName}`, {
      id: 'name' satisfies SortKey,
      header: 'Name',
      size: 200,
      cell: (c) => (
        <Stack gap={0}>
          <Text span size="sm" fw={500} truncate>
            {c.row.original.firstName} {c.row.original.lastName}
          </Text>
          <Text span size="xs" c="dimmed" truncate>
            {c.row.original.email}
          </Text>
        </Stack>
      ),
    }),
    column.accessor('designation', {
      id: 'designation' satisfies SortKey,
      header: 'Designation',
      size: 170,
      cell: (c) => c.row.original.designation ?? '—',
    }),
    ...(multi
      ? [
          column.accessor('departmentName', {
            header: 'Department',
            enableSorting: false,
            size: 160,
            cell: (c) => c.row.original.departmentName ?? '—',
          }),
        ]
      : []),
    column.accessor('specialization', {
      header: 'Specialization',
      enableSorting: false,
      cell: (c) => c.row.original.specialization ?? '—',
    }),
    column.accessor('availabilityStatus', {
      id: 'availabilityStatus' satisfies SortKey,
      header: 'Availability',
      size: 120,
      cell: (c) => <ToneBadge tone={AVAILABILITY[c.row.original.availabilityStatus]} />,
    }),
    column.accessor('activeMentees', {
      id: 'activeMentees' satisfies SortKey,
      header: 'Mentees / limit',
      size: 170,
      meta: { align: 'right' },
      cell: (c) => <LoadBar active={c.row.original.activeMentees} max={c.row.original.maxMentees} />,
    }),
    column.accessor('pausedMentees', {
      header: 'Paused',
      enableSorting: false,
      size: 80,
      meta: { align: 'right' },
      cell: (c) => c.row.original.pausedMentees || '—',
    }),
    column.display({
      id: 'actions',
      header: '',
      size: 52,
      cell: (c) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Actions for ${c.row.original.firstName} ${c.row.original.lastName}`}
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item component={Link} to={menteesLink(c.row.original)}>
              Show mentees
            </Menu.Item>
            {canEdit && (
              <Menu.Item onClick={() => onEdit(c.row.original)}>Edit profile and capacity…</Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      ),
    }),
  ];
}

export function MentorsPage(): ReactElement {
  const { user } = useCurrentUser();
  const url = useUrlFilters();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [editing, setEditing] = useState<MentorRow | null>(null);
  const multi = seesManyDepartments(user.role);
  const canEdit = hasCapability(user.role, 'editMentorProfiles');
  const columns = useMemo(() => mentorColumns(canEdit, multi, setEditing), [canEdit, multi]);
  const filters = {
    search: debounced || undefined,
    availabilityStatus: oneOf(url.get('availability'), AVAILABILITY_STATUSES),
    hasCapacity: url.get('capacity') === '1' ? true : undefined,
    departmentId: url.get('department') || undefined,
    status: 'ACTIVE' as const,
  };
  const { tableProps, total } = useServerTable({
    callName: 'mentors:list',
    filters,
    fetchPage: (q) => call('mentors:list', q),
    defaultSort: { sort: 'name' as SortKey, dir: 'asc' },
    pageSize: 100,
  });
  return (
    <>
      <PageHeader
        title="Mentors"
        description={`Faculty mentoring in your ${multi ? 'institution' : 'department'}: how many mentees each has against their limit.`}
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Name or email"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={240}
        />
        {multi && <UrlDepartmentSelect label="Department" url={url} w={220} />}
        <Select
          label="Availability"
          placeholder="Any"
          clearable
          data={toneOptions(AVAILABILITY)}
          value={filters.availabilityStatus ?? null}
          onChange={(v) => url.set({ availability: v })}
          w={150}
        />
        <Checkbox
          label="Has room for more mentees"
          checked={filters.hasCapacity === true}
          onChange={(e) => url.set({ capacity: e.currentTarget.checked ? '1' : null })}
          mb={8}
        />
        <Text size="sm" c="dimmed" ml="auto" mb={8}>
          {tableProps.isLoading ? '' : `${formatCount(total)} mentor${total === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <DataTable
        label="Mentors"
        columns={columns}
        getRowId={(m) => m.id}
        rowHeight={50}
        {...tableProps}
        empty={
          debounced || filters.availabilityStatus || filters.hasCapacity ? (
            <EmptyView title="No mentors match" description="Change the search or clear the filters." />
          ) : (
            <EmptyView
              title="No mentors yet"
              description="Create mentor accounts on the Users page or import a mentor roster."
            />
          )
        }
      />
      <MentorProfileDialog mentor={editing} onClose={() => setEditing(null)} />
    </>
  );
}

import { useMemo, useState, type ReactElement } from 'react';
import { Anchor, Button, Group, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { DepartmentDto } from '../../../shared/contract/departments.contract.ts';
import { canCall } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconPencil, IconPlus, IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount, formatDate } from '../../format.ts';
import { DepartmentDialog } from './DepartmentDialog.tsx';

const column = createColumnHelper<DepartmentDto>();

function departmentColumns(
  multiInstitution: boolean,
  onEdit?: (d: DepartmentDto) => void,
): DataTableProps<DepartmentDto>['columns'] {
  return [
    column.accessor('name', {
      id: 'name',
      header: 'Department',
      cell: (c) => (
        <Anchor
          component={Link}
          to={`/departments/${c.row.original.id}/dashboard`}
          size="sm"
          fw={500}
          c="inherit"
        >
          {c.row.original.name}
        </Anchor>
      ),
    }),
    column.accessor('code', { id: 'code', header: 'Code', size: 100 }),
    ...(multiInstitution
      ? [column.accessor('institutionName', { id: 'institution', header: 'Institution', size: 240 })]
      : []),
    column.accessor('mentorCount', {
      header: 'Mentors',
      enableSorting: false,
      size: 100,
      meta: { align: 'right' },
      cell: (c) => formatCount(c.row.original.mentorCount),
    }),
    column.accessor('studentCount', {
      header: 'Students',
      enableSorting: false,
      size: 100,
      meta: { align: 'right' },
      cell: (c) => formatCount(c.row.original.studentCount),
    }),
    column.accessor('createdAt', {
      id: 'createdAt',
      header: 'Added',
      size: 130,
      cell: (c) => formatDate(c.row.original.createdAt),
    }),
    column.display({
      id: 'edit',
      header: '',
      size: 90,
      cell: (c) =>
        onEdit && (
          <Button
            size="compact-sm"
            variant="subtle"
            leftSection={<IconPencil size={14} />}
            onClick={() => onEdit(c.row.original)}
          >
            Edit
          </Button>
        ),
    }),
  ];
}

export function DepartmentsPage(): ReactElement {
  const { user } = useCurrentUser();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [dialog, setDialog] = useState<{ department: DepartmentDto | null } | null>(null);
  const mayManage = canCall(user.role, 'departments:create');
  const columns = useMemo(
    () =>
      departmentColumns(
        user.role === 'SUPER_ADMIN',
        mayManage ? (d) => setDialog({ department: d }) : undefined,
      ),
    [user.role, mayManage],
  );
  const { tableProps, total } = useServerTable({
    callName: 'departments:list',
    filters: { search: debounced || undefined },
    fetchPage: (q) => call('departments:list', q),
    defaultSort: { sort: 'name' as const, dir: 'asc' },
  });
  return (
    <>
      <PageHeader
        title="Departments"
        description="Each department has its own office (department administrators), mentors, students and risk thresholds."
        actions={
          mayManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ department: null })}>
              Add department
            </Button>
          )
        }
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Name or code"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Text size="sm" c="dimmed" ml="auto" mb={8}>
          {tableProps.isLoading ? '' : `${formatCount(total)} department${total === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <DataTable
        label="Departments"
        columns={columns}
        getRowId={(d) => d.id}
        {...tableProps}
        empty={
          <EmptyView
            title={debounced ? 'No department matches' : 'No departments yet'}
            description={
              mayManage && !debounced ? 'Add the first department of your institution.' : undefined
            }
          />
        }
      />
      <DepartmentDialog
        opened={dialog !== null}
        department={dialog?.department ?? null}
        chooseInstitution={user.role === 'SUPER_ADMIN'}
        onClose={() => setDialog(null)}
      />
    </>
  );
}

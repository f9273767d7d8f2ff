import { useMemo, useState, type ReactElement } from 'react';
import { Button, Group, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper } from '@tanstack/react-table';
import type { InstitutionDto } from '../../../shared/contract/institutions.contract.ts';
import { canCall } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconPencil, IconPlus, IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatDate } from '../../format.ts';
import { InstitutionDialog } from './InstitutionDialog.tsx';

const column = createColumnHelper<InstitutionDto>();

export function InstitutionsPage(): ReactElement {
  const { user } = useCurrentUser();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [dialog, setDialog] = useState<{ institution: InstitutionDto | null } | null>(null);
  const mayCreate = canCall(user.role, 'institutions:create');
  const mayEdit = canCall(user.role, 'institutions:update');
  const { tableProps } = useServerTable({
    callName: 'institutions:list',
    filters: { search: debounced || undefined },
    fetchPage: (q) => call('institutions:list', q),
    defaultSort: { sort: 'name' as const, dir: 'asc' },
  });
  const columns = useMemo(
    () => [
      column.accessor('name', {
        id: 'name',
        header: 'Institution',
        cell: (c) => (
          <Text span size="sm" fw={500}>
            {c.getValue()}
          </Text>
        ),
      }),
      column.accessor('code', { id: 'code', header: 'Code', size: 100 }),
      column.accessor('contactEmail', {
        header: 'Contact',
        enableSorting: false,
        size: 240,
        cell: (c) => c.getValue() ?? '—',
      }),
      column.accessor('departmentCount', {
        header: 'Departments',
        enableSorting: false,
        size: 120,
        meta: { align: 'right' },
      }),
      column.accessor('createdAt', {
        id: 'createdAt',
        header: 'Added',
        size: 130,
        cell: (c) => formatDate(c.getValue()),
      }),
      column.display({
        id: 'edit',
        header: '',
        size: 90,
        cell: (c) =>
          mayEdit && (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPencil size={14} />}
              onClick={() => setDialog({ institution: c.row.original })}
            >
              Edit
            </Button>
          ),
      }),
    ],
    [mayEdit],
  );
  return (
    <>
      <PageHeader
        title="Institutions"
        description={
          mayCreate
            ? 'Every institution on this system.'
            : 'Your institution’s details as they appear on reports.'
        }
        actions={
          mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog({ institution: null })}>
              Add institution
            </Button>
          )
        }
      />
      <Group mb="md">
        <TextInput
          label="Search"
          placeholder="Name or code"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
      </Group>
      <DataTable
        label="Institutions"
        columns={columns}
        getRowId={(i) => i.id}
        onRowActivate={(i) => mayEdit && setDialog({ institution: i })}
        {...tableProps}
        empty={<EmptyView title={debounced ? 'No institution matches' : 'No institutions yet'} />}
      />
      <InstitutionDialog
        opened={dialog !== null}
        institution={dialog?.institution ?? null}
        codeLocked={user.role !== 'SUPER_ADMIN' && dialog?.institution !== null}
        onClose={() => setDialog(null)}
      />
    </>
  );
}

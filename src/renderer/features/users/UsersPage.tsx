import { useMemo, useState, type ReactElement } from 'react';
import { Badge, Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper } from '@tanstack/react-table';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { UserSummary } from '../../../shared/contract/users.contract.ts';
import { ROLE_NAMES, USER_STATUSES, type RoleName, type UserStatus } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { hasCapability } from '../../../shared/permissions.ts';
import { ROLE_LABELS } from '../../app/navigation.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconPlus, IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { oneOf } from '../students/url-filters.ts';
import { CreateUserDialog } from './CreateUserDialog.tsx';
import { EditUserDialog } from './EditUserDialog.tsx';
import { OneTimeCodeDialog, type OneTimeCode } from './OneTimeCodeDialog.tsx';
import { UserActions } from './UserActions.tsx';

type UsersQuery = CallInput<'users:list'>;
type SortKey = NonNullable<UsersQuery['sort']>;

export const STATUS_LABELS: Readonly<Record<UserStatus, { label: string; color: string }>> = {
  ACTIVE: { label: 'Active', color: 'green' },
  INVITED: { label: 'Invited', color: 'yellow' },
  DISABLED: { label: 'Disabled', color: 'gray' },
};

const column = createColumnHelper<UserSummary>();
const columns = [
  column.accessor((u) => `${u.lastName}, ${u.firstName}`, {
    id: 'name' satisfies SortKey,
    header: 'Name',
    size: 170,
    cell: (c) => (
      <Text span size="sm" fw={500}>
        {c.row.original.firstName} {c.row.original.lastName}
      </Text>
    ),
  }),
  column.accessor('email', { id: 'email' satisfies SortKey, header: 'Email', size: 210 }),
  column.accessor('role', {
    id: 'role' satisfies SortKey,
    header: 'Role',
    size: 160,
    cell: (c) => ROLE_LABELS[c.getValue()],
  }),
  column.accessor('status', {
    id: 'status' satisfies SortKey,
    header: 'Status',
    size: 90,
    cell: (c) => (
      <Badge variant="light" color={STATUS_LABELS[c.getValue()].color} radius="sm">
        {STATUS_LABELS[c.getValue()].label}
      </Badge>
    ),
  }),
  column.accessor('departmentName', {
    header: 'Department',
    enableSorting: false,
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('rollNumber', {
    id: 'rollNumber' satisfies SortKey,
    header: 'Roll number',
    size: 110,
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('lastLoginAt', {
    id: 'lastLoginAt' satisfies SortKey,
    header: 'Last sign-in',
    size: 150,
    cell: (c) => formatDateTime(c.getValue(), 'Never'),
  }),
];

function actionsColumn(
  myId: string,
  onEdit: (u: UserSummary) => void,
  onCode: (c: OneTimeCode) => void,
): DataTableProps<UserSummary>['columns'][number] {
  return column.display({
    id: 'actions',
    header: '',
    size: 44,
    cell: (c) =>
      c.row.original.id === myId ? null : (
        <UserActions user={c.row.original} onEdit={onEdit} onCode={onCode} />
      ),
  });
}

export function UsersPage(): ReactElement {
  const { user: me } = useCurrentUser();
  const [params] = useSearchParams();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<RoleName | null>(null);
  const [status, setStatus] = useState<UserStatus | null>(oneOf(params.get('status'), USER_STATUSES) ?? null);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [code, setCode] = useState<OneTimeCode | null>(null);
  const mayManage = hasCapability(me.role, 'manageUsers');
  const tableColumns = useMemo(
    () => (mayManage ? [...columns, actionsColumn(me.id, setEditing, setCode)] : columns),
    [mayManage, me.id],
  );
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const filtered = Boolean(debouncedSearch || role || status);

  const { tableProps } = useServerTable({
    callName: 'users:list',
    filters: { search: debouncedSearch || undefined, role: role ?? undefined, status: status ?? undefined },
    fetchPage: (query) => call('users:list', query),
    defaultSort: { sort: 'name' as SortKey, dir: 'asc' },
  });

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone with an account in your part of the institution."
        actions={
          mayManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Add user
            </Button>
          )
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Name, email or roll number"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={300}
        />
        <Select
          label="Role"
          placeholder="All roles"
          clearable
          data={ROLE_NAMES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          value={role}
          onChange={(v) => setRole(v as RoleName | null)}
          w={230}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={USER_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s].label }))}
          value={status}
          onChange={(v) => setStatus(v as UserStatus | null)}
          w={160}
        />
      </Group>
      <DataTable
        label="Users"
        columns={tableColumns}
        getRowId={(u) => u.id}
        {...tableProps}
        empty={
          filtered ? (
            <EmptyView title="No users match" description="Change the search or clear the filters." />
          ) : (
            <EmptyView
              title="No users yet"
              description="Accounts appear here when they are created or imported."
            />
          )
        }
      />
      <CreateUserDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          setCode(c);
        }}
      />
      <EditUserDialog user={editing} onClose={() => setEditing(null)} />
      <OneTimeCodeDialog code={code} onClose={() => setCode(null)} />
    </>
  );
}

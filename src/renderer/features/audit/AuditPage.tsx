import '@mantine/dates/styles.css';
import { useMemo, useState, type ReactElement } from 'react';
import { Anchor, Autocomplete, Button, Code, Group, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { createColumnHelper } from '@tanstack/react-table';
import type { AuditRowDto } from '../../../shared/contract/audit.contract.ts';
import { CONTRACT } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount, formatDateTime } from '../../format.ts';
import { ExportButton } from '../students/ExportButton.tsx';
import { useUrlFilters } from '../students/url-filters.ts';
import { AuditDrawer } from './AuditDrawer.tsx';
import { changeSummary } from './audit-diff.ts';
import { UserSelect } from './UserSelect.tsx';

// Actions are the call names of writes (the core records each write under its call's name) plus
// the sign-in events and the risk engine's own entries; entities are the tables written.
const ACTIONS = [
  ...Object.entries(CONTRACT)
    .filter(([, def]) => def.write)
    .map(([name]) => name),
  'auth:login-failed',
  'risk:level',
  'risk:raise-alert',
  'risk:update-alert',
  'risk:close-alert',
].sort();
const ENTITIES = [
  'alerts',
  'attachments',
  'auth',
  'departments',
  'feedback',
  'goal_updates',
  'goals',
  'institutions',
  'mentor_assignments',
  'mentor_profiles',
  'mentoring_sessions',
  'notifications',
  'student_profiles',
  'user_profiles',
  'users',
];

/** Local calendar days as the half-open ISO range the call takes: [from 00:00, day after `to`). */
function dayRange(range: [string | null, string | null]): { from?: string; to?: string } {
  const [from, to] = range;
  const start = (day: string, plusDays = 0): string => {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y!, m! - 1, d! + plusDays).toISOString();
  };
  return { from: from ? start(from) : undefined, to: to ? start(to, 1) : undefined };
}

const column = createColumnHelper<AuditRowDto>();
const columns = (open: (r: AuditRowDto) => void): DataTableProps<AuditRowDto>['columns'] => [
  column.accessor('createdAt', {
    id: 'createdAt',
    header: 'When',
    size: 160,
    cell: (c) => formatDateTime(c.row.original.createdAt),
  }),
  column.accessor('userName', {
    header: 'Who',
    size: 200,
    cell: (c) => (
      <Text span size="sm" title={c.row.original.userEmail ?? undefined}>
        {c.row.original.userName ?? 'The system'}
      </Text>
    ),
  }),
  column.accessor('action', {
    header: 'Action',
    size: 220,
    cell: (c) => (
      <Anchor component="button" size="sm" onClick={() => open(c.row.original)}>
        <Code>{c.row.original.action}</Code>
      </Anchor>
    ),
  }),
  column.accessor('entity', { header: 'Record', size: 160 }),
  column.display({
    id: 'changes',
    header: 'Fields',
    cell: (c) => (
      <Text span size="sm" c="dimmed">
        {changeSummary(c.row.original.before, c.row.original.after) || '—'}
      </Text>
    ),
  }),
];

export function AuditPage(): ReactElement {
  const url = useUrlFilters();
  const [range, setRange] = useState<[string | null, string | null]>([url.get('from'), url.get('to')]);
  const [entity, setEntity] = useState(url.get('entity') ?? '');
  const [action, setAction] = useState(url.get('action') ?? '');
  const [open, setOpen] = useState<AuditRowDto | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const tableColumns = useMemo(() => columns(setOpen), []);
  const filters = {
    userId: url.get('user') || undefined,
    entity: url.get('entity') || undefined,
    action: url.get('action') || undefined,
    entityId: url.get('entityId') || undefined,
    ...dayRange([url.get('from'), url.get('to')]),
  };
  const { tableProps, total } = useServerTable({
    callName: 'audit:list',
    filters,
    fetchPage: (q) => call('audit:list', q),
    defaultSort: { sort: 'createdAt' as const, dir: 'desc' },
    pageSize: 100,
  });
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const commit = (key: 'entity' | 'action', value: string): void => url.set({ [key]: value.trim() });

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in and every change, newest first. Open an entry to see what changed."
        actions={
          <ExportButton table="audit" filter={filters} disabled={total === 0} onError={setExportError} />
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <UserSelect
          label="User"
          value={url.get('user')}
          valueLabel={url.get('userName') ?? undefined}
          onChange={(v, o) => url.set({ user: v, userName: o?.label })}
          w={220}
        />
        <Autocomplete
          label="Action"
          placeholder="Any action"
          data={ACTIONS}
          value={action}
          onChange={setAction}
          onOptionSubmit={(v) => commit('action', v)}
          onBlur={() => commit('action', action)}
          onKeyDown={(e) => e.key === 'Enter' && commit('action', action)}
          limit={30}
          w={190}
        />
        <Autocomplete
          label="Record"
          placeholder="Any record type"
          data={ENTITIES}
          value={entity}
          onChange={setEntity}
          onOptionSubmit={(v) => commit('entity', v)}
          onBlur={() => commit('entity', entity)}
          onKeyDown={(e) => e.key === 'Enter' && commit('entity', entity)}
          w={160}
        />
        <DatePickerInput
          type="range"
          label="Dates"
          placeholder="Any date"
          clearable
          allowSingleDateInRange
          valueFormat="D MMM YYYY"
          maxDate={new Date()}
          value={range}
          onChange={(v) => {
            const next: [string | null, string | null] = [
              v[0] ? String(v[0]) : null,
              v[1] ? String(v[1]) : null,
            ];
            setRange(next);
            if (!next[0] || next[1]) url.set({ from: next[0], to: next[1] ?? next[0] });
          }}
          w={210}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setEntity('');
              setAction('');
              setRange([null, null]);
              url.clear();
            }}
          >
            Clear filters
          </Button>
        )}
        <Text size="sm" c="dimmed" ml="auto" mb={8}>
          {tableProps.isLoading ? '' : `${formatCount(total)} entr${total === 1 ? 'y' : 'ies'}`}
        </Text>
      </Group>
      <FormAlert message={exportError} />
      <DataTable
        label="Audit log"
        columns={tableColumns}
        getRowId={(r) => String(r.id)}
        onRowActivate={(r) => setOpen(r)}
        {...tableProps}
        empty={
          <EmptyView
            title={filtered ? 'No entries match' : 'Nothing recorded yet'}
            description={filtered ? 'Change or clear the filters.' : undefined}
          />
        }
      />
      <AuditDrawer row={open} onClose={() => setOpen(null)} />
    </>
  );
}

import { useMemo, useState, type ReactElement } from 'react';
import { Anchor, Badge } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { SessionRow } from '../../../shared/contract/sessions.contract.ts';
import { call } from '../../api.ts';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { EmptyView } from '../../components/StateViews.tsx';
import { TAB_TABLE_BELOW } from './Academics.tsx';
import { formatDateTime } from '../../format.ts';
import { SESSION_MODE, SESSION_STATUS, ToneBadge } from '../students/badges.tsx';
import { SessionDrawer } from './SessionDrawer.tsx';

const column = createColumnHelper<SessionRow>();
export const sessionColumns = (onOpen: (id: string) => void): DataTableProps<SessionRow>['columns'] => [
  column.accessor('sessionDate', {
    id: 'sessionDate',
    header: 'Date',
    size: 160,
    cell: (c) => formatDateTime(c.getValue()),
  }),
  column.accessor('topic', {
    header: 'Topic',
    enableSorting: false,
    cell: (c) => (
      <Anchor
        component="button"
        size="sm"
        fw={500}
        title={c.getValue()}
        onClick={() => onOpen(c.row.original.id)}
        truncate
        maw="100%"
      >
        {c.getValue()}
      </Anchor>
    ),
  }),
  column.accessor('mentorName', { header: 'Mentor', enableSorting: false, size: 160 }),
  column.accessor('mode', {
    header: 'Mode',
    enableSorting: false,
    size: 90,
    cell: (c) => SESSION_MODE[c.row.original.mode],
  }),
  column.accessor('status', {
    header: 'Status',
    enableSorting: false,
    size: 150,
    cell: (c) => {
      const s = c.row.original;
      if (s.status === 'COMPLETED' && s.attendance === 'ABSENT') return <Badge color="red">Absent</Badge>;
      return (
        <ToneBadge tone={s.requested ? { label: 'Requested', color: 'grape' } : SESSION_STATUS[s.status]} />
      );
    },
  }),
  column.accessor('actionItemsOpen', {
    header: 'Open items',
    enableSorting: false,
    size: 100,
    meta: { align: 'right' },
  }),
];

export function SessionsTab({ studentId }: { studentId: string }): ReactElement {
  const [open, setOpen] = useState<string | null>(null);
  const columns = useMemo(() => sessionColumns(setOpen), []);
  const { tableProps } = useServerTable({
    callName: 'sessions:history',
    filters: { studentId },
    fetchPage: (q) => call('sessions:history', q),
    defaultSort: { sort: 'sessionDate' as const, dir: 'desc' },
    pageSize: 25,
  });
  return (
    <>
      <DataTable
        label="Sessions"
        columns={columns}
        getRowId={(s) => s.id}
        onRowActivate={(s) => setOpen(s.id)}
        fitBelow={TAB_TABLE_BELOW}
        {...tableProps}
        empty={
          <EmptyView
            title="No sessions yet"
            description="Sessions appear when the mentor schedules or records them."
          />
        }
      />
      <SessionDrawer sessionId={open} onClose={() => setOpen(null)} />
    </>
  );
}

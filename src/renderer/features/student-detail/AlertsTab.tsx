import type { ReactElement } from 'react';
import { call } from '../../api.ts';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { EmptyView } from '../../components/StateViews.tsx';
import { TAB_TABLE_BELOW } from './Academics.tsx';
import { alertColumns } from '../alerts/alert-columns.tsx';

const columns = alertColumns({ withStudent: false });

export function AlertsTab({ studentId }: { studentId: string }): ReactElement {
  const { tableProps } = useServerTable({
    callName: 'alerts:list',
    filters: { studentId },
    fetchPage: (q) => call('alerts:list', q),
    defaultSort: { sort: 'createdAt' as const, dir: 'desc' },
    pageSize: 25,
  });
  return (
    <DataTable
      label="Alerts"
      columns={columns}
      getRowId={(a) => a.id}
      fitBelow={TAB_TABLE_BELOW}
      rowHeight={48}
      {...tableProps}
      empty={<EmptyView title="No alerts" description="Nothing has been flagged about this student." />}
    />
  );
}

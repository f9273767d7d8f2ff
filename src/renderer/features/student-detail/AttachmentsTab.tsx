import { useMemo, useState, type ReactElement } from 'react';
import { Anchor, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import type { AttachmentRow } from '../../../shared/contract/attachments.contract.ts';
import { call, errorMessage } from '../../api.ts';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { TAB_TABLE_BELOW } from './Academics.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { saveBase64 } from '../reports/download.ts';

// Files kept on the student's mentor assignments. There is no call listing every attachment of a
// student (sessions, goals and feedback carry their own), so this tab reads each assignment's.

const column = createColumnHelper<AttachmentRow>();
const columns = (download: (a: AttachmentRow) => void): DataTableProps<AttachmentRow>['columns'] => [
  column.accessor('fileName', {
    header: 'File',
    cell: (c) => (
      <Anchor
        component="button"
        size="sm"
        fw={500}
        onClick={() => download(c.row.original)}
        truncate
        maw="100%"
      >
        {c.getValue()}
      </Anchor>
    ),
  }),
  column.accessor('sizeBytes', {
    header: 'Size',
    size: 90,
    meta: { align: 'right' },
    cell: (c) => formatBytes(c.row.original.sizeBytes),
  }),
  column.accessor('ownerName', { header: 'Added by', size: 170 }),
  column.accessor('createdAt', {
    header: 'Added',
    size: 160,
    cell: (c) => formatDateTime(c.row.original.createdAt),
  }),
];

export function AttachmentsTab({ studentId }: { studentId: string }): ReactElement {
  const [error, setError] = useState<string | null>(null);
  // A stable sorting state: the DataTable's default (a new [] per render) re-renders without end.
  const [sorting, setSorting] = useState<SortingState>([]);
  const history = useQuery({
    queryKey: ['assignments:history', studentId],
    queryFn: () => call('assignments:history', { studentId }),
  });
  const lists = useQueries({
    queries: (history.data?.rows ?? []).map((a) => ({
      queryKey: ['attachments:list', 'ASSIGNMENT', a.id],
      queryFn: () => call('attachments:list', { relatedType: 'ASSIGNMENT', relatedId: a.id }),
    })),
  });
  const rows = lists.flatMap((l) => l.data?.rows ?? []);
  const tableColumns = useMemo(
    () =>
      columns((a: AttachmentRow) => {
        setError(null);
        call('attachments:download', { id: a.id }).then(
          (file) => saveBase64(file.fileName, file.mimeType, file.contentBase64),
          (err: unknown) => setError(errorMessage(err)),
        );
      }),
    [],
  );
  return (
    <>
      <FormAlert message={error} />
      <DataTable
        sorting={sorting}
        onSortingChange={setSorting}
        label="Attachments"
        columns={tableColumns}
        data={rows}
        getRowId={(a) => a.id}
        isLoading={history.isPending || lists.some((l) => l.isPending)}
        error={history.error ?? lists.find((l) => l.error)?.error}
        onRetry={() => void history.refetch()}
        // The note under the table (mt={6} and a line of xs text) stays on screen with it.
        fitBelow={TAB_TABLE_BELOW + 26}
        empty={
          <EmptyView
            title="No files"
            description="Files attached to this student’s mentor assignments appear here."
          />
        }
      />
      <Text size="xs" c="dimmed" mt={6}>
        Files on individual sessions, goals and feedback are listed with those records.
      </Text>
    </>
  );
}

import { useMemo, useState, type ReactElement } from 'react';
import { Badge, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import type { PreviewRow, RosterPreview } from '../../../shared/contract/roster.contract.ts';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount, plural } from '../../format.ts';

const ACTION = {
  create: { label: 'New', color: 'teal' },
  update: { label: 'Update', color: 'blue' },
  unchanged: { label: 'No change', color: 'gray' },
  rejected: { label: 'Problem', color: 'red' },
} as const;

type Filter = 'all' | PreviewRow['action'];
const column = createColumnHelper<PreviewRow>();

function previewColumns(preview: RosterPreview): DataTableProps<PreviewRow>['columns'] {
  const mapping = preview.mapping as Record<string, string | undefined>;
  const mapped = preview.fields.filter((f) => mapping[f.field]);
  const cells = mapped.map((f) => {
    const header = mapping[f.field]!;
    const index = preview.headers.indexOf(header);
    return column.display({
      id: `field:${f.field}`,
      header: f.label,
      size: f.field === 'email' || f.field === 'mentorEmail' ? 200 : 120,
      cell: (c) => {
        const value = c.row.original.cells[index] ?? '';
        const problem = c.row.original.problems.find((p) => p.column === header);
        if (!problem) return value;
        return (
          <Tooltip label={problem.message} multiline w={280} withArrow>
            <Text
              span
              size="sm"
              c="red.8"
              fw={600}
              bg="red.0"
              px={4}
              style={{ textDecoration: 'underline wavy', borderRadius: 3 }}
              tabIndex={0}
            >
              {value || '(empty)'}
            </Text>
          </Tooltip>
        );
      },
    });
  });
  return [
    column.accessor('row', { header: 'Row', size: 60, meta: { align: 'right' } }),
    column.accessor('action', {
      header: 'Result',
      size: 100,
      cell: (c) => (
        <Badge color={ACTION[c.row.original.action].color}>{ACTION[c.row.original.action].label}</Badge>
      ),
    }),
    column.display({
      id: 'details',
      header: 'Problems and changes',
      size: 300,
      cell: (c) => {
        const r = c.row.original;
        if (r.problems.length > 0) {
          return (
            <Text
              span
              size="sm"
              c="red.8"
              title={r.problems.map((p) => `${p.column}: ${p.message}`).join('\n')}
            >
              {r.problems.map((p) => p.message).join(' ')}
            </Text>
          );
        }
        const changes = r.changes.map((ch) => `${ch.label}: ${ch.before ?? '—'} → ${ch.after ?? '—'}`);
        return (
          <Text span size="sm" c="dimmed" title={[...changes, ...r.notes].join('\n')}>
            {[...changes, ...r.notes].join('; ') || '—'}
          </Text>
        );
      },
    }),
    ...cells,
  ];
}

/** The file's rows as the import would treat them; problems highlighted in the cell at fault. */
export function PreviewTable({ preview }: { preview: RosterPreview }): ReactElement {
  const [filter, setFilter] = useState<Filter>(preview.counts.rejected > 0 ? 'rejected' : 'all');
  const [sorting, setSorting] = useState<SortingState>([{ id: 'row', desc: false }]);
  const columns = useMemo(() => previewColumns(preview), [preview]);
  const rows = filter === 'all' ? preview.rows : preview.rows.filter((r) => r.action === filter);
  const c = preview.counts;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as Filter)}
          data={[
            { value: 'all', label: `All ${formatCount(c.rows)}` },
            { value: 'rejected', label: `Problems ${formatCount(c.rejected)}` },
            { value: 'create', label: `New ${formatCount(c.create)}` },
            { value: 'update', label: `Updates ${formatCount(c.update)}` },
            { value: 'unchanged', label: `No change ${formatCount(c.unchanged)}` },
          ]}
        />
        {c.assignments > 0 && (
          <Text size="sm" c="dimmed">
            {plural(c.assignments, 'mentor assignment')} from the Mentor email column
          </Text>
        )}
      </Group>
      <DataTable
        sorting={sorting}
        onSortingChange={setSorting}
        label="Roster rows"
        columns={columns}
        data={rows}
        getRowId={(r) => String(r.row)}
        rowHeight={38}
        empty={<EmptyView title="No rows here" description="Choose another filter." />}
      />
    </Stack>
  );
}

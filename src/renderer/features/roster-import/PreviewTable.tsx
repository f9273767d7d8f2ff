import { useMemo, useState, type ReactElement } from 'react';
import { Badge, Group, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import type { PreviewRow, RosterPreview } from '../../../shared/contract/roster.contract.ts';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount, plural } from '../../format.ts';
import { fieldWidth, fitPreview, RESULT_PX, ROW_PX } from './preview-fit.ts';

const ACTION = {
  create: { label: 'New', color: 'teal' },
  update: { label: 'Update', color: 'blue' },
  unchanged: { label: 'No change', color: 'gray' },
  rejected: { label: 'Problem', color: 'red' },
} as const;

type Filter = 'all' | PreviewRow['action'];
const column = createColumnHelper<PreviewRow>();

type Field = RosterPreview['fields'][number];

/** The file's mapped columns, in the roster's field order, and whether a row has a problem in one. */
function fileColumns(preview: RosterPreview): (Field & { faulty: boolean })[] {
  const mapping = preview.mapping as Record<string, string | undefined>;
  const faulty = new Set(preview.rows.flatMap((r) => r.problems.map((p) => p.column)));
  return preview.fields
    .filter((f) => mapping[f.field])
    .map((f) => ({ ...f, faulty: faulty.has(mapping[f.field]!) }));
}

function previewColumns(
  preview: RosterPreview,
  mapped: readonly Field[],
  problemsPx: number,
): DataTableProps<PreviewRow>['columns'] {
  const mapping = preview.mapping as Record<string, string | undefined>;
  const cells = mapped.map((f) => {
    const header = mapping[f.field]!;
    const index = preview.headers.indexOf(header);
    return column.display({
      id: `field:${f.field}`,
      header: f.label,
      size: fieldWidth(f.field),
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
    column.accessor('row', { header: 'Row', size: ROW_PX, meta: { align: 'right' } }),
    column.accessor('action', {
      header: 'Result',
      size: RESULT_PX,
      cell: (c) => (
        <Badge color={ACTION[c.row.original.action].color}>{ACTION[c.row.original.action].label}</Badge>
      ),
    }),
    column.display({
      id: 'details',
      header: 'Problems and changes',
      size: problemsPx,
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
  // As many of the file's columns as fit the card's width; the rest are named above the table.
  const { ref, width } = useElementSize();
  const files = useMemo(() => fileColumns(preview), [preview]);
  const fit = useMemo(() => fitPreview(files, width), [files, width]);
  const columns = useMemo(() => previewColumns(preview, fit.shown, fit.problemsPx), [preview, fit]);
  const rows = filter === 'all' ? preview.rows : preview.rows.filter((r) => r.action === filter);
  const c = preview.counts;
  return (
    <Stack gap="sm" ref={ref}>
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
      {width > 0 && fit.left.length > 0 && (
        <Text size="xs" c="dimmed">
          Not shown at this width: {fit.left.map((f) => f.label).join(', ')}. Their problems are listed with
          the others.
        </Text>
      )}
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

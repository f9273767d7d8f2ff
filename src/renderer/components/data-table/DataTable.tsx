import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
} from 'react';
import { Box, Group, Loader, Pagination, Paper, Table, Text, UnstyledButton } from '@mantine/core';
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Header,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { IconSort } from '../icons.tsx';
import { EmptyView, ErrorState, LoadingState } from '../StateViews.tsx';
import { nextRowIndex, pageCount, pageRange } from './table-logic.ts';
import { FOOTER_PX, useFitHeight } from './use-fit-height.ts';
import classes from './data-table.module.css';

declare module '@tanstack/react-table' {
  // Column options the DataTable reads from `meta` (TanStack's documented extension point).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    align?: 'left' | 'right' | 'center';
  }
}

export interface DataTablePagination {
  page: number;
  pageSize: number;
  total: number;
  onPageChange(page: number): void;
}

export interface DataTableProps<T> {
  /** Accessible name of the table ("Users"). */
  label: string;
  // Each column has its own value type; TanStack's ColumnDef is invariant in it, so a mixed list
  // can only be typed with `any` here (the column helpers keep each column itself typed).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  data: readonly T[];
  getRowId(row: T): string;
  isLoading?: boolean;
  /** A background refetch (new page, new sort) while the old rows stay visible. */
  isFetching?: boolean;
  error?: unknown;
  onRetry?(): void;
  /** What to show when there are no rows (say why, and what to do). */
  empty?: ReactNode;
  sorting?: SortingState;
  onSortingChange?(sorting: SortingState): void;
  /** The server sorts (list calls); otherwise the table sorts the rows it has. */
  manualSorting?: boolean;
  /** Enter or double-click on a row. */
  onRowActivate?(row: T): void;
  /**
   * Height of the scrolling body; rows outside it are not rendered. By default the table ends at
   * the bottom of the window (its footer included), wherever the page's filters put its top.
   */
  height?: number | string;
  /**
   * With the fitted height: pixels the page keeps under the table (the padding of a card around it,
   * a line of text after it), so that they end at the window's bottom instead of the table.
   */
  fitBelow?: number;
  rowHeight?: number;
  pagination?: DataTablePagination;
}

function SortableHeader<T>({ header }: { header: Header<T, unknown> }): ReactElement {
  const content = flexRender(header.column.columnDef.header, header.getContext());
  if (!header.column.getCanSort()) return <>{content}</>;
  const dir = header.column.getIsSorted();
  return (
    <UnstyledButton onClick={header.column.getToggleSortingHandler()} fw={600} fz="sm">
      <Group gap={4} wrap="nowrap">
        {content}
        <IconSort sortDir={dir} size={14} />
      </Group>
    </UnstyledButton>
  );
}

/**
 * The same columns array while its items are the same: callers often pass `cols.slice(...)` or a
 * spread, and a new array makes TanStack Table rebuild every column, row and cell on each render.
 */
function useStableColumns<C>(columns: C[]): C[] {
  const last = useRef(columns);
  const prev = last.current;
  if (prev !== columns && (prev.length !== columns.length || prev.some((c, i) => c !== columns[i]))) {
    last.current = columns;
  }
  return last.current;
}

const ariaSort = (dir: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' =>
  dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';

export function DataTable<T>(props: DataTableProps<T>): ReactElement {
  const { columns, data, sorting = [], rowHeight = 40 } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const below = (props.pagination ? FOOTER_PX : 0) + (props.fitBelow ?? 0);
  const fitted = useFitHeight(scrollRef, props.height === undefined, below);
  const height = props.height ?? fitted;
  const [active, setActive] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);

  const table = useReactTable({
    data: data as T[],
    columns: useStableColumns(columns),
    getRowId: props.getRowId,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      props.onSortingChange?.(next);
    },
    manualSorting: props.manualSorting ?? false,
    enableSortingRemoval: false,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: props.manualSorting ? undefined : getSortedRowModel(),
  });
  const rows = table.getRowModel().rows;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  // New data (another page, another sort): start again at the first row.
  useEffect(() => setActive(0), [data]);
  useEffect(() => {
    if (!focusWanted) return;
    scrollRef.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`)?.focus();
    setFocusWanted(false);
  }, [active, focusWanted, items]);

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>): void => {
    if (e.key === 'Enter' && rows[active]) {
      props.onRowActivate?.(rows[active].original);
      return;
    }
    const visible = Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight);
    const next = nextRowIndex(e.key, active, rows.length, visible);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    setFocusWanted(true);
  };

  // A cell cut off with an ellipsis shows its whole text on hover (a long topic, an e-mail address).
  // Checked on hover, not per render: measuring every cell would force a layout per row.
  const showCutText = (e: MouseEvent<HTMLElement>): void => {
    const td = (e.target as HTMLElement).closest('td');
    if (!td) return;
    // The cut may be the cell's or a line inside it (a title over its category).
    const cut = [td, ...td.querySelectorAll<HTMLElement>('*')].some((el) => el.scrollWidth > el.clientWidth);
    const text = td.innerText.trim();
    if (cut && text) td.title = text;
    else td.removeAttribute('title');
  };

  // Plain elements with Mantine's Table classes (see data-table.module.css). Rows have a fixed
  // height, so the virtualiser does not measure them: measuring each row forces a layout per row
  // and, when a row is a pixel off the estimate, a synchronous re-render of the whole table.
  const renderRow = (row: Row<T>, index: number): ReactElement => (
    <tr
      key={row.id}
      className={`${Table.classes.tr} ${classes.row}`}
      data-with-row-border
      data-hover
      data-clickable={props.onRowActivate ? true : undefined}
      data-index={index}
      tabIndex={index === active ? 0 : -1}
      aria-rowindex={index + 2}
      onFocus={() => setActive(index)}
      onDoubleClick={() => props.onRowActivate?.(row.original)}
      style={{ height: rowHeight }}
    >
      {row.getVisibleCells().map((cell) => (
        <td
          key={cell.id}
          className={`${Table.classes.td} ${classes.cell}`}
          data-align={cell.column.columnDef.meta?.align}
        >
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );

  const state = props.isLoading ? (
    <LoadingState />
  ) : props.error ? (
    <ErrorState error={props.error} onRetry={props.onRetry} />
  ) : rows.length === 0 ? (
    (props.empty ?? <EmptyView title="Nothing to show" />)
  ) : null;

  return (
    <Paper p={0} style={{ overflow: 'hidden' }}>
      <Box ref={scrollRef} h={state ? undefined : height} style={{ overflow: 'auto', position: 'relative' }}>
        <Table
          stickyHeader
          highlightOnHover
          layout="fixed"
          verticalSpacing={6}
          aria-label={props.label}
          aria-rowcount={(props.pagination?.total ?? rows.length) + 1}
          aria-busy={props.isFetching || props.isLoading || undefined}
        >
          <colgroup>
            {table.getVisibleLeafColumns().map((col) => (
              <col key={col.id} style={{ width: col.columnDef.size ? col.getSize() : undefined }} />
            ))}
          </colgroup>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => (
                  <Table.Th
                    key={header.id}
                    ta={header.column.columnDef.meta?.align}
                    style={{ whiteSpace: 'nowrap' }}
                    aria-sort={header.column.getCanSort() ? ariaSort(header.column.getIsSorted()) : undefined}
                  >
                    <SortableHeader header={header as Header<T, unknown>} />
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          {!state && (
            <Table.Tbody onKeyDown={onKeyDown} onMouseOver={showCutText}>
              {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
              {items.map((item) => renderRow(rows[item.index]!, item.index))}
              {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
            </Table.Tbody>
          )}
        </Table>
        {state}
      </Box>
      {props.pagination && <TableFooter pagination={props.pagination} busy={props.isFetching ?? false} />}
    </Paper>
  );
}

function TableFooter({ pagination, busy }: { pagination: DataTablePagination; busy: boolean }): ReactElement {
  const { page, pageSize, total, onPageChange } = pagination;
  return (
    <Group
      justify="space-between"
      px="md"
      py="xs"
      style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
    >
      <Group gap="xs">
        <Text size="sm" c="dimmed" aria-live="polite">
          {pageRange(page, pageSize, total)}
        </Text>
        {busy && <Loader size="xs" aria-label="Loading" />}
      </Group>
      <Pagination
        size="sm"
        value={page}
        total={pageCount(pageSize, total)}
        onChange={onPageChange}
        getControlProps={(control) => ({ 'aria-label': `${control} page` })}
      />
    </Group>
  );
}

import { useMemo, useState, type ReactElement } from 'react';
import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { SessionRow } from '../../../shared/contract/sessions.contract.ts';
import { call } from '../../api.ts';
import { DataTable, type DataTableProps } from '../../components/data-table/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount, formatDateTime } from '../../format.ts';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { SessionDrawer } from '../student-detail/SessionDrawer.tsx';
import { SESSION_MODE } from '../students/badges.tsx';
import { useUrlFilters } from '../students/url-filters.ts';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';

// Sessions still SCHEDULED after their time: the mentor has not recorded them. The office chases
// the mentor, or cancels a meeting that did not happen.

const DAY = 86_400_000;
const column = createColumnHelper<SessionRow>();

function daysLate(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / DAY));
}

function pendingColumns(
  now: number,
  onOpen: (id: string) => void,
  onCancel: (s: SessionRow) => void,
): DataTableProps<SessionRow>['columns'] {
  return [
    column.accessor('sessionDate', {
      header: 'Was due',
      // "10 Sept 2026, 08:30" whole, not cut.
      size: 170,
      cell: (c) => formatDateTime(c.row.original.sessionDate),
    }),
    column.accessor((s) => daysLate(s.sessionDate, now), {
      id: 'late',
      header: 'Overdue',
      size: 90,
      meta: { align: 'right' },
      cell: (c) => {
        const d = c.getValue() as number;
        return (
          <Badge color={d > 14 ? 'red' : d > 3 ? 'orange' : 'yellow'}>
            {d === 0 ? 'Today' : `${d} day${d === 1 ? '' : 's'}`}
          </Badge>
        );
      },
    }),
    column.accessor('mentorName', { header: 'Mentor', size: 150 }),
    column.accessor('studentName', {
      header: 'Student',
      size: 170,
      cell: (c) => (
        <Anchor component={Link} to={`/students/${c.row.original.studentId}`} size="sm" c="inherit" fw={500}>
          {c.row.original.studentName}
        </Anchor>
      ),
    }),
    column.accessor('topic', {
      header: 'Topic',
      // The widest column. The sizes add up to what a 1366-pixel screen leaves beside the menu;
      // a wider window shares its extra width in proportion.
      size: 280,
      cell: (c) => (
        <Anchor
          component="button"
          size="sm"
          onClick={() => onOpen(c.row.original.id)}
          truncate
          maw="100%"
          title={c.row.original.topic}
        >
          {c.row.original.topic}
        </Anchor>
      ),
    }),
    column.accessor('mode', { header: 'Mode', size: 90, cell: (c) => SESSION_MODE[c.row.original.mode] }),
    column.display({
      id: 'actions',
      header: '',
      // "Cancel…" and the cell's padding, whole.
      size: 110,
      cell: (c) => (
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => onCancel(c.row.original)}>
          Cancel…
        </Button>
      ),
    }),
  ];
}

/** The mentors with most pending sessions, as filter buttons (the list may be long; top 8). */
function ByMentor({
  rows,
  active,
  onPick,
}: {
  rows: { mentorId: string; mentorName: string; count: number }[];
  active: string | null;
  onPick(id: string | null): void;
}): ReactElement {
  const top = [...rows].sort((a, b) => b.count - a.count).slice(0, 8);
  return (
    <Group gap="xs" mb="md">
      <Text size="sm" c="dimmed" mr={4}>
        Most pending:
      </Text>
      {top.map((m) => (
        <Button
          key={m.mentorId}
          size="compact-sm"
          variant={active === m.mentorId ? 'filled' : 'light'}
          aria-pressed={active === m.mentorId}
          onClick={() => onPick(active === m.mentorId ? null : m.mentorId)}
        >
          {m.mentorName}: {m.count}
        </Button>
      ))}
      {rows.length > top.length && (
        <Text size="sm" c="dimmed">
          and {rows.length - top.length} more mentors
        </Text>
      )}
    </Group>
  );
}

export function PendingSessionsPage(): ReactElement {
  const client = useQueryClient();
  const url = useUrlFilters();
  const mentorId = url.get('mentor');
  const [open, setOpen] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<SessionRow | null>(null);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'sessionDate', desc: false }]);
  const query = useQuery({ queryKey: ['sessions:pending'], queryFn: () => call('sessions:pending', {}) });
  const now = query.dataUpdatedAt || Date.now();
  const columns = useMemo(() => pendingColumns(now, setOpen, setCancelling), [now]);
  const rows = (query.data?.rows ?? []).filter((r) => !mentorId || r.mentorId === mentorId);
  const byMentor = query.data?.byMentor ?? [];

  return (
    <>
      <PageHeader
        title="Pending sessions"
        description="Meetings still marked as scheduled after their time. The mentor records what happened, or the session is cancelled."
        actions={
          mentorId && (
            <Button variant="subtle" onClick={() => url.set({ mentor: null })}>
              Show all mentors
            </Button>
          )
        }
      />
      {byMentor.length > 0 && (
        <ByMentor rows={byMentor} active={mentorId} onPick={(id) => url.set({ mentor: id })} />
      )}
      <DataTable
        label="Pending sessions"
        columns={columns}
        data={rows}
        getRowId={(s) => s.id}
        isLoading={query.isPending}
        error={query.error}
        onRetry={() => void query.refetch()}
        sorting={sorting}
        onSortingChange={setSorting}
        onRowActivate={(s) => setOpen(s.id)}
        // The count under the table (mt="xs" and a line of sm text) stays on screen with it.
        fitBelow={32}
        empty={
          <EmptyView
            title="Nothing pending"
            description="Every past session has been recorded or cancelled."
          />
        }
      />
      {!query.isPending && (
        <Text size="sm" c="dimmed" mt="xs">
          {formatCount(rows.length)} pending session{rows.length === 1 ? '' : 's'}
          {mentorId
            ? ` for ${byMentor.find((m) => m.mentorId === mentorId)?.mentorName ?? 'this mentor'}`
            : ''}
        </Text>
      )}
      <SessionDrawer sessionId={open} onClose={() => setOpen(null)} />
      <ConfirmDialog
        opened={cancelling !== null}
        title="Cancel this session?"
        confirmLabel="Cancel session"
        color="red"
        note={{
          label: 'Reason',
          required: true,
          description: 'Sent to the mentor and the student.',
          maxLength: 500,
        }}
        onConfirm={async (reason) => {
          await call('sessions:cancel', { id: cancelling?.id ?? '', reason });
          await invalidateCalls(client, ['sessions:pending', 'sessions:history', 'sessions:list']);
        }}
        onClose={() => setCancelling(null)}
      >
        {cancelling
          ? `${cancelling.topic} — ${cancelling.mentorName} with ${cancelling.studentName}, ${formatDateTime(cancelling.sessionDate)}.`
          : ''}
      </ConfirmDialog>
    </>
  );
}

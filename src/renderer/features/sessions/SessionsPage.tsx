import { useState, type ReactElement } from 'react';
import { Badge, Button, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper } from '@tanstack/react-table';
import { useNavigate, useSearchParams } from 'react-router';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { SessionRow } from '../../../shared/contract/sessions.contract.ts';
import type { RoleName } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconCalendar, IconPlus, IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatDateTime, formatRelativeDay } from '../../format.ts';
import { RequestSessionButton } from './RequestSessionModal.tsx';
import { SESSION_MODE, SessionStatusBadge } from './labels.tsx';

type View = 'upcoming' | 'completed' | 'cancelled' | 'all';
type Filters = Omit<CallInput<'sessions:list'>, 'page' | 'pageSize' | 'sort' | 'dir'>;
type SortKey = NonNullable<CallInput<'sessions:list'>['sort']>;

const column = createColumnHelper<SessionRow>();

function whenColumn() {
  return column.accessor('sessionDate', {
    id: 'sessionDate' satisfies SortKey,
    header: 'When',
    size: 190,
    cell: (c) => {
      const s = c.row.original;
      const overdue = s.status === 'SCHEDULED' && s.sessionDate < new Date().toISOString();
      return (
        <Stack gap={0}>
          <Text size="sm">{formatDateTime(s.sessionDate)}</Text>
          <Text size="xs" c={overdue ? 'orange.8' : 'dimmed'}>
            {overdue ? 'Not recorded yet' : formatRelativeDay(s.sessionDate)}
          </Text>
        </Stack>
      );
    },
  });
}

function columnsFor(role: RoleName) {
  const person =
    role === 'STUDENT'
      ? column.accessor('mentorName', { id: 'mentor' satisfies SortKey, header: 'Mentor', size: 170 })
      : column.accessor('studentName', {
          id: 'student' satisfies SortKey,
          header: 'Student',
          size: 190,
          cell: (c) => (
            <Stack gap={0}>
              <Text size="sm" fw={500} truncate>
                {c.getValue()}
              </Text>
              <Text size="xs" c="dimmed">
                {c.row.original.rollNumber ?? ''}
              </Text>
            </Stack>
          ),
        });
  return [
    whenColumn(),
    person,
    column.accessor('topic', { header: 'Topic', enableSorting: false }),
    column.accessor('mode', {
      header: 'Mode',
      size: 100,
      enableSorting: false,
      cell: (c) => SESSION_MODE[c.getValue()],
    }),
    column.accessor('status', {
      id: 'status' satisfies SortKey,
      header: 'Status',
      size: 120,
      cell: (c) => <SessionStatusBadge status={c.getValue()} requested={c.row.original.requested} />,
    }),
    column.accessor('actionItemsOpen', {
      header: 'Open items',
      size: 100,
      enableSorting: false,
      meta: { align: 'right' },
      cell: (c) => (c.getValue() > 0 ? <Badge color="orange">{c.getValue()}</Badge> : '—'),
    }),
  ];
}

function filtersFor(view: View, search: string): Filters {
  const base = { search: search || undefined };
  switch (view) {
    case 'upcoming':
      return { ...base, status: 'SCHEDULED' };
    case 'completed':
      return { ...base, status: 'COMPLETED' };
    case 'cancelled':
      return { ...base, status: 'CANCELLED' };
    case 'all':
      return base;
  }
}

const EMPTY: Record<View, { title: string; description: string }> = {
  upcoming: { title: 'Nothing planned', description: 'Scheduled sessions and requests appear here.' },
  completed: {
    title: 'No sessions recorded yet',
    description: 'Recorded meetings appear here, newest first.',
  },
  cancelled: { title: 'No cancelled sessions', description: 'Cancelled or declined sessions appear here.' },
  all: { title: 'No sessions yet', description: 'Sessions appear here once they are scheduled or recorded.' },
};

function SessionsTable({ view, search }: { view: View; search: string }): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const { tableProps } = useServerTable({
    callName: 'sessions:list',
    filters: filtersFor(view, search),
    fetchPage: (query) => call('sessions:list', query),
    defaultSort: { sort: 'sessionDate' as SortKey, dir: view === 'upcoming' ? 'asc' : 'desc' },
  });
  const empty = search
    ? { title: 'No sessions match', description: 'Change or clear the search.' }
    : EMPTY[view];
  return (
    <DataTable
      label="Sessions"
      columns={columnsFor(user.role)}
      getRowId={(s) => s.id}
      {...tableProps}
      rowHeight={48}
      onRowActivate={(s) => void navigate(`/sessions/${s.id}`)}
      empty={<EmptyView {...empty} />}
    />
  );
}

/** Sessions in the user's scope: a mentor's with its mentees, a student's own (never a summary). */
export function SessionsPage(): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view =
    (['upcoming', 'completed', 'cancelled', 'all'] as const).find((v) => v === params.get('view')) ??
    'upcoming';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const mentor = user.role === 'MENTOR';

  return (
    <>
      <PageHeader
        title={mentor ? 'Sessions' : 'My sessions'}
        description={
          mentor
            ? 'Meetings with your mentees. Open one to record it, reschedule or cancel.'
            : 'Your meetings with your mentor. Open one to see its action items or give feedback.'
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconCalendar size={16} />}
              onClick={() => void navigate('/calendar')}
            >
              Calendar
            </Button>
            {mentor ? (
              <>
                <Button variant="default" onClick={() => void navigate('/sessions/new?kind=schedule')}>
                  Schedule
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate('/sessions/new')}>
                  Record a session
                </Button>
              </>
            ) : (
              user.role === 'STUDENT' && <RequestSessionButton />
            )}
          </>
        }
      />
      <Group justify="space-between" mb="sm" align="flex-end">
        <Tabs
          value={view}
          onChange={(v) => setParams(v && v !== 'upcoming' ? { view: v } : {}, { replace: true })}
          variant="pills"
        >
          <Tabs.List>
            <Tabs.Tab value="upcoming">Upcoming</Tabs.Tab>
            <Tabs.Tab value="completed">Completed</Tabs.Tab>
            <Tabs.Tab value="cancelled">Cancelled</Tabs.Tab>
            <Tabs.Tab value="all">All</Tabs.Tab>
          </Tabs.List>
        </Tabs>
        {mentor && (
          <TextInput
            aria-label="Search sessions"
            placeholder="Student, roll number or topic"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={280}
          />
        )}
      </Group>
      <SessionsTable key={view} view={view} search={debounced} />
    </>
  );
}

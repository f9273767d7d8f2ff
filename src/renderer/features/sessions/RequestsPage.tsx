import { useState, type ReactElement } from 'react';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useNavigate } from 'react-router';
import type { SessionRow } from '../../../shared/contract/sessions.contract.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatDateTime, formatRelativeDay } from '../../format.ts';
import { SESSION_MODE } from './labels.tsx';
import { SessionActionModal, type SessionAction } from './SessionModals.tsx';
import { useCall, useLocalSort } from './use-call.ts';

// The mentor's queue: students' requests to confirm or decline, and planned sessions whose time
// has passed without a record (record them, or cancel with a reason).

const column = createColumnHelper<SessionRow>();

function baseColumns() {
  return [
    column.accessor('sessionDate', {
      header: 'When',
      size: 180,
      cell: (c) => (
        <Stack gap={0}>
          <Text size="sm">{formatDateTime(c.getValue())}</Text>
          <Text size="xs" c="dimmed">
            {formatRelativeDay(c.getValue())}
          </Text>
        </Stack>
      ),
    }),
    column.accessor('studentName', {
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
    }),
    column.accessor('topic', { header: 'Topic' }),
    column.accessor('mode', {
      header: 'Mode',
      size: 150,
      cell: (c) =>
        `${SESSION_MODE[c.getValue()]}${c.row.original.location ? ` · ${c.row.original.location}` : ''}`,
    }),
  ];
}

export function RequestsPage(): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const [acting, setActing] = useState<{ s: SessionRow; action: SessionAction } | null>(null);
  const requests = useCall('sessions:list', {
    requested: true,
    status: 'SCHEDULED',
    pageSize: 200,
    sort: 'sessionDate',
    dir: 'asc',
  });
  const pending = useCall('sessions:pending', { mentorId: user.id });
  const requestSort = useLocalSort();
  const pendingSort = useLocalSort();

  const requestColumns = [
    ...baseColumns(),
    column.display({
      id: 'actions',
      header: '',
      size: 190,
      cell: (c) => (
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setActing({ s: c.row.original, action: 'decline' })}
          >
            Decline
          </Button>
          <Button size="compact-sm" onClick={() => setActing({ s: c.row.original, action: 'confirm' })}>
            Confirm
          </Button>
        </Group>
      ),
    }),
  ];
  const pendingColumns = [
    ...baseColumns(),
    column.display({
      id: 'actions',
      header: '',
      size: 190,
      cell: (c) => (
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setActing({ s: c.row.original, action: 'cancel' })}
          >
            Cancel
          </Button>
          <Button size="compact-sm" onClick={() => void navigate(`/sessions/${c.row.original.id}/record`)}>
            Record
          </Button>
        </Group>
      ),
    }),
  ];

  return (
    <>
      <PageHeader
        title="Requests and pending"
        description="Confirm or decline what your mentees asked for; record or cancel meetings whose time has passed."
      />
      <Stack gap="xl">
        <Paper p={0} withBorder={false} bg="transparent">
          <Title order={2} size="h3" mb="sm">
            Requests from students
          </Title>
          <DataTable
            label="Session requests"
            columns={requestColumns}
            data={requests.data?.rows ?? []}
            {...requestSort}
            getRowId={(s) => s.id}
            isLoading={requests.isPending}
            error={requests.error}
            onRetry={() => void requests.refetch()}
            rowHeight={48}
            height={Math.min(5, Math.max(1, requests.data?.rows.length ?? 1)) * 48 + 42}
            onRowActivate={(s) => void navigate(`/sessions/${s.id}`)}
            empty={
              <EmptyView
                title="No requests waiting"
                description="When a mentee asks for a session it appears here."
              />
            }
          />
        </Paper>
        <Paper p={0} withBorder={false} bg="transparent">
          <Title order={2} size="h3" mb="sm">
            Not recorded yet
          </Title>
          <DataTable
            label="Sessions not recorded"
            columns={pendingColumns}
            data={pending.data?.rows ?? []}
            {...pendingSort}
            getRowId={(s) => s.id}
            isLoading={pending.isPending}
            error={pending.error}
            onRetry={() => void pending.refetch()}
            rowHeight={48}
            height={Math.min(6, Math.max(1, pending.data?.rows.length ?? 1)) * 48 + 42}
            onRowActivate={(s) => void navigate(`/sessions/${s.id}`)}
            empty={
              <EmptyView
                title="All caught up"
                description="Every planned session whose time has passed is recorded or cancelled."
              />
            }
          />
        </Paper>
      </Stack>
      {acting && (
        <SessionActionModal session={acting.s} action={acting.action} onClose={() => setActing(null)} />
      )}
    </>
  );
}

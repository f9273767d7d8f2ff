import { useState, type ReactElement } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import type { OutboxEntryDto } from '../../../shared/contract/sync.contract.ts';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { describeCall, describeInput, showValue } from './outbox-words.ts';

// The user's own queued changes and what central said about them (SYNC.md: "the user sees the
// rejected mutation, with its original input, on the Sync screen to redo or discard").

export type OutboxFilter = 'OPEN' | 'PENDING' | 'APPLIED' | 'DISCARDED';

const STATUS: Record<OutboxEntryDto['status'], { label: string; color: string }> = {
  PENDING: { label: 'Waiting to send', color: 'blue' },
  APPLIED: { label: 'Sent', color: 'teal' },
  REJECTED: { label: 'Refused by central', color: 'red' },
  CONFLICT: { label: 'Conflict', color: 'orange' },
  DISCARDED: { label: 'Discarded', color: 'gray' },
};

function Conflicts({ e }: { e: OutboxEntryDto }): ReactElement {
  return (
    <Table withTableBorder fz="xs" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Field</Table.Th>
          <Table.Th>Before your change</Table.Th>
          <Table.Th>Yours</Table.Th>
          <Table.Th>Kept (central)</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {e.conflicts.map((c) => (
          <Table.Tr key={`${c.table}.${c.rowId}.${c.column}`}>
            <Table.Td>{c.column}</Table.Td>
            <Table.Td>{showValue(c.base)}</Table.Td>
            <Table.Td>{showValue(c.mine)}</Table.Td>
            <Table.Td fw={600}>{showValue(c.central)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Entry({ e, onDiscard }: { e: OutboxEntryDto; onDiscard(e: OutboxEntryDto): void }): ReactElement {
  const retry = useWrite('sync:retry', {
    success: 'Queued again; it is sent with the next sync.',
    toastErrors: true,
  });
  const detail = describeInput(e.input);
  const open = e.status === 'REJECTED' || e.status === 'CONFLICT';
  return (
    <Paper p="sm" withBorder radius="sm">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600}>
            {describeCall(e.callName)}
            {detail ? `: ${detail}` : ''}
          </Text>
          <Badge color={STATUS[e.status].color} style={{ flexShrink: 0 }}>
            {STATUS[e.status].label}
          </Badge>
        </Group>
        <Group justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed">
            Made {formatDateTime(e.clientTime)}
            {e.pushedAt ? ` · sent ${formatDateTime(e.pushedAt)}` : ''}
            {e.attempts > 1 ? ` · ${e.attempts} attempts` : ''}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {open && (
              <Button
                size="compact-sm"
                variant="light"
                onClick={() => retry.mutate({ mutationId: e.mutationId })}
                loading={retry.isPending}
              >
                Send again
              </Button>
            )}
            {(open || e.status === 'PENDING') && (
              <Button size="compact-sm" variant="subtle" color="red" onClick={() => onDiscard(e)}>
                Discard
              </Button>
            )}
          </Group>
        </Group>
        {e.error && (
          <Alert color="red" variant="light" p="xs">
            <Text size="sm">{e.error.message}</Text>
          </Alert>
        )}
        {e.conflicts.length > 0 && <Conflicts e={e} />}
      </Stack>
    </Paper>
  );
}

function DiscardModal({ entry, onClose }: { entry: OutboxEntryDto | null; onClose(): void }): ReactElement {
  const discard = useWrite('sync:discard', { success: 'Change discarded.', toastErrors: true });
  return (
    <Modal lockScroll={false} opened={entry !== null} onClose={onClose} title="Discard this change?">
      {entry && (
        <Stack gap="md">
          <Text size="sm">
            “{describeCall(entry.callName)}
            {describeInput(entry.input) ? `: ${describeInput(entry.input)}` : ''}” will not reach the central
            database.
            {entry.status === 'PENDING'
              ? ' What this computer shows for it goes back to the central version at the next sync.'
              : ' The central version stays as it is.'}{' '}
            This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button
              color="red"
              loading={discard.isPending}
              onClick={() => discard.mutate({ mutationId: entry.mutationId }, { onSuccess: onClose })}
            >
              Discard change
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

const EMPTY: Record<OutboxFilter, { title: string; description: string }> = {
  OPEN: {
    title: 'Nothing needs your attention',
    description: 'Changes waiting to be sent, refused or in conflict appear here.',
  },
  PENDING: {
    title: 'Nothing waiting',
    description: 'Everything made on this computer has reached the central database.',
  },
  APPLIED: {
    title: 'Nothing sent yet',
    description: 'Changes appear here once the central database has accepted them.',
  },
  DISCARDED: { title: 'Nothing discarded', description: 'Changes you gave up appear here.' },
};

export function OutboxList({ filter }: { filter: OutboxFilter }): ReactElement {
  const q = useCall('sync:outbox', { status: filter, limit: 200 });
  const [discarding, setDiscarding] = useState<OutboxEntryDto | null>(null);
  const rows =
    filter === 'APPLIED' || filter === 'DISCARDED'
      ? [...(q.data?.entries ?? [])].reverse()
      : (q.data?.entries ?? []);
  return (
    <>
      <QueryState
        isLoading={q.isPending}
        error={q.error}
        onRetry={() => void q.refetch()}
        isEmpty={rows.length === 0}
        empty={<EmptyView {...EMPTY[filter]} />}
      >
        <Stack gap="xs">
          {rows.map((e) => (
            <Entry key={e.mutationId} e={e} onDiscard={setDiscarding} />
          ))}
        </Stack>
      </QueryState>
      <DiscardModal entry={discarding} onClose={() => setDiscarding(null)} />
    </>
  );
}

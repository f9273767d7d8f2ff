import { useState, type ReactElement } from 'react';
import { Button, Group, Pagination, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { NotificationItem, useOpenNotification } from './NotificationBell.tsx';

const PAGE = 25;

export function NotificationsPage(): ReactElement {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const q = useCall('notifications:list', { page, pageSize: PAGE, unreadOnly: unreadOnly || undefined });
  const unread = useCall('notifications:unread-count', {});
  const markAll = useWrite('notifications:mark-all-read', { success: 'All notifications marked as read.' });
  const open = useOpenNotification();
  const total = q.data?.total ?? 0;
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Reminders, session changes, feedback and alerts addressed to you."
        actions={
          <Button
            variant="default"
            onClick={() => markAll.mutate({})}
            loading={markAll.isPending}
            disabled={(unread.data?.count ?? 0) === 0}
          >
            Mark all as read
          </Button>
        }
      />
      <Group mb="md" justify="space-between">
        <SegmentedControl
          aria-label="Which notifications"
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => {
            setUnreadOnly(v === 'unread');
            setPage(1);
          }}
          data={[
            { value: 'all', label: 'All' },
            { value: 'unread', label: `Unread (${unread.data?.count ?? 0})` },
          ]}
        />
        <Text size="sm" c="dimmed">
          {total} notification{total === 1 ? '' : 's'}
        </Text>
      </Group>
      <Paper p="xs" maw={820}>
        <QueryState
          isLoading={q.isPending}
          error={q.error}
          onRetry={() => void q.refetch()}
          isEmpty={(q.data?.rows.length ?? 0) === 0}
          empty={<EmptyView title={unreadOnly ? 'Nothing unread' : 'No notifications yet'} />}
        >
          <Stack gap={2}>
            {(q.data?.rows ?? []).map((n) => (
              <NotificationItem key={n.id} n={n} onOpen={open} />
            ))}
          </Stack>
        </QueryState>
      </Paper>
      {total > PAGE && (
        <Group maw={820} justify="flex-end" mt="sm">
          <Pagination size="sm" value={page} onChange={setPage} total={Math.ceil(total / PAGE)} />
        </Group>
      )}
    </>
  );
}

import { useEffect, useState, type ReactElement } from 'react';
import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { NotificationRow } from '../../../shared/contract/notifications.contract.ts';
import { onAppEvent } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { IconBell } from '../../components/icons.tsx';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatDateTime, formatRelativeDay } from '../../format.ts';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { notificationTarget } from './notification-target.ts';

// The bell: the unread count (kept fresh by the core's 'notifications:changed' event, and polled
// once a minute in case an event was missed), the latest few, and a way to the full list.

/** Subscribes the window to 'notifications:changed'; mount once. */
export function useNotificationEvents(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onAppEvent('notifications:changed', () => {
        void queryClient.invalidateQueries({
          predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('notifications:'),
        });
      }),
    [queryClient],
  );
}

export function NotificationItem({
  n,
  onOpen,
  compact,
}: {
  n: NotificationRow;
  onOpen(n: NotificationRow): void;
  compact?: boolean;
}): ReactElement {
  const unread = n.readAt === null;
  return (
    <UnstyledButton
      onClick={() => onOpen(n)}
      p="xs"
      style={{
        borderRadius: 6,
        display: 'block',
        width: '100%',
        background: unread ? 'var(--mantine-color-brand-0)' : undefined,
      }}
      aria-label={`${unread ? 'Unread: ' : ''}${n.title}`}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <div
          aria-hidden
          style={{
            width: 8,
            height: 8,
            marginTop: 6,
            borderRadius: 4,
            flexShrink: 0,
            background: unread ? 'var(--mantine-color-brand-6)' : 'transparent',
          }}
        />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400} lineClamp={1}>
            {n.title}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={compact ? 2 : 4}>
            {n.body}
          </Text>
          <Text size="xs" c="dimmed" title={formatDateTime(n.createdAt)}>
            {formatRelativeDay(n.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

/** Opening a notification marks it read and goes to what it is about, when there is a screen for it. */
export function useOpenNotification(after?: () => void): (n: NotificationRow) => void {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const markRead = useWrite('notifications:mark-read');
  return (n) => {
    if (n.readAt === null) markRead.mutate({ ids: [n.id] });
    const to = notificationTarget(n, user.role);
    after?.();
    if (to) void navigate(to);
  };
}

function Latest({ onClose }: { onClose(): void }): ReactElement {
  const q = useCall('notifications:list', { pageSize: 8, unreadFirst: true });
  const markAll = useWrite('notifications:mark-all-read');
  const open = useOpenNotification(onClose);
  const rows = q.data?.rows ?? [];
  return (
    <Stack gap={0}>
      <Group justify="space-between" px="sm" py="xs">
        <Text fw={600} size="sm">
          Notifications
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => markAll.mutate({})}
          loading={markAll.isPending}
          disabled={!rows.some((n) => !n.readAt)}
        >
          Mark all read
        </Button>
      </Group>
      <Divider />
      {q.isPending ? (
        <LoadingState />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed" p="md" ta="center">
          No notifications yet.
        </Text>
      ) : (
        <ScrollArea.Autosize mah={380} p={4}>
          <Stack gap={2}>
            {rows.map((n) => (
              <NotificationItem key={n.id} n={n} onOpen={open} compact />
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
      <Divider />
      <Anchor component={Link} to="/notifications" size="sm" ta="center" py="xs" onClick={onClose}>
        See all notifications
      </Anchor>
    </Stack>
  );
}

export function NotificationBell(): ReactElement {
  const [opened, setOpened] = useState(false);
  const unread = useCall('notifications:unread-count', {}, { refetchInterval: 60_000 });
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? `Notifications: ${count} unread` : 'Notifications';
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={360}
      shadow="md"
      withArrow
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <Indicator label={count > 99 ? '99+' : count} size={16} color="red" disabled={count === 0} offset={4}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0}>{opened && <Latest onClose={() => setOpened(false)} />}</Popover.Dropdown>
    </Popover>
  );
}

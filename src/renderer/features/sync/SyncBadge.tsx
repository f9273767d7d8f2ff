import type { ReactElement } from 'react';
import { Badge, Group, Loader, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { IconCloud, IconCloudOff, IconDatabase } from '../../components/icons.tsx';
import { formatDateTime } from '../../format.ts';
import { useSyncStatus } from './use-sync-status.ts';

// The header's sync state: a glance at whether this laptop's work has reached the central
// database. Clicking opens the Sync screen.

export function SyncBadge(): ReactElement | null {
  const { status, live } = useSyncStatus();
  if (!status) return null;
  if (status.mode === 'standalone') {
    return (
      <Tooltip label="This computer keeps its data on its own; no central database is configured.">
        <UnstyledButton component={Link} to="/sync" aria-label="Sync: standalone. Open the Sync screen">
          <Badge color="gray" variant="light" leftSection={<IconDatabase size={12} />}>
            Standalone
          </Badge>
        </UnstyledButton>
      </Tooltip>
    );
  }
  const review = status.rejected + status.conflicts;
  const last = status.lastSuccessAt
    ? `Last synced ${formatDateTime(status.lastSuccessAt)}.`
    : 'Not synced yet.';
  const pending = status.pending > 0 ? `${status.pending} pending` : null;
  const view = {
    idle: { color: 'teal', label: 'Synced', icon: <IconCloud size={12} /> },
    syncing: { color: 'blue', label: 'Syncing', icon: <Loader size={10} color="blue" /> },
    offline: { color: 'orange', label: 'Offline', icon: <IconCloudOff size={12} /> },
    error: { color: 'red', label: 'Sync error', icon: <IconCloudOff size={12} /> },
  }[status.state];
  const progress = status.state === 'syncing' && live.progress ? ` ${live.progress.label}` : '';
  const words = [view.label, pending, review > 0 ? `${review} to review` : null].filter(Boolean).join(', ');
  return (
    <Tooltip
      label={`${last}${status.lastError && status.state !== 'idle' ? ` ${status.lastError}` : ''}${progress}`}
      multiline
      w={280}
    >
      <UnstyledButton
        component={Link}
        to="/sync"
        aria-label={`Sync: ${words}. ${last} Open the Sync screen`}
        data-sync-state={status.state}
      >
        <Group gap={6} wrap="nowrap">
          <Badge color={view.color} variant="light" leftSection={view.icon}>
            {view.label}
          </Badge>
          {pending && (
            <Text size="xs" c="dimmed" fw={600}>
              {pending}
            </Text>
          )}
          {review > 0 && (
            <Badge color="red" variant="filled" size="sm">
              {review} to review
            </Badge>
          )}
        </Group>
      </UnstyledButton>
    </Tooltip>
  );
}

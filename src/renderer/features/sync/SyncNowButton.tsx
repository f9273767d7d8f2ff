import type { ReactElement } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, errorMessage, isAppError } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { invalidateAfter } from '../sessions/use-call.ts';

// "Sync now" on the Sync page: runs a round at once (progress arrives as sync events on the State
// card) and shows what it did. Offline is an answer, not a failure dialog.

export function SyncNowButton(): ReactElement {
  const queryClient = useQueryClient();
  const now = useMutation({
    mutationFn: () => call('sync:now', {}),
    onSettled: () => invalidateAfter(queryClient, 'sync:now'),
  });
  const r = now.data;
  return (
    <Stack gap="xs" mt="md">
      <Group justify="space-between">
        <Button onClick={() => now.mutate()} loading={now.isPending} loaderProps={{ type: 'dots' }}>
          Sync now
        </Button>
        {now.isPending && (
          <Text size="sm" c="dimmed">
            Sending your changes, then receiving…
          </Text>
        )}
      </Group>
      {r && !now.isPending && (
        <Alert color={r.rejected + r.conflicts > 0 ? 'orange' : 'teal'} variant="light" aria-live="polite">
          Synced at {formatDateTime(r.finishedAt, '—')}: sent {r.pushed}, received {r.pulled}
          {r.evicted ? `, removed ${r.evicted} no longer yours` : ''}
          {r.rejected ? `, ${r.rejected} refused` : ''}
          {r.conflicts ? `, ${r.conflicts} in conflict` : ''} ({(r.durationMs / 1000).toFixed(1)} s).
        </Alert>
      )}
      {now.isError && !now.isPending && (
        <Alert
          color={isAppError(now.error) && now.error.code === 'OFFLINE' ? 'orange' : 'red'}
          variant="light"
          role="alert"
        >
          {errorMessage(now.error)}
        </Alert>
      )}
    </Stack>
  );
}

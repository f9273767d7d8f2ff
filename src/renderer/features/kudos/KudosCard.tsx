import type { ReactElement } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../../format.ts';
import { useCall } from '../sessions/use-call.ts';

// The student's own kudos, newest first, on its dashboard.

export function KudosCard(): ReactElement | null {
  const q = useCall('kudos:list', {});
  const rows = q.data?.rows ?? [];
  return (
    <Paper p="md" withBorder aria-label="Kudos">
      <Title order={2} size="h4" mb="sm">
        Kudos
      </Title>
      {q.isPending ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No kudos yet. When your mentor or the department appreciates your work, it shows here.
        </Text>
      ) : (
        <Stack gap="xs">
          {rows.slice(0, 5).map((k) => (
            <div key={k.id}>
              <Text size="sm">“{k.message}”</Text>
              <Text size="xs" c="dimmed">
                {k.fromName ?? 'Staff'} · {formatDate(k.createdAt)}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

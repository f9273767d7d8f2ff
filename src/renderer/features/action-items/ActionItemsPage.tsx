import type { ReactElement } from 'react';
import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { useCall } from '../sessions/use-call.ts';
import { ActionItemsChecklist } from './ActionItemsChecklist.tsx';

// Open action items across sessions, grouped by the session they were agreed in (the toggle call
// addresses an item by its session and position). Sessions whose items are all done drop out.

const MAX_SESSIONS = 40;

export function ActionItemsPage(): ReactElement {
  const { user } = useCurrentUser();
  const student = user.role === 'STUDENT';
  const list = useCall('sessions:list', {
    status: 'COMPLETED',
    pageSize: 200,
    sort: 'sessionDate',
    dir: 'desc',
  });
  const allWithOpen = (list.data?.rows ?? []).filter((s) => s.actionItemsOpen > 0);
  const withOpen = allWithOpen.slice(0, MAX_SESSIONS);
  const details = useQueries({
    queries: withOpen.map((s) => ({
      queryKey: ['sessions:get', { id: s.id }],
      queryFn: () => call('sessions:get', { id: s.id }),
    })),
  });
  const open = allWithOpen.reduce((n, s) => n + s.actionItemsOpen, 0);

  return (
    <>
      <PageHeader
        title="Action items"
        description={
          student
            ? 'What you agreed to do in your sessions. Tick an item when it is done; your mentor sees it.'
            : 'What you and your mentees agreed in sessions and is not done yet.'
        }
      />
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : withOpen.length === 0 ? (
        <EmptyView title="Nothing open" description="Every action item from your recent sessions is done." />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {open} open item{open === 1 ? '' : 's'} in {withOpen.length} session
            {withOpen.length === 1 ? '' : 's'}.
          </Text>
          <SimpleGrid cols={2} spacing="lg">
            {withOpen.map((s, i) => {
              const d = details[i];
              return (
                <Paper key={s.id} p="md">
                  <Group justify="space-between" mb="sm" wrap="nowrap" align="flex-start">
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Anchor component={Link} to={`/sessions/${s.id}`} fw={600} size="sm" truncate>
                        {s.topic}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(s.sessionDate)} · {student ? s.mentorName : s.studentName}
                      </Text>
                    </Stack>
                  </Group>
                  {d?.data ? (
                    <ActionItemsChecklist session={d.data} canToggle={s.assignmentStatus !== 'ENDED'} />
                  ) : d?.error ? (
                    <ErrorState error={d.error} onRetry={() => void d.refetch()} />
                  ) : (
                    <LoadingState />
                  )}
                </Paper>
              );
            })}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}

import type { ReactElement } from 'react';
import { Badge, Checkbox, Divider, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api.ts';
import { QueryState } from '../../components/StateViews.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { SESSION_MODE, SESSION_STATUS, ToneBadge } from '../students/badges.tsx';

/** One session as the office sees it: the mentor's notes and action items, read-only. */
export function SessionDrawer({
  sessionId,
  onClose,
}: {
  sessionId: string | null;
  onClose(): void;
}): ReactElement {
  const query = useQuery({
    queryKey: ['sessions:get', sessionId],
    queryFn: () => call('sessions:get', { id: sessionId ?? '' }),
    enabled: sessionId !== null,
  });
  const s = query.data;
  return (
    <Drawer
      lockScroll={false}
      opened={sessionId !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title="Session"
    >
      <QueryState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {s && (
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={2} size="h3">
                {s.topic}
              </Title>
              <Group gap="xs">
                <ToneBadge tone={SESSION_STATUS[s.status]} />
                {s.status === 'COMPLETED' && (
                  <Badge color={s.attendance === 'PRESENT' ? 'teal' : 'red'}>
                    {s.attendance === 'PRESENT' ? 'Attended' : 'Absent'}
                  </Badge>
                )}
                {s.requested && <Badge color="grape">Requested by the student</Badge>}
              </Group>
            </Stack>
            <Text size="sm">
              {formatDateTime(s.sessionDate)} · {SESSION_MODE[s.mode]}
              {s.location ? ` · ${s.location}` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              {s.mentorName} with {s.studentName}
              {s.nextMeetingOn ? ` · next meeting ${formatDate(s.nextMeetingOn)}` : ''}
            </Text>
            <Divider label="Mentor’s notes (staff only)" labelPosition="left" />
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={s.summary ? undefined : 'dimmed'}>
              {s.summary ?? 'No notes recorded.'}
            </Text>
            <Divider label="Action items" labelPosition="left" />
            {s.actionItems.length === 0 ? (
              <Text size="sm" c="dimmed">
                None.
              </Text>
            ) : (
              <Stack gap={6}>
                {s.actionItems.map((item, i) => (
                  <Checkbox
                    key={i}
                    readOnly
                    checked={item.done}
                    label={`${item.text}${item.dueOn ? ` (due ${formatDate(item.dueOn)})` : ''}`}
                  />
                ))}
              </Stack>
            )}
            <Text size="xs" c="dimmed">
              Recorded {formatDateTime(s.createdAt)}; last changed {formatDateTime(s.updatedAt)}. Only the
              mentor can change what was recorded.
            </Text>
          </Stack>
        )}
      </QueryState>
    </Drawer>
  );
}

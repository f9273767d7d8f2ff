import type { ReactElement } from 'react';
import { Anchor, Avatar, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { initials } from '../../app/navigation.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { formatDate } from '../../format.ts';
import { RequestSessionButton } from '../sessions/RequestSessionModal.tsx';
import { useCall } from '../sessions/use-call.ts';
import { ASSIGNMENT_STATUS, AVAILABILITY, ToneBadge } from '../students/badges.tsx';

/** A student's current mentor(s): who, how to reach them, and the history of who mentored it. */
export function MyMentorPage(): ReactElement {
  const { user } = useCurrentUser();
  const dash = useCall('dashboards:student', {});
  const mentors = useCall('mentors:list', { pageSize: 10 });
  const history = useCall('assignments:history', { studentId: user.id });
  const profile = (id: string) => mentors.data?.rows.find((m) => m.id === id);
  const current = dash.data?.mentors ?? [];

  return (
    <>
      <PageHeader
        title={current.length > 1 ? 'My mentors' : 'My mentor'}
        description="The faculty member who meets you during the term. Ask for a session any time."
        actions={current.length > 0 ? <RequestSessionButton /> : undefined}
      />
      <QueryState
        isLoading={dash.isPending}
        error={dash.error}
        onRetry={() => void dash.refetch()}
        isEmpty={current.length === 0}
        empty={
          <EmptyView
            title="No mentor yet"
            description="The department office assigns mentors. You get a notification as soon as yours is assigned."
          />
        }
      >
        <SimpleGrid cols={2} spacing="lg" maw={980}>
          {current.map((m) => {
            const p = profile(m.id);
            const parts = m.name.replace(/^(Dr|Mr|Ms|Mrs|Prof)\.?\s+/, '').split(/\s+/);
            return (
              <Paper key={m.id} p="lg">
                <Group gap="md" wrap="nowrap" align="flex-start">
                  <Avatar size={56} radius="xl" color="brand">
                    {p ? initials(p.firstName, p.lastName) : initials(parts[0] ?? '', parts.at(-1) ?? '')}
                  </Avatar>
                  <Stack gap={4}>
                    <Title order={2} size="h3">
                      {m.name}
                    </Title>
                    {m.designation && <Text size="sm">{m.designation}</Text>}
                    {p?.specialization && (
                      <Text size="sm" c="dimmed">
                        {p.specialization}
                      </Text>
                    )}
                    <Group gap="xs" mt={4}>
                      {m.assignmentStatus === 'PAUSED' && <ToneBadge tone={ASSIGNMENT_STATUS.PAUSED} />}
                      {p && <ToneBadge tone={AVAILABILITY[p.availabilityStatus]} />}
                      {p?.departmentName && <Badge color="gray">{p.departmentName}</Badge>}
                    </Group>
                    <Anchor href={`mailto:${m.email}`} size="sm" mt={6}>
                      {m.email}
                    </Anchor>
                    {m.phone && <Text size="sm">{m.phone}</Text>}
                  </Stack>
                </Group>
              </Paper>
            );
          })}
        </SimpleGrid>
      </QueryState>
      <Paper p="lg" mt="xl" maw={980}>
        <Title order={2} size="h4" mb="sm">
          Mentoring history
        </Title>
        <QueryState
          isLoading={history.isPending}
          error={history.error}
          onRetry={() => void history.refetch()}
          isEmpty={(history.data?.rows.length ?? 0) === 0}
          empty={
            <Text size="sm" c="dimmed">
              No assignments yet.
            </Text>
          }
        >
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Mentor</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>Until</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(history.data?.rows ?? []).map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.mentorName}</Table.Td>
                  <Table.Td>{formatDate(a.assignedAt)}</Table.Td>
                  <Table.Td>{formatDate(a.endedAt, 'Now')}</Table.Td>
                  <Table.Td>
                    <ToneBadge tone={ASSIGNMENT_STATUS[a.status]} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </QueryState>
      </Paper>
    </>
  );
}

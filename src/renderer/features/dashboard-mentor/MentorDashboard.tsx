import type { ReactElement } from 'react';
import { Anchor, Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatDay, formatRelativeDay, formatTime, formatWeekdayDate } from '../../format.ts';
import { byRiskThenName, menteeColumns } from '../mentees/mentee-columns.tsx';
import { SESSION_MODE } from '../sessions/labels.tsx';
import { useCall, useLocalSort } from '../sessions/use-call.ts';
import { StatCard } from './StatCard.tsx';

type Data = CallOutput<'dashboards:mentor'>;

export function greeting(hour: number): string {
  if (hour < 12) return 'Good morning';
  if (hour < 17) return 'Good afternoon';
  return 'Good evening';
}

function Upcoming({ rows }: { rows: Data['upcoming'] }): ReactElement {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing scheduled.{' '}
        <Anchor component={Link} to="/sessions/new?kind=schedule" size="sm">
          Schedule a session
        </Anchor>
      </Text>
    );
  return (
    <Stack gap="xs">
      {rows.slice(0, 5).map((s) => (
        <Anchor key={s.id} component={Link} to={`/sessions/${s.id}`} underline="never" c="inherit">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Stack gap={0} w={92} style={{ flexShrink: 0 }}>
              <Text size="sm" fw={600}>
                {formatWeekdayDate(s.sessionDate)}
              </Text>
              <Text size="xs" c="dimmed">
                {formatTime(s.sessionDate)} · {SESSION_MODE[s.mode]}
              </Text>
            </Stack>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={500} truncate>
                {s.student.name}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {s.topic}
              </Text>
            </Stack>
          </Group>
        </Anchor>
      ))}
    </Stack>
  );
}

function OpenItems({ rows, total }: { rows: Data['actionItems']; total: number }): ReactElement {
  const today = new Date().toISOString().slice(0, 10);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No open action items.
      </Text>
    );
  return (
    <Stack gap="xs">
      {rows.slice(0, 5).map((a, i) => (
        <Anchor
          key={`${a.sessionId}-${i}`}
          component={Link}
          to={`/sessions/${a.sessionId}`}
          underline="never"
          c="inherit"
        >
          <Stack gap={0}>
            <Text size="sm" lineClamp={1}>
              {a.text}
            </Text>
            <Text size="xs" c={a.dueOn && a.dueOn.slice(0, 10) < today ? 'red.7' : 'dimmed'}>
              {a.studentName}
              {a.dueOn ? ` · due ${formatDay(a.dueOn)}` : ''}
            </Text>
          </Stack>
        </Anchor>
      ))}
      {total > 5 && (
        <Anchor component={Link} to="/action-items" size="sm">
          All {total} open items
        </Anchor>
      )}
    </Stack>
  );
}

function Body({ d }: { d: Data }): ReactElement {
  const navigate = useNavigate();
  const c = d.counts;
  const mentees = [...d.mentees].sort(byRiskThenName);
  const sort = useLocalSort();
  return (
    <Stack gap="lg">
      <SimpleGrid cols={6} spacing="md">
        <StatCard label="Mentees" value={c.mentees} to="/mentees" />
        <StatCard
          label="High risk"
          value={c.highRisk}
          tone="red"
          hint={`${c.mediumRisk} medium`}
          to="/mentees"
        />
        <StatCard label="Open alerts" value={c.openAlerts} tone="orange" />
        <StatCard
          label="Not recorded"
          value={c.pendingSessions}
          tone="orange"
          hint="past, still planned"
          to="/sessions/requests"
        />
        <StatCard label="Coming up" value={c.upcomingSessions} hint="next 7 days" to="/calendar" />
        <StatCard label="Open items" value={c.openActionItems} to="/action-items" />
      </SimpleGrid>
      <Grid gap="lg">
        <Grid.Col span={8}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h3">
              My mentees
            </Title>
            <Anchor component={Link} to="/mentees" size="sm">
              Open the list
            </Anchor>
          </Group>
          <DataTable
            label="My mentees"
            columns={menteeColumns}
            data={mentees}
            getRowId={(m) => m.studentId}
            {...sort}
            rowHeight={50}
            // The "As of" line under the grid (the Stack's lg gap and a line of xs text) stays on screen.
            fitBelow={39}
            onRowActivate={(m) => void navigate(`/mentees/${m.studentId}`)}
            empty={
              <EmptyView
                title="No mentees yet"
                description="The department office assigns students to you; they appear here."
              />
            }
          />
        </Grid.Col>
        <Grid.Col span={4}>
          <Stack gap="lg">
            <Paper p="md">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Coming up
                </Title>
                <Anchor component={Link} to="/calendar" size="xs">
                  Calendar
                </Anchor>
              </Group>
              <Upcoming rows={d.upcoming} />
            </Paper>
            <Paper p="md">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Open action items
                </Title>
                {c.openActionItems > 0 && <Badge color="orange">{c.openActionItems}</Badge>}
              </Group>
              <OpenItems rows={d.actionItems} total={c.openActionItems} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <Text size="xs" c="dimmed">
        As of {formatRelativeDay(d.asOf)} at {formatTime(d.asOf)}.
      </Text>
    </Stack>
  );
}

/** The mentor's home: mentees by risk, what is coming up, what is still open. */
export function MentorDashboard(): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const q = useCall('dashboards:mentor', {});
  return (
    <>
      <PageHeader
        title={`${greeting(new Date().getHours())}, ${user.firstName}`}
        description="Your mentees, your week and what is still open."
        actions={
          <>
            <Button variant="default" onClick={() => void navigate('/sessions/new?kind=schedule')}>
              Schedule
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => void navigate('/sessions/new')}>
              Record a session
            </Button>
          </>
        }
      />
      {q.isPending ? (
        <LoadingState label="Loading your dashboard…" />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Body d={q.data} />
      )}
    </>
  );
}

import type { ReactElement } from 'react';
import {
  Anchor,
  Badge,
  Grid,
  Group,
  Paper,
  Progress,
  RingProgress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { KudosCard } from '../kudos/KudosCard.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatDateTime, formatDay, formatRelativeDay } from '../../format.ts';
import { greeting } from '../dashboard-mentor/MentorDashboard.tsx';
import { GOAL_STATUS } from '../goals/goal-labels.ts';
import { RequestSessionButton } from '../sessions/RequestSessionModal.tsx';
import { SESSION_MODE } from '../sessions/labels.tsx';
import { useCall } from '../sessions/use-call.ts';

type Data = CallOutput<'dashboards:student'>;

function MentorCard({ d }: { d: Data }): ReactElement {
  const m = d.mentors[0];
  return (
    <Paper p="lg" h="100%">
      <Title order={2} size="h4" mb="sm">
        My mentor
      </Title>
      {m ? (
        <Stack gap={2}>
          <Text fw={600}>{m.name}</Text>
          {m.designation && (
            <Text size="sm" c="dimmed">
              {m.designation}
            </Text>
          )}
          <Anchor href={`mailto:${m.email}`} size="sm">
            {m.email}
          </Anchor>
          {m.phone && <Text size="sm">{m.phone}</Text>}
          {m.assignmentStatus === 'PAUSED' && (
            <Badge color="yellow" mt={4}>
              Mentoring paused
            </Badge>
          )}
          {d.mentors.length > 1 && (
            <Anchor component={Link} to="/my-mentor" size="xs" mt={4}>
              and {d.mentors.length - 1} more
            </Anchor>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          You have no mentor yet. The department office assigns one; you will be told when it does.
        </Text>
      )}
    </Paper>
  );
}

function NextSessionCard({ d }: { d: Data }): ReactElement {
  const s = d.upcoming;
  return (
    <Paper p="lg" h="100%">
      <Title order={2} size="h4" mb="sm">
        Next session
      </Title>
      {s ? (
        <Stack gap={2}>
          <Anchor component={Link} to={`/sessions/${s.id}`} fw={600}>
            {s.topic}
          </Anchor>
          <Text size="sm">{formatDateTime(s.sessionDate)}</Text>
          <Text size="sm" c="dimmed">
            {formatRelativeDay(s.sessionDate)} · {SESSION_MODE[s.mode]}
            {s.location ? ` · ${s.location}` : ''}
          </Text>
        </Stack>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">
            Nothing planned yet.
          </Text>
          {d.mentors.length > 0 && <RequestSessionButton />}
        </Stack>
      )}
    </Paper>
  );
}

function GoalsCard({ d }: { d: Data }): ReactElement {
  const g = d.goals;
  // The average is over goals still open; with none open, everything set is done.
  const allDone = g.total > 0 && g.byStatus.COMPLETED === g.total;
  const avg = allDone ? 100 : Math.round(g.averageProgress ?? 0);
  return (
    <Paper p="lg" h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          My goals
        </Title>
        <Anchor component={Link} to="/goals" size="xs">
          All goals
        </Anchor>
      </Group>
      {g.total === 0 ? (
        <Text size="sm" c="dimmed">
          No goals yet. Set one on the Goals page, alone or with your mentor.
        </Text>
      ) : (
        <Group gap="md" wrap="nowrap">
          <RingProgress
            size={84}
            thickness={8}
            roundCaps
            sections={[{ value: avg, color: allDone ? 'teal' : 'brand' }]}
            label={
              <Text ta="center" size="sm" fw={700}>
                {allDone ? 'Done' : `${avg}%`}
              </Text>
            }
            aria-label={allDone ? 'All goals completed' : `Average progress of open goals ${avg}%`}
          />
          <Stack gap={2}>
            <Text size="sm">
              {g.byStatus.COMPLETED} of {g.total} completed
            </Text>
            <Text size="sm" c={g.overdue > 0 ? 'red.7' : 'dimmed'}>
              {g.overdue > 0 ? `${g.overdue} past the target date` : 'None overdue'}
            </Text>
          </Stack>
        </Group>
      )}
    </Paper>
  );
}

function OpenGoals({ d }: { d: Data }): ReactElement {
  return (
    <Paper p="lg">
      <Title order={2} size="h4" mb="sm">
        Goals in progress
      </Title>
      {d.goals.open.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing in progress.
        </Text>
      ) : (
        <Stack gap="sm">
          {d.goals.open.slice(0, 5).map((goal) => (
            <Anchor
              key={goal.id}
              component={Link}
              to={`/goals?goal=${goal.id}`}
              underline="never"
              c="inherit"
            >
              <Stack gap={4}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={500} truncate>
                    {goal.title}
                  </Text>
                  <Text size="xs" c={goal.overdue ? 'red.7' : 'dimmed'} style={{ flexShrink: 0 }}>
                    {GOAL_STATUS[goal.status].label} ·{' '}
                    {goal.targetDate ? `by ${formatDay(goal.targetDate)}` : 'no date'}
                  </Text>
                </Group>
                <Progress
                  value={goal.progressPct}
                  size="sm"
                  color={goal.overdue ? 'red' : 'brand'}
                  aria-label={`${goal.title}: ${goal.progressPct}%`}
                />
              </Stack>
            </Anchor>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function ActionItems({ d }: { d: Data }): ReactElement {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Paper p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          To do from my sessions
        </Title>
        <Anchor component={Link} to="/action-items" size="xs">
          Tick them off
        </Anchor>
      </Group>
      {d.actionItems.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing open. Well done.
        </Text>
      ) : (
        <Stack gap="xs">
          {d.actionItems.slice(0, 6).map((a, i) => (
            <Stack gap={0} key={`${a.sessionId}-${i}`}>
              <Text size="sm">{a.text}</Text>
              <Text size="xs" c={a.dueOn && a.dueOn.slice(0, 10) < today ? 'red.7' : 'dimmed'}>
                {a.dueOn ? `Due ${formatDay(a.dueOn)}` : 'No due date'}
              </Text>
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** The student's home: mentor, next session, goals, and the action items still open. */
export function StudentDashboard(): ReactElement {
  const { user } = useCurrentUser();
  const q = useCall('dashboards:student', {});
  return (
    <>
      <PageHeader
        title={`${greeting(new Date().getHours())}, ${user.firstName}`}
        description={
          q.data && q.data.unreadNotifications > 0
            ? `You have ${q.data.unreadNotifications} unread notification${q.data.unreadNotifications === 1 ? '' : 's'}.`
            : 'Your mentoring at a glance.'
        }
        actions={q.data && q.data.mentors.length > 0 ? <RequestSessionButton /> : undefined}
      />
      {q.isPending ? (
        <LoadingState label="Loading your dashboard…" />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={3} spacing="lg">
            <MentorCard d={q.data} />
            <NextSessionCard d={q.data} />
            <GoalsCard d={q.data} />
          </SimpleGrid>
          <Grid gap="lg">
            <Grid.Col span={6}>
              <OpenGoals d={q.data} />
            </Grid.Col>
            <Grid.Col span={6}>
              <ActionItems d={q.data} />
            </Grid.Col>
          </Grid>
          <KudosCard />
        </Stack>
      )}
    </>
  );
}

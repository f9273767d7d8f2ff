import { GuardiansTab } from '../guardians/GuardiansTab.tsx';
import { KudosButton } from '../kudos/KudosButton.tsx';
import { useState, type ReactElement, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Progress,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AlertRowDto } from '../../../shared/contract/alerts.contract.ts';
import type { GoalRow } from '../../../shared/contract/goals.contract.ts';
import type { SessionRow } from '../../../shared/contract/sessions.contract.ts';
import type { StudentDetail } from '../../../shared/contract/students.contract.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { IconArrowLeft, IconFlag, IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, ErrorState, LoadingState, QueryState } from '../../components/StateViews.tsx';
import { formatDate, formatDateTime, formatDay, formatGpa, formatPercent } from '../../format.ts';
import { FeedbackList } from '../feedback/FeedbackList.tsx';
import { GoalDrawer } from '../goals/GoalDrawer.tsx';
import { GoalFormModal } from '../goals/GoalFormModal.tsx';
import { GOAL_STATUS } from '../goals/goal-labels.ts';
import { SESSION_MODE, SessionStatusBadge } from '../sessions/labels.tsx';
import { useCall, useLocalSort } from '../sessions/use-call.ts';
import { ALERT_CATEGORY, RiskBadge, SeverityBadge, ToneBadge } from '../students/badges.tsx';
import { RaiseAlertModal } from './RaiseAlertModal.tsx';
import { HandoverTab } from '../student-detail/HandoverTab.tsx';
import { NotesTab } from '../student-detail/NotesTab.tsx';

function Fact({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" component="div">
        {children}
      </Text>
    </Group>
  );
}

function Profile({ s }: { s: StudentDetail }): ReactElement {
  return (
    <Paper p="lg">
      <Stack gap={8}>
        <Title order={2} size="h4">
          Profile
        </Title>
        <Fact label="Roll number">{s.rollNumber}</Fact>
        <Fact label="Programme">{s.program ?? '—'}</Fact>
        <Fact label="Year">{s.yearOfStudy ?? '—'}</Fact>
        <Fact label="GPA">{formatGpa(s.gpa)}</Fact>
        <Fact label="Attendance">{formatPercent(s.attendancePct)}</Fact>
        <Fact label="Risk">
          <RiskBadge level={s.riskLevel} />
        </Fact>
        <Fact label="Email">
          <Anchor href={`mailto:${s.email}`} size="sm">
            {s.email}
          </Anchor>
        </Fact>
        <Fact label="Phone">{s.phone ?? '—'}</Fact>
        {s.bio && (
          <Text size="sm" c="dimmed" mt={4}>
            {s.bio}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

const sessionCol = createColumnHelper<SessionRow>();
const sessionColumns = [
  sessionCol.accessor('sessionDate', {
    header: 'When',
    size: 170,
    cell: (c) => formatDateTime(c.getValue()),
  }),
  sessionCol.accessor('topic', { header: 'Topic' }),
  sessionCol.accessor('mode', { header: 'Mode', size: 100, cell: (c) => SESSION_MODE[c.getValue()] }),
  sessionCol.accessor('status', {
    header: 'Status',
    size: 120,
    cell: (c) => <SessionStatusBadge status={c.getValue()} requested={c.row.original.requested} />,
  }),
  sessionCol.accessor('actionItemsOpen', {
    header: 'Open items',
    size: 100,
    meta: { align: 'right' },
    cell: (c) => (c.getValue() > 0 ? <Badge color="orange">{c.getValue()}</Badge> : '—'),
  }),
];

function SessionsTab({ studentId }: { studentId: string }): ReactElement {
  const navigate = useNavigate();
  const q = useCall('sessions:history', { studentId, pageSize: 200 });
  const sort = useLocalSort();
  return (
    <DataTable
      label="Sessions"
      columns={sessionColumns}
      data={q.data?.rows ?? []}
      getRowId={(s) => s.id}
      {...sort}
      isLoading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      onRowActivate={(s) => void navigate(`/sessions/${s.id}`)}
      empty={<EmptyView title="No sessions yet" description="Record or schedule the first one." />}
    />
  );
}

const goalCol = createColumnHelper<GoalRow>();
const goalColumns = [
  goalCol.accessor('title', { header: 'Goal' }),
  goalCol.accessor('progressPct', {
    header: 'Progress',
    size: 150,
    cell: (c) => (
      <Group gap="xs" wrap="nowrap">
        <Progress value={c.getValue()} w={80} aria-hidden />
        <Text size="sm">{c.getValue()}%</Text>
      </Group>
    ),
  }),
  goalCol.accessor('status', {
    header: 'Status',
    size: 120,
    cell: (c) => <ToneBadge tone={GOAL_STATUS[c.getValue()]} />,
  }),
  goalCol.accessor('targetDate', {
    header: 'Target',
    size: 130,
    cell: (c) => (
      <Text size="sm" c={c.row.original.overdue ? 'red.7' : undefined}>
        {formatDay(c.getValue(), 'None')}
      </Text>
    ),
  }),
];

function GoalsTab({ studentId }: { studentId: string }): ReactElement {
  const q = useCall('goals:list', { studentId, pageSize: 200 });
  const sort = useLocalSort();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <DataTable
        label="Goals"
        columns={goalColumns}
        data={q.data?.rows ?? []}
        getRowId={(g) => g.id}
        {...sort}
        isLoading={q.isPending}
        error={q.error}
        onRetry={() => void q.refetch()}
        onRowActivate={(g) => setOpen(g.id)}
        empty={<EmptyView title="No goals yet" description="Set one together with the student." />}
      />
      <GoalDrawer goalId={open} onClose={() => setOpen(null)} />
    </>
  );
}

function FeedbackTab({ studentId }: { studentId: string }): ReactElement {
  const q = useCall('feedback:list', { studentId, pageSize: 50 });
  return (
    <QueryState
      isLoading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      isEmpty={(q.data?.rows.length ?? 0) === 0}
      empty={
        <EmptyView
          title="No feedback you can read"
          description="Feedback is given after completed sessions."
        />
      }
    >
      <FeedbackList rows={q.data?.rows ?? []} />
    </QueryState>
  );
}

const alertCol = createColumnHelper<AlertRowDto>();
const alertColumns = [
  alertCol.accessor('createdAt', { header: 'Raised', size: 120, cell: (c) => formatDate(c.getValue()) }),
  alertCol.accessor('severity', {
    header: 'Severity',
    size: 110,
    cell: (c) => <SeverityBadge severity={c.getValue()} />,
  }),
  alertCol.accessor('category', { header: 'Kind', size: 110, cell: (c) => ALERT_CATEGORY[c.getValue()] }),
  alertCol.accessor('message', { header: 'What' }),
  alertCol.accessor('status', {
    header: 'Status',
    size: 100,
    cell: (c) => (
      <Badge color={c.getValue() === 'OPEN' ? 'orange' : 'gray'}>
        {c.getValue() === 'OPEN' ? 'Open' : 'Closed'}
      </Badge>
    ),
  }),
];

function AlertsTab({ studentId }: { studentId: string }): ReactElement {
  const q = useCall('alerts:list', { studentId, pageSize: 100 });
  const sort = useLocalSort();
  return (
    <DataTable
      label="Alerts"
      columns={alertColumns}
      data={q.data?.rows ?? []}
      getRowId={(a) => a.id}
      {...sort}
      isLoading={q.isPending}
      error={q.error}
      onRetry={() => void q.refetch()}
      empty={<EmptyView title="No alerts" description="Nothing has been flagged about this student." />}
    />
  );
}

function MenteeBody({ s }: { s: StudentDetail }): ReactElement {
  const navigate = useNavigate();
  const { user } = useCurrentUser();
  // Sessions go on ACTIVE assignments only; a paused one keeps its history readable.
  const paused = s.mentors.find((m) => m.id === user.id)?.assignmentStatus === 'PAUSED';
  const [alerting, setAlerting] = useState(false);
  const [goal, setGoal] = useState(false);
  // A handover notification opens the mentee on its Handover tab (?tab=handover).
  const tab = useSearchParams()[0].get('tab');
  const name = `${s.firstName} ${s.lastName}`;
  return (
    <>
      <PageHeader
        title={name}
        description={`${s.rollNumber}${s.program ? ` · ${s.program}` : ''}${s.yearOfStudy ? ` · year ${s.yearOfStudy}` : ''}`}
        actions={
          <>
            <Button
              variant="default"
              color="orange"
              leftSection={<IconFlag size={16} />}
              onClick={() => setAlerting(true)}
            >
              Raise alert
            </Button>
            <Button variant="default" onClick={() => setGoal(true)}>
              New goal
            </Button>
            <KudosButton studentId={s.id} studentName={name} />
            <Button
              variant="default"
              onClick={() => void navigate(`/sessions/new?kind=schedule&student=${s.id}`)}
            >
              Schedule
            </Button>
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => void navigate(`/sessions/new?student=${s.id}`)}
            >
              Record a session
            </Button>
          </>
        }
      />
      {paused && (
        <Alert color="yellow" mb="md" title="Mentoring is paused">
          The department office has paused this assignment. Its history stays here; new sessions can be added
          once it resumes.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={4}>
          <Profile s={s} />
        </Grid.Col>
        <Grid.Col span={8}>
          <Tabs defaultValue={tab ?? 'sessions'} keepMounted={false}>
            <Tabs.List mb="sm">
              <Tabs.Tab value="sessions">Sessions</Tabs.Tab>
              <Tabs.Tab value="goals">Goals</Tabs.Tab>
              <Tabs.Tab value="feedback">Feedback</Tabs.Tab>
              <Tabs.Tab value="alerts">Alerts</Tabs.Tab>
              <Tabs.Tab value="guardians">Guardians</Tabs.Tab>
              <Tabs.Tab value="notes">Notes</Tabs.Tab>
              <Tabs.Tab value="handover">Handover</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="sessions">
              <SessionsTab studentId={s.id} />
            </Tabs.Panel>
            <Tabs.Panel value="goals">
              <GoalsTab studentId={s.id} />
            </Tabs.Panel>
            <Tabs.Panel value="feedback">
              <FeedbackTab studentId={s.id} />
            </Tabs.Panel>
            <Tabs.Panel value="alerts">
              <AlertsTab studentId={s.id} />
            </Tabs.Panel>
            <Tabs.Panel value="guardians">
              <GuardiansTab studentId={s.id} />
            </Tabs.Panel>
            <Tabs.Panel value="notes">
              <NotesTab studentId={s.id} canWrite />
            </Tabs.Panel>
            <Tabs.Panel value="handover">
              <HandoverTab studentId={s.id} />
            </Tabs.Panel>
          </Tabs>
        </Grid.Col>
      </Grid>
      <RaiseAlertModal student={alerting ? { id: s.id, name } : null} onClose={() => setAlerting(false)} />
      <GoalFormModal opened={goal} studentId={s.id} onClose={() => setGoal(false)} />
    </>
  );
}

/** One mentee: profile, sessions, goals, feedback and alerts, with the mentor's actions. */
export function MenteePage(): ReactElement {
  const { id = '' } = useParams();
  const q = useCall('students:get', { id });
  return (
    <>
      <Anchor
        component={Link}
        to="/mentees"
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> My mentees
      </Anchor>
      {q.isPending ? (
        <LoadingState label="Loading the student…" />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <MenteeBody s={q.data} />
      )}
    </>
  );
}

import { useState, type ReactElement, type ReactNode } from 'react';
import { Alert, Anchor, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import type { SessionDetail } from '../../../shared/contract/sessions.contract.ts';
import type { CurrentUser } from '../../../shared/domain/user.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { IconArrowLeft, IconPencil } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, ErrorState, LoadingState, QueryState } from '../../components/StateViews.tsx';
import { formatDateTime, formatRelativeDay } from '../../format.ts';
import { ActionItemsChecklist } from '../action-items/ActionItemsChecklist.tsx';
import { FeedbackList } from '../feedback/FeedbackList.tsx';
import { GiveFeedbackModal } from '../feedback/GiveFeedbackModal.tsx';
import { ATTENDANCE, SESSION_MODE, SessionStatusBadge } from './labels.tsx';
import { SessionActionModal, type SessionAction } from './SessionModals.tsx';
import { useCall } from './use-call.ts';

function Fact({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

const isStaff = (u: CurrentUser): boolean => u.role !== 'STUDENT';

/** Buttons for what this user may do with the session now. */
function SessionActions({
  s,
  onAction,
}: {
  s: SessionDetail;
  onAction(a: SessionAction | 'feedback'): void;
}): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const live = s.assignmentStatus !== 'ENDED';
  const scheduled = s.status === 'SCHEDULED' && live;
  const isMentor = user.role === 'MENTOR' && user.id === s.mentorId;
  const canPlan = isMentor || (isStaff(user) && user.role !== 'MENTOR');
  return (
    <Group gap="sm">
      {scheduled && s.requested && isMentor && (
        <>
          <Button variant="default" color="red" onClick={() => onAction('decline')}>
            Decline
          </Button>
          <Button onClick={() => onAction('confirm')}>Confirm request</Button>
        </>
      )}
      {scheduled && !s.requested && canPlan && (
        <>
          <Button variant="default" onClick={() => onAction('cancel')}>
            Cancel session
          </Button>
          <Button variant="default" onClick={() => onAction('reschedule')}>
            Reschedule
          </Button>
        </>
      )}
      {scheduled && !s.requested && isMentor && (
        <Button onClick={() => void navigate(`/sessions/${s.id}/record`)}>Record what happened</Button>
      )}
      {s.status === 'COMPLETED' && isMentor && s.createdById === user.id && live && (
        <Button
          variant="default"
          leftSection={<IconPencil size={16} />}
          onClick={() => void navigate(`/sessions/${s.id}/edit`)}
        >
          Edit
        </Button>
      )}
    </Group>
  );
}

function FeedbackPanel({ s, onGive }: { s: SessionDetail; onGive(): void }): ReactElement {
  const { user } = useCurrentUser();
  const q = useCall('feedback:list', { sessionId: s.id, pageSize: 20 });
  const party = user.id === s.mentorId || user.id === s.studentId;
  const mine = (q.data?.rows ?? []).some((f) => f.giverUserId === user.id);
  const canGive = party && s.status === 'COMPLETED' && !mine && s.assignmentStatus !== 'ENDED';
  return (
    <Paper p="lg">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          Feedback
        </Title>
        {canGive && (
          <Button size="xs" onClick={onGive}>
            Give feedback
          </Button>
        )}
      </Group>
      <QueryState
        isLoading={q.isPending}
        error={q.error}
        onRetry={() => void q.refetch()}
        isEmpty={(q.data?.rows.length ?? 0) === 0}
        empty={
          <Text size="sm" c="dimmed">
            {s.status === 'COMPLETED'
              ? 'No feedback you can read yet.'
              : 'Feedback can be given once the session has taken place.'}
          </Text>
        }
      >
        <FeedbackList rows={q.data?.rows ?? []} />
      </QueryState>
    </Paper>
  );
}

function SessionBody({ s }: { s: SessionDetail }): ReactElement {
  const { user } = useCurrentUser();
  const [action, setAction] = useState<SessionAction | 'feedback' | null>(null);
  const student = user.role === 'STUDENT';
  const party = user.id === s.mentorId || user.id === s.studentId;
  const canToggle = party && s.status === 'COMPLETED' && s.assignmentStatus !== 'ENDED';
  return (
    <>
      <PageHeader
        title={s.topic}
        description={
          <Group gap="xs" component="span">
            <SessionStatusBadge status={s.status} requested={s.requested} />
            <span>
              {student
                ? `with ${s.mentorName}`
                : `${s.studentName}${s.rollNumber ? ` (${s.rollNumber})` : ''}${user.id === s.mentorId ? '' : ` · mentor ${s.mentorName}`}`}
            </span>
          </Group>
        }
        actions={<SessionActions s={s} onAction={setAction} />}
      />
      {s.assignmentStatus === 'ENDED' && (
        <Alert color="gray" mb="md" title="Read-only history">
          This mentoring assignment has ended; its sessions are kept as they were.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <Paper p="lg">
              <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
                <Fact label="When">
                  {formatDateTime(s.sessionDate)}
                  <Text size="xs" c="dimmed">
                    {formatRelativeDay(s.sessionDate)}
                  </Text>
                </Fact>
                <Fact label="Mode">{SESSION_MODE[s.mode]}</Fact>
                <Fact label="Location">{s.location ?? '—'}</Fact>
                <Fact label="Attendance">
                  {s.status === 'COMPLETED' ? ATTENDANCE[s.attendance].label : '—'}
                </Fact>
                <Fact label="Next meeting">{formatDateTime(s.nextMeetingOn, 'Not set')}</Fact>
                <Fact label="Last changed">{formatDateTime(s.updatedAt)}</Fact>
              </SimpleGrid>
            </Paper>
            {!student && (
              <Paper p="lg">
                <Title order={2} size="h3" mb="xs">
                  Summary
                </Title>
                <Text size="xs" c="dimmed" mb="sm">
                  Staff only: the student never sees the summary.
                </Text>
                {s.summary ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {s.summary}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {s.status === 'SCHEDULED'
                      ? 'Written when the session is recorded.'
                      : 'No summary was written.'}
                  </Text>
                )}
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Paper p="lg">
              <Title order={2} size="h3" mb="sm">
                Action items
              </Title>
              <ActionItemsChecklist session={s} canToggle={canToggle} />
            </Paper>
            <FeedbackPanel s={s} onGive={() => setAction('feedback')} />
          </Stack>
        </Grid.Col>
      </Grid>
      <SessionActionModal
        session={s}
        action={action === 'feedback' ? null : action}
        onClose={() => setAction(null)}
      />
      <GiveFeedbackModal
        target={
          action === 'feedback'
            ? {
                sessionId: s.id,
                topic: s.topic,
                sessionDate: s.sessionDate,
                about: student ? s.mentorName : s.studentName,
              }
            : null
        }
        onClose={() => setAction(null)}
      />
    </>
  );
}

export function SessionDetailPage(): ReactElement {
  const { id = '' } = useParams();
  const { user } = useCurrentUser();
  const q = useCall('sessions:get', { id });
  const back = user.role === 'STUDENT' ? '/my-sessions' : user.role === 'MENTOR' ? '/sessions' : '/';
  return (
    <>
      <Anchor
        component={Link}
        to={back}
        size="sm"
        mb="xs"
        display="inline-flex"
        style={{ alignItems: 'center', gap: 4 }}
      >
        <IconArrowLeft size={14} /> {user.role === 'STUDENT' ? 'My sessions' : 'Sessions'}
      </Anchor>
      {q.isPending ? (
        <LoadingState label="Loading the session…" />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data ? (
        <SessionBody s={q.data} />
      ) : (
        <EmptyView title="Session not found" />
      )}
    </>
  );
}

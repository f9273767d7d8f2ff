import { useEffect, type KeyboardEvent, type ReactElement } from 'react';
import {
  Alert,
  Button,
  Group,
  Paper,
  Grid,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { SessionDetail } from '../../../shared/contract/sessions.contract.ts';
import type { Attendance, SessionMode } from '../../../shared/domain/enums.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { ATTENDANCE_OPTIONS, MODE_OPTIONS } from '../sessions/labels.tsx';
import { useCall } from '../sessions/use-call.ts';
import { useSyncStatus } from '../sync/use-sync-status.ts';
import { ActionItemsEditor } from './ActionItemsEditor.tsx';
import { nextHalfHour, officeMorning } from './datetime.ts';
import { DateTimeField } from './DateTimeField.tsx';
import { emptyValues, valuesFromSession, type FormKind, type SessionFormValues } from './form-model.ts';
import { useSessionForm } from './use-session-form.ts';

const TITLES: Record<FormKind, { title: string; description: string; save: string }> = {
  record: {
    title: 'Record a session',
    description: 'A meeting that took place: what was discussed, attendance and the agreed next steps.',
    save: 'Save session',
  },
  schedule: {
    title: 'Schedule a session',
    description: 'A meeting in the future. The student is told; record it once it has taken place.',
    save: 'Schedule session',
  },
  complete: {
    title: 'Record this session',
    description: 'The planned meeting took place: add your notes, attendance and action items.',
    save: 'Save session',
  },
  edit: {
    title: 'Correct a session',
    description: 'Change what you recorded. Only the changed fields are saved.',
    save: 'Save changes',
  },
};

function MenteeSelect({
  value,
  onChange,
  error,
  preselectStudent,
}: {
  value: string;
  onChange(assignmentId: string): void;
  error?: string;
  preselectStudent: string | null;
}): ReactElement {
  const q = useCall('assignments:list', { status: 'ACTIVE', pageSize: 200, sort: 'student', dir: 'asc' });
  const rows = q.data?.rows ?? [];
  const wanted = preselectStudent ? rows.find((r) => r.studentId === preselectStudent) : undefined;
  const wantedId = wanted?.id;
  useEffect(() => {
    if (!value && wantedId) onChange(wantedId);
  }, [value, wantedId, onChange]);
  return (
    <Select
      label="Mentee"
      placeholder={q.isPending ? 'Loading your mentees…' : 'Choose a mentee'}
      required
      searchable
      data={rows.map((r) => ({
        value: r.id,
        label: `${r.studentName}${r.rollNumber ? ` · ${r.rollNumber}` : ''}`,
      }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error ?? (q.error ? 'Your mentees could not be loaded.' : undefined)}
      nothingFoundMessage="No active mentee matches"
    />
  );
}

function SessionForm({
  kind,
  initial,
  session,
  preselectStudent,
  onKindChange,
}: {
  kind: FormKind;
  initial: SessionFormValues;
  session?: SessionDetail;
  preselectStudent: string | null;
  onKindChange?(kind: 'record' | 'schedule'): void;
}): ReactElement {
  const navigate = useNavigate();
  const { status } = useSyncStatus();
  const form = useSessionForm(kind, initial, { sessionId: session?.id, synced: status?.mode === 'synced' });
  const { values: v, set, errors } = form;
  const recording = kind !== 'schedule';
  const text = TITLES[kind];

  const save = async (): Promise<void> => {
    const saved = await form.submit();
    if (saved) void navigate(`/sessions/${saved.id}`, { replace: true });
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <form
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <PageHeader
        title={text.title}
        description={text.description}
        actions={
          onKindChange && (
            <SegmentedControl
              aria-label="What to do"
              value={kind}
              onChange={(k) => onKindChange(k as 'record' | 'schedule')}
              data={[
                { value: 'record', label: 'It took place' },
                { value: 'schedule', label: 'Plan a meeting' },
              ]}
            />
          )
        }
      />
      <Grid gap="lg" maw={recording ? undefined : 640}>
        <Grid.Col span={recording ? 5 : 12}>
          <Paper p="lg" h="100%">
            <Stack gap="md">
              <Title order={2} size="h3">
                Meeting
              </Title>
              {session ? (
                <Text size="sm">
                  <Text span fw={600}>
                    {session.studentName}
                  </Text>{' '}
                  {session.rollNumber && (
                    <Text span c="dimmed">
                      · {session.rollNumber}
                    </Text>
                  )}
                  {kind === 'complete' && (
                    <Text span c="dimmed">
                      {' '}
                      · planned for {formatDateTime(session.sessionDate)}
                    </Text>
                  )}
                </Text>
              ) : (
                <MenteeSelect
                  value={v.assignmentId}
                  onChange={(id) => set('assignmentId', id)}
                  error={errors.assignmentId}
                  preselectStudent={preselectStudent}
                />
              )}
              <DateTimeField
                label={kind === 'schedule' ? 'When' : 'When it took place'}
                required
                value={v.when}
                onChange={(when) => set('when', when)}
                error={errors.when}
              />
              <Stack gap={4}>
                <Text size="sm" fw={500} id="mode-label">
                  Mode
                </Text>
                <SegmentedControl
                  aria-labelledby="mode-label"
                  value={v.mode}
                  onChange={(m) => set('mode', m as SessionMode)}
                  data={MODE_OPTIONS}
                  w="fit-content"
                />
              </Stack>
              <TextInput
                label="Location"
                placeholder={v.mode === 'ONLINE' ? 'Meeting link or platform' : 'Room, block or phone number'}
                value={v.location}
                onChange={(e) => set('location', e.currentTarget.value)}
                error={errors.location}
              />
              <TextInput
                label="Topic"
                required
                placeholder="e.g. Mid-semester marks and attendance"
                value={v.topic}
                onChange={(e) => set('topic', e.currentTarget.value)}
                error={errors.topic}
              />
              {recording && (
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="attendance-label">
                    Attendance
                  </Text>
                  <SegmentedControl
                    aria-labelledby="attendance-label"
                    value={v.attendance}
                    onChange={(a) => set('attendance', a as Attendance)}
                    data={ATTENDANCE_OPTIONS}
                    color={v.attendance === 'ABSENT' ? 'red' : undefined}
                    w="fit-content"
                  />
                  {errors.attendance && (
                    <Text size="xs" c="red">
                      {errors.attendance}
                    </Text>
                  )}
                </Stack>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
        {recording && (
          <Grid.Col span={7}>
            <Paper p="lg" h="100%">
              <Stack gap="md">
                <Title order={2} size="h3">
                  Notes and next steps
                </Title>
                <Textarea
                  label="Summary"
                  description="Staff only: you and the department office can read it; the student never sees it."
                  autosize
                  minRows={4}
                  maxRows={9}
                  value={v.summary}
                  onChange={(e) => set('summary', e.currentTarget.value)}
                  error={errors.summary}
                />
                <Stack gap={6}>
                  <Text size="sm" fw={500}>
                    Action items
                  </Text>
                  <ActionItemsEditor
                    items={v.actionItems}
                    onChange={(items) => set('actionItems', items)}
                    errors={errors}
                  />
                </Stack>
                <DateTimeField
                  label="Next meeting"
                  description="Optional. Shown to the student and on your dashboard."
                  clearable
                  value={v.next}
                  onChange={(next) => set('next', next)}
                  error={errors.next}
                />
              </Stack>
            </Paper>
          </Grid.Col>
        )}
      </Grid>
      <Stack gap="sm" mt="lg">
        <FormAlert title="Not saved" message={form.formError} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Ctrl+Enter saves.
          </Text>
          <Group gap="sm">
            <Button variant="default" component={Link} to={session ? `/sessions/${session.id}` : '/sessions'}>
              Cancel
            </Button>
            <Button type="submit" loading={form.busy}>
              {text.save}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** /sessions/new: record a meeting that happened, or plan one (?kind=schedule). */
export function NewSessionPage(): ReactElement {
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') === 'schedule' ? 'schedule' : 'record';
  const student = params.get('student');
  // A planned meeting defaults to tomorrow; a recorded one to the last half hour today.
  const when = kind === 'schedule' ? officeMorning() : nextHalfHour(new Date(Date.now() - 3_600_000));
  return (
    <SessionForm
      key={kind}
      kind={kind}
      initial={emptyValues('', when)}
      preselectStudent={student}
      onKindChange={(k) => {
        const next = new URLSearchParams(params);
        next.set('kind', k);
        setParams(next, { replace: true });
      }}
    />
  );
}

/** /sessions/:id/record (complete a planned session) and /sessions/:id/edit (correct a record). */
export function ExistingSessionFormPage({ kind }: { kind: 'complete' | 'edit' }): ReactElement {
  const { id = '' } = useParams();
  const q = useCall('sessions:get', { id });
  if (q.isPending) return <LoadingState label="Loading the session…" />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const s = q.data;
  const wrongState =
    (kind === 'complete' && s.status !== 'SCHEDULED') || (kind === 'edit' && s.status === 'CANCELLED');
  if (wrongState) {
    return (
      <Alert color="yellow" title="This session cannot be changed here" maw={620}>
        It is {s.status.toLowerCase()}. <Link to={`/sessions/${s.id}`}>Back to the session</Link>
      </Alert>
    );
  }
  return <SessionForm kind={kind} initial={valuesFromSession(s)} session={s} preselectStudent={null} />;
}

import { useState, type ReactElement } from 'react';
import {
  Badge,
  Button,
  Drawer,
  Group,
  NumberInput,
  Paper,
  Progress,
  Select,
  Slider,
  Stack,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { GoalDetail } from '../../../shared/contract/goals.contract.ts';
import type { GoalStatus } from '../../../shared/domain/enums.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { IconPencil } from '../../components/icons.tsx';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatDateTime, formatDay } from '../../format.ts';
import { ToneBadge } from '../students/badges.tsx';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { GoalFormModal } from './GoalFormModal.tsx';
import { GOAL_CATEGORY, GOAL_STATUS, options } from './goal-labels.ts';

// One goal: what it is, its progress notes (newest first) and a form for the next note. The goal's
// progress and status always follow the latest note, so the note is where progress is changed.

function ProgressNoteForm({ goal }: { goal: GoalDetail }): ReactElement {
  const add = useWrite('goals:add-update', { success: 'Progress noted.' });
  const [note, setNote] = useState('');
  const [pct, setPct] = useState(goal.progressPct);
  const [status, setStatus] = useState<GoalStatus | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    setFormError(null);
    const input = { goalId: goal.id, note, progressPct: pct, ...(status ? { status } : {}) };
    const parsed = CONTRACT['goals:add-update'].input.safeParse(input);
    if (!parsed.success) {
      setErrors(
        issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
      );
      return;
    }
    setErrors({});
    try {
      await add.mutateAsync(input);
      setNote('');
      setStatus(null);
    } catch (err) {
      if (isAppError(err) && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
      else setFormError(errorMessage(err));
    }
  };

  return (
    <Paper p="md" bg="gray.0">
      <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Note progress
          </Title>
          <Textarea
            label="What happened"
            required
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Group align="flex-end" gap="md" wrap="nowrap">
            <Stack gap={4} flex={1}>
              <Text size="sm" fw={500} id="progress-label">
                Progress
              </Text>
              <Slider
                value={pct}
                onChange={setPct}
                step={5}
                aria-labelledby="progress-label"
                label={(v) => `${v}%`}
              />
            </Stack>
            <NumberInput
              aria-label="Progress in per cent"
              w={90}
              min={0}
              max={100}
              suffix="%"
              value={pct}
              onChange={(v) => setPct(typeof v === 'number' ? v : Number(v) || 0)}
              error={errors.progressPct}
            />
            <Select
              label="Status"
              placeholder="Follows the progress"
              clearable
              w={190}
              data={options(GOAL_STATUS)}
              value={status}
              onChange={(v) => setStatus(v as GoalStatus | null)}
            />
          </Group>
          <FormAlert title="Not saved" message={formError} />
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              Add note
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function GoalBody({ goal }: { goal: GoalDetail }): ReactElement {
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Title order={2} size="h3">
            {goal.title}
          </Title>
          <Group gap="xs">
            <ToneBadge tone={GOAL_STATUS[goal.status]} />
            <Badge color="gray">{GOAL_CATEGORY[goal.category]}</Badge>
            {goal.overdue && <Badge color="red">Overdue</Badge>}
          </Group>
          <Text size="sm" c="dimmed">
            {goal.studentName}
            {goal.targetDate ? ` · target ${formatDay(goal.targetDate)}` : ' · no target date'}
          </Text>
        </Stack>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPencil size={14} />}
          onClick={() => setEditing(true)}
          style={{ flexShrink: 0 }}
        >
          Edit
        </Button>
      </Group>
      <Progress
        value={goal.progressPct}
        size="lg"
        color={goal.overdue ? 'red' : 'brand'}
        aria-label={`Progress ${goal.progressPct}%`}
      />
      <Text size="sm" fw={600}>
        {goal.progressPct}% done
      </Text>
      {goal.description && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {goal.description}
        </Text>
      )}
      {goal.status !== 'COMPLETED' && <ProgressNoteForm key={goal.updatedAt} goal={goal} />}
      <Title order={3} size="h4">
        Progress notes
      </Title>
      {goal.updates.length === 0 ? (
        <Text size="sm" c="dimmed">
          No notes yet.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={0}>
          {goal.updates.map((u) => (
            <Timeline.Item
              key={u.id}
              title={
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {u.progressPct}%
                  </Text>
                  <ToneBadge tone={GOAL_STATUS[u.status]} size="xs" />
                </Group>
              }
            >
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {u.note}
              </Text>
              <Text size="xs" c="dimmed">
                {u.notedByName} · {formatDateTime(u.createdAt)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      <GoalFormModal opened={editing} goal={goal} onClose={() => setEditing(false)} />
    </Stack>
  );
}

export function GoalDrawer({ goalId, onClose }: { goalId: string | null; onClose(): void }): ReactElement {
  const q = useCall('goals:get', { id: goalId ?? '' }, { enabled: goalId !== null });
  return (
    <Drawer
      lockScroll={false}
      opened={goalId !== null}
      onClose={onClose}
      position="right"
      size={520}
      title="Goal"
    >
      {goalId &&
        (q.isPending ? (
          <LoadingState />
        ) : q.error ? (
          <ErrorState error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <GoalBody goal={q.data} />
        ))}
    </Drawer>
  );
}

import { useState, type ReactElement } from 'react';
import { Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { canCall } from '../../../shared/permissions.ts';
import { errorMessage } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { useCall, useWrite } from '../sessions/use-call.ts';

// The department's handover rule for staff notes (issue 12 item 2), on the department settings page
// beside the risk thresholds and compliance norms. Only the department admin may change it (its
// mentors' notes); higher admins see it read-only.

type View = CallOutput<'notes:settings-get'>;

function Form({
  view,
  departmentId,
  mayChange,
}: {
  view: View;
  departmentId?: string;
  mayChange: boolean;
}): ReactElement {
  const [follow, setFollow] = useState(view.notesFollowHandover);
  const [error, setError] = useState<string | null>(null);
  const save = useWrite('notes:settings-set', {
    success: (r) =>
      r.notesFollowHandover
        ? 'Saved: a former mentor’s staff notes now stay visible to the new mentor.'
        : 'Saved: a former mentor’s staff notes now stay with their author and the department office.',
  });
  const submit = async (): Promise<void> => {
    setError(null);
    try {
      await save.mutateAsync({ departmentId, notesFollowHandover: follow });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Stack gap="sm">
      <Switch
        label="The outgoing mentor’s staff notes stay visible to the new mentor"
        description="Off: after a handover those notes are read only by their author and the department office."
        checked={follow}
        disabled={!mayChange || save.isPending}
        onChange={(e) => setFollow(e.currentTarget.checked)}
      />
      <FormAlert message={error} />
      {mayChange ? (
        <Group justify="flex-end">
          <Button
            onClick={() => void submit()}
            loading={save.isPending}
            disabled={follow === view.notesFollowHandover}
          >
            Save handover setting
          </Button>
        </Group>
      ) : (
        <Text size="xs" c="dimmed">
          The department’s administrator sets this for their mentors.
        </Text>
      )}
    </Stack>
  );
}

export function HandoverNotesSetting({ departmentId }: { departmentId?: string }): ReactElement {
  const { user } = useCurrentUser();
  const q = useCall('notes:settings-get', { departmentId });
  return (
    <Paper p="md" mt="xl">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Staff notes at a handover
        </Title>
        {q.data?.isDefault && (
          <Badge size="sm" color="gray">
            Using the default (off)
          </Badge>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        When a student moves to another mentor, whether the staff-only notes the outgoing mentor wrote move
        with the student. Notes by the department office or a co-mentor always do; restricted notes never do.
      </Text>
      <QueryState isLoading={q.isPending} error={q.error} onRetry={() => void q.refetch()}>
        {q.data && (
          <Form
            key={`${q.data.departmentId}:${String(q.data.notesFollowHandover)}`}
            view={q.data}
            departmentId={departmentId}
            mayChange={canCall(user.role, 'notes:settings-set')}
          />
        )}
      </QueryState>
    </Paper>
  );
}

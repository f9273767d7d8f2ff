import { useState, type ReactElement } from 'react';
import { Button, Group, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import type { NotificationType } from '../../../shared/domain/enums.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { errorMessage } from '../../api.ts';
import { useCall, useWrite } from '../sessions/use-call.ts';

// Per notification type: at once, or gathered into one daily digest (issue 12 item 6). The digest
// arrives the next day with everything held back the day before.

const TYPES: Record<NotificationType, { label: string; help: string }> = {
  SESSION_REMINDER: { label: 'Session reminders', help: 'Sessions due within a day; meeting shortfalls.' },
  GOAL_DUE: { label: 'Goals due', help: 'Goals due within a week.' },
  ALERT: { label: 'Alerts', help: 'Concerns raised, HIGH-risk students without contact, mentor load.' },
  ASSIGNMENT: { label: 'Assignments', help: 'Mentor assigned, changed or ended.' },
  FEEDBACK: { label: 'Feedback and kudos', help: 'Feedback given to you; kudos.' },
};

type Delivery = 'IMMEDIATE' | 'DIGEST';

function PrefsForm({ initial }: { initial: { type: NotificationType; delivery: Delivery }[] }): ReactElement {
  const [prefs, setPrefs] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const save = useWrite('notifications:set-prefs', { success: 'Notification delivery saved.' });
  const submit = async (): Promise<void> => {
    setError(null);
    try {
      await save.mutateAsync({ prefs });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Paper p="md" maw={820}>
      <Table aria-label="Notification delivery" verticalSpacing="sm">
        <Table.Tbody>
          {prefs.map((p) => (
            <Table.Tr key={p.type}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {TYPES[p.type].label}
                </Text>
                <Text size="xs" c="dimmed">
                  {TYPES[p.type].help}
                </Text>
              </Table.Td>
              <Table.Td w={260}>
                <SegmentedControl
                  aria-label={`${TYPES[p.type].label} delivery`}
                  value={p.delivery}
                  onChange={(v) =>
                    setPrefs((all) =>
                      all.map((x) => (x.type === p.type ? { ...x, delivery: v as Delivery } : x)),
                    )
                  }
                  data={[
                    { value: 'IMMEDIATE', label: 'Immediately' },
                    { value: 'DIGEST', label: 'Daily digest' },
                  ]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="sm" mt="md">
        <FormAlert title="Not saved" message={error} />
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function DeliveryPrefsPage(): ReactElement {
  const q = useCall('notifications:get-prefs', {});
  return (
    <>
      <PageHeader
        title="Notification delivery"
        description="Choose per kind of notification: at once, or one daily digest the next morning."
      />
      <QueryState isLoading={q.isPending} error={q.error} onRetry={() => void q.refetch()}>
        {q.data && <PrefsForm initial={q.data.prefs} />}
      </QueryState>
    </>
  );
}

import type { ReactElement } from 'react';
import { Badge, Checkbox, Group, Stack, Text } from '@mantine/core';
import type { SessionDetail } from '../../../shared/contract/sessions.contract.ts';
import { formatDay } from '../../format.ts';
import { useWrite } from '../sessions/use-call.ts';

// A session's action items as a checklist: the mentor or the student it concerns ticks them off
// (sessions:toggle-action-item), one at a time, in the order the mentor wrote them.

const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export function ActionItemsChecklist({
  session,
  canToggle,
}: {
  session: SessionDetail;
  canToggle: boolean;
}): ReactElement {
  const toggle = useWrite('sessions:toggle-action-item', { toastErrors: true });
  if (session.actionItems.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No action items were agreed in this session.
      </Text>
    );
  }
  // The tick shows at once; it is undone (with a message) if the call is refused.
  const pending = toggle.isPending ? toggle.variables : undefined;
  return (
    <Stack gap="xs">
      {session.actionItems.map((item, index) => {
        const done = pending?.index === index ? pending.done : item.done;
        const overdue = !done && item.dueOn !== undefined && item.dueOn < todayUtc();
        return (
          <Group key={`${index}-${item.text}`} gap="sm" wrap="nowrap" align="flex-start">
            <Checkbox
              mt={2}
              checked={done}
              disabled={!canToggle || pending !== undefined}
              onChange={(e) => toggle.mutate({ id: session.id, index, done: e.currentTarget.checked })}
              aria-label={`${item.text}: done`}
            />
            <Stack gap={0} flex={1}>
              <Text size="sm" td={done ? 'line-through' : undefined} c={done ? 'dimmed' : undefined}>
                {item.text}
              </Text>
              {item.dueOn && (
                <Group gap={6}>
                  <Text size="xs" c={overdue ? 'red.7' : 'dimmed'}>
                    Due {formatDay(item.dueOn)}
                  </Text>
                  {overdue && (
                    <Badge size="xs" color="red">
                      Overdue
                    </Badge>
                  )}
                </Group>
              )}
            </Stack>
          </Group>
        );
      })}
    </Stack>
  );
}

import { useState, type ReactElement } from 'react';
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
  // The tick shows at once, set in the click itself: a controlled checkbox whose state changes only
  // after the click (the mutation's pending state arrives a tick later) is put back by React first,
  // so it would flicker off. It is undone (with a message) if the call is refused.
  const [ticked, setTicked] = useState<{ index: number; done: boolean } | null>(null);
  if (session.actionItems.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No action items were agreed in this session.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {session.actionItems.map((item, index) => {
        const done = ticked?.index === index ? ticked.done : item.done;
        const overdue = !done && item.dueOn !== undefined && item.dueOn < todayUtc();
        return (
          <Group key={`${index}-${item.text}`} gap="sm" wrap="nowrap" align="flex-start">
            <Checkbox
              mt={2}
              checked={done}
              disabled={!canToggle || ticked !== null}
              onChange={(e) => {
                const next = { index, done: e.currentTarget.checked };
                setTicked(next);
                // Settled once the refreshed session is in (useWrite awaits the refetch).
                toggle.mutate({ id: session.id, ...next }, { onSettled: () => setTicked(null) });
              }}
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

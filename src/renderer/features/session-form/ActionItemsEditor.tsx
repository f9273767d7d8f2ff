import { useEffect, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { ActionIcon, Button, Checkbox, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { MAX_ACTION_ITEMS } from '../../../shared/contract/sessions.contract.ts';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '../../components/icons.tsx';
import { parseTypedDate } from './datetime.ts';
import { newItemKey, type ActionItemDraft } from './form-model.ts';

// The agreed next steps of a meeting. Enter in a text field adds the next row; Alt+↑/↓ move a row;
// each row's buttons say what they do to screen readers. Done items stay listed (struck through).

function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

export function ActionItemsEditor({
  items,
  onChange,
  errors,
}: {
  items: ActionItemDraft[];
  onChange(items: ActionItemDraft[]): void;
  errors: Record<string, string>;
}): ReactElement {
  const focusKey = useRef<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());

  useEffect(() => {
    if (!focusKey.current) return;
    inputs.current.get(focusKey.current)?.focus();
    focusKey.current = null;
  });

  const update = (key: string, patch: Partial<ActionItemDraft>): void =>
    onChange(items.map((i) => (i.key === key ? { ...i, ...patch } : i)));

  const add = (after = items.length - 1): void => {
    if (items.length >= MAX_ACTION_ITEMS) return;
    const item = { key: newItemKey(), text: '', done: false, dueOn: '' };
    focusKey.current = item.key;
    onChange([...items.slice(0, after + 1), item, ...items.slice(after + 1)]);
  };

  const remove = (index: number): void => {
    const next = items.filter((_, i) => i !== index);
    focusKey.current = next[Math.min(index, next.length - 1)]?.key ?? null;
    onChange(next);
  };

  const shift = (index: number, by: number): void => {
    focusKey.current = items[index]?.key ?? null;
    onChange(move(items, index, index + by));
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>, index: number): void => {
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      add(index);
    } else if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault();
      shift(index, e.key === 'ArrowUp' ? -1 : 1);
    }
  };

  return (
    <Stack gap="xs" role="group" aria-label="Action items">
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          No action items yet. Add the steps you agreed on, with a due date where there is one.
        </Text>
      )}
      {items.map((item, index) => (
        <Group key={item.key} gap="xs" wrap="nowrap" align="flex-start">
          <Checkbox
            mt={8}
            checked={item.done}
            onChange={(e) => update(item.key, { done: e.currentTarget.checked })}
            aria-label={`Action item ${index + 1} done`}
          />
          <TextInput
            flex={1}
            placeholder="What will be done, by whom"
            aria-label={`Action item ${index + 1}`}
            value={item.text}
            ref={(el) => {
              if (el) inputs.current.set(item.key, el);
              else inputs.current.delete(item.key);
            }}
            onChange={(e) => update(item.key, { text: e.currentTarget.value })}
            onKeyDown={(e) => onKey(e, index)}
            error={errors[`item.${item.key}.text`]}
            styles={
              item.done
                ? { input: { textDecoration: 'line-through', color: 'var(--mantine-color-dimmed)' } }
                : undefined
            }
          />
          <DateInput
            w={150}
            placeholder="Due (optional)"
            aria-label={`Action item ${index + 1} due date`}
            valueFormat="DD MMM YYYY"
            dateParser={(text) => parseTypedDate(text)}
            value={item.dueOn || null}
            onChange={(d) => update(item.key, { dueOn: d ?? '' })}
            clearable
            error={errors[`item.${item.key}.dueOn`]}
          />
          <Group gap={2} wrap="nowrap" mt={4}>
            <Tooltip label="Move up (Alt+↑)">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Move action item ${index + 1} up`}
                disabled={index === 0}
                onClick={() => shift(index, -1)}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move down (Alt+↓)">
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Move action item ${index + 1} down`}
                disabled={index === items.length - 1}
                onClick={() => shift(index, 1)}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Remove">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove action item ${index + 1}`}
                onClick={() => remove(index)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
      ))}
      {errors.actionItems && (
        <Text size="xs" c="red" role="alert">
          {errors.actionItems}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => add()}
          disabled={items.length >= MAX_ACTION_ITEMS}
        >
          Add action item
        </Button>
        {items.length > 0 && (
          <Text size="xs" c="dimmed">
            Enter adds a row · Alt+↑/↓ moves it
          </Text>
        )}
      </Group>
    </Stack>
  );
}

import { useState, type KeyboardEvent, type ReactElement } from 'react';
import { Badge, Group, Kbd, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import type { SearchResult } from '../../../shared/contract/search.contract.ts';
import { errorMessage } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { IconSearch } from '../../components/icons.tsx';
import { RiskBadge } from '../students/badges.tsx';
import { useCall } from '../sessions/use-call.ts';
import { searchTarget } from './search-target.ts';

// Ctrl+K (⌘K) anywhere: find a student by name or roll number, or a mentor by name, in your scope.
// Arrow keys move through the results, Enter opens one, Esc closes.

function ResultRow({
  r,
  active,
  onOpen,
  disabled,
}: {
  r: SearchResult;
  active: boolean;
  onOpen(): void;
  disabled: boolean;
}): ReactElement {
  return (
    <UnstyledButton
      onClick={onOpen}
      disabled={disabled}
      role="option"
      aria-selected={active}
      px="sm"
      py={6}
      style={{
        borderRadius: 6,
        background: active ? 'var(--mantine-color-brand-0)' : undefined,
        opacity: disabled ? 0.7 : 1,
      }}
    >
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {r.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {r.kind === 'student'
              ? [r.rollNumber, r.program, r.departmentName].filter(Boolean).join(' · ')
              : [r.designation ?? 'Mentor', r.departmentName].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
        <Group gap={6} wrap="nowrap">
          {r.status !== 'ACTIVE' && (
            <Badge color="gray">{r.status === 'DISABLED' ? 'Disabled' : 'Invited'}</Badge>
          )}
          {r.kind === 'student' ? <RiskBadge level={r.riskLevel} /> : <Badge color="blue">Mentor</Badge>}
        </Group>
      </Group>
    </UnstyledButton>
  );
}

function SearchPanel({ paths, onClose }: { paths: readonly string[]; onClose(): void }): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [q] = useDebouncedValue(text.trim(), 200);
  const search = useCall('search:global', { q }, { enabled: q.length >= 2 });
  const results = q.length >= 2 ? (search.data?.results ?? []) : [];
  const open = (r: SearchResult): void => {
    const to = searchTarget(r, user.role, paths);
    if (!to) return;
    onClose();
    void navigate(to);
  };
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = results.length;
      if (n > 0) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
    } else if (e.key === 'Enter' && results[active]) {
      e.preventDefault();
      open(results[active]);
    }
  };
  return (
    <Stack gap="sm">
      <TextInput
        data-autofocus
        aria-label="Search students and mentors"
        placeholder="Name or roll number"
        leftSection={<IconSearch size={16} />}
        rightSection={search.isFetching ? <Loader size="xs" /> : null}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        size="md"
      />
      {q.length < 2 ? (
        <Text size="sm" c="dimmed">
          Type at least two letters of a name, or a roll number.
        </Text>
      ) : search.error ? (
        <Text size="sm" c="red">
          {errorMessage(search.error)}
        </Text>
      ) : search.data && results.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody in your scope matches “{q}”.
        </Text>
      ) : (
        <Stack gap={2} role="listbox" aria-label="Search results">
          {results.map((r, i) => (
            <ResultRow
              key={`${r.kind}-${r.id}`}
              r={r}
              active={i === active}
              disabled={!searchTarget(r, user.role, paths)}
              onOpen={() => open(r)}
            />
          ))}
          {search.data?.truncated && (
            <Text size="xs" c="dimmed" px="sm">
              Showing the first 20; type more to narrow it down.
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

/** The header's search button and its Ctrl+K dialog. */
export function GlobalSearch({ paths }: { paths: readonly string[] }): ReactElement {
  const [opened, setOpened] = useState(false);
  useHotkeys([['mod+K', () => setOpened(true)]], []);
  return (
    <>
      <UnstyledButton
        onClick={() => setOpened(true)}
        aria-label="Search students and mentors (Ctrl+K)"
        px="sm"
        h={34}
        w={300}
        style={{
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 6,
          background: 'var(--mantine-color-gray-0)',
        }}
      >
        <Group justify="space-between" wrap="nowrap">
          <Group gap={8} wrap="nowrap" miw={0}>
            <IconSearch size={16} />
            {/* One line whatever the font: a wrapped placeholder overflowed the header. */}
            <Text size="sm" c="dimmed" truncate>
              Search students, mentors
            </Text>
          </Group>
          <Group gap={2} wrap="nowrap">
            <Kbd size="xs">Ctrl</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        </Group>
      </UnstyledButton>
      <Modal
        lockScroll={false}
        opened={opened}
        onClose={() => setOpened(false)}
        title="Search"
        size="lg"
        yOffset="10vh"
      >
        {opened && <SearchPanel paths={paths} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

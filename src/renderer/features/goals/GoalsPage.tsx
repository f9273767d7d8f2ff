import { useState, type ReactElement } from 'react';
import { Badge, Button, Checkbox, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { GoalRow } from '../../../shared/contract/goals.contract.ts';
import type { GoalStatus } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconPlus, IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatDay } from '../../format.ts';
import { ToneBadge } from '../students/badges.tsx';
import { GoalDrawer } from './GoalDrawer.tsx';
import { GoalFormModal } from './GoalFormModal.tsx';
import { GOAL_CATEGORY, GOAL_STATUS, options } from './goal-labels.ts';

type SortKey = NonNullable<CallInput<'goals:list'>['sort']>;
const column = createColumnHelper<GoalRow>();

function columns(showStudent: boolean) {
  return [
    column.accessor('title', {
      id: 'title' satisfies SortKey,
      header: 'Goal',
      cell: (c) => (
        <Stack gap={0}>
          <Text size="sm" fw={500} truncate>
            {c.getValue()}
          </Text>
          <Text size="xs" c="dimmed">
            {GOAL_CATEGORY[c.row.original.category]}
          </Text>
        </Stack>
      ),
    }),
    ...(showStudent
      ? [
          column.accessor('studentName', {
            id: 'student' satisfies SortKey,
            header: 'Student',
            size: 190,
            cell: (c) => (
              <Stack gap={0}>
                <Text size="sm" truncate>
                  {c.getValue()}
                </Text>
                <Text size="xs" c="dimmed">
                  {c.row.original.rollNumber ?? ''}
                </Text>
              </Stack>
            ),
          }),
        ]
      : []),
    column.accessor('progressPct', {
      id: 'progressPct' satisfies SortKey,
      header: 'Progress',
      size: 170,
      cell: (c) => (
        <Group gap="xs" wrap="nowrap">
          <Progress
            value={c.getValue()}
            w={90}
            color={c.row.original.overdue ? 'red' : 'brand'}
            aria-hidden
          />
          <Text size="sm">{c.getValue()}%</Text>
        </Group>
      ),
    }),
    column.accessor('status', {
      header: 'Status',
      size: 120,
      enableSorting: false,
      cell: (c) => <ToneBadge tone={GOAL_STATUS[c.getValue()]} />,
    }),
    column.accessor('targetDate', {
      id: 'targetDate' satisfies SortKey,
      header: 'Target date',
      size: 140,
      cell: (c) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" c={c.row.original.overdue ? 'red.7' : undefined}>
            {formatDay(c.getValue(), 'None')}
          </Text>
          {c.row.original.overdue && (
            <Badge color="red" size="xs">
              Overdue
            </Badge>
          )}
        </Group>
      ),
    }),
  ];
}

/** Goals in scope: a student's own, a mentor's mentees', the office's department. */
export function GoalsPage(): ReactElement {
  const { user } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<GoalStatus | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const student = user.role === 'STUDENT';
  const openGoal = params.get('goal');
  const setOpenGoal = (id: string | null): void => setParams(id ? { goal: id } : {}, { replace: true });
  const filtered = Boolean(debounced || status || overdue);

  const { tableProps } = useServerTable({
    callName: 'goals:list',
    filters: { search: debounced || undefined, status: status ?? undefined, overdue: overdue || undefined },
    fetchPage: (query) => call('goals:list', query),
    defaultSort: { sort: 'targetDate' as SortKey, dir: 'asc' },
  });

  return (
    <>
      <PageHeader
        title={student ? 'My goals' : 'Goals'}
        description={
          student
            ? 'What you are working towards. Note progress as you go; your mentor sees it too.'
            : 'Goals of the students you mentor. Open one to note progress.'
        }
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
            New goal
          </Button>
        }
      />
      <Group mb="md" gap="sm" align="flex-end">
        <TextInput
          label="Search goals"
          placeholder={student ? 'Goal title' : 'Goal, student or roll number'}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={options(GOAL_STATUS)}
          value={status}
          onChange={(v) => setStatus(v as GoalStatus | null)}
          w={170}
        />
        <Checkbox
          label="Overdue only"
          checked={overdue}
          onChange={(e) => setOverdue(e.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <DataTable
        label="Goals"
        columns={columns(!student)}
        getRowId={(g) => g.id}
        {...tableProps}
        rowHeight={48}
        onRowActivate={(g) => setOpenGoal(g.id)}
        empty={
          filtered ? (
            <EmptyView title="No goals match" description="Change the search or clear the filters." />
          ) : (
            <EmptyView
              title="No goals yet"
              description={
                student
                  ? 'Set your first goal: something you want to reach this term.'
                  : 'Goals your mentees set, or you set with them, appear here.'
              }
              action={<Button onClick={() => setCreating(true)}>New goal</Button>}
            />
          )
        }
      />
      <GoalDrawer goalId={openGoal} onClose={() => setOpenGoal(null)} />
      <GoalFormModal
        opened={creating}
        onClose={(id) => {
          setCreating(false);
          if (id) setOpenGoal(id);
        }}
      />
    </>
  );
}

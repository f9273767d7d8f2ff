import { useMemo, useState, type ReactElement } from 'react';
import { Badge, Button, Group, Paper, Rating, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { FeedbackRow } from '../../../shared/contract/feedback.contract.ts';
import { FEEDBACK_TYPES, type RoleName } from '../../../shared/domain/enums.ts';
import { canCall } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatDate, formatDateTime } from '../../format.ts';
import { useCall } from '../sessions/use-call.ts';
import { oneOf, useUrlFilters } from '../students/url-filters.ts';
import { GiveFeedbackModal, type FeedbackTarget } from './GiveFeedbackModal.tsx';
import { MentorRatings } from './MentorRatings.tsx';
import { readersOf } from './visibility.ts';

type SortKey = NonNullable<CallInput<'feedback:list'>['sort']>;
/** The columns below that sort (by their ids). */
const SORTABLE = ['createdAt', 'rating'] as const satisfies readonly SortKey[];
const column = createColumnHelper<FeedbackRow>();

const columns = [
  column.accessor('createdAt', {
    id: 'createdAt' satisfies SortKey,
    header: 'Given',
    size: 110,
    cell: (c) => formatDate(c.getValue()),
  }),
  column.accessor('giverName', {
    header: 'From → to',
    size: 230,
    enableSorting: false,
    cell: (c) => (
      <Stack gap={0}>
        <Text size="sm" truncate>
          {c.getValue()}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          → {c.row.original.recipientName}
        </Text>
      </Stack>
    ),
  }),
  column.accessor('topic', {
    header: 'Session',
    enableSorting: false,
    cell: (c) => (
      <Stack gap={0}>
        <Text size="sm" truncate>
          {c.getValue()}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(c.row.original.sessionDate)}
        </Text>
      </Stack>
    ),
  }),
  column.accessor('rating', {
    id: 'rating' satisfies SortKey,
    header: 'Rating',
    size: 120,
    cell: (c) => <Rating value={c.getValue()} readOnly size="xs" aria-label={`${c.getValue()} out of 5`} />,
  }),
  column.accessor('comments', {
    header: 'Comments',
    enableSorting: false,
    cell: (c) => (
      <Text size="sm" truncate title={c.getValue() ?? undefined} c={c.getValue() ? undefined : 'dimmed'}>
        {c.getValue() ?? '—'}
      </Text>
    ),
  }),
  column.accessor('visibility', {
    header: 'Who may read it',
    size: 190,
    enableSorting: false,
    cell: (c) => (
      <Badge color={c.getValue() === 'DEPARTMENT_ADMIN' ? 'grape' : 'gray'}>
        {readersOf(c.getValue(), c.row.original.type)}
      </Badge>
    ),
  }),
];

/** Completed sessions of live assignments that the user has not rated yet. */
function Waiting({ onGive }: { onGive(t: FeedbackTarget): void }): ReactElement | null {
  const { user } = useCurrentUser();
  const sessions = useCall('sessions:list', {
    status: 'COMPLETED',
    pageSize: 30,
    sort: 'sessionDate',
    dir: 'desc',
  });
  const given = useCall('feedback:list', { pageSize: 200, sort: 'createdAt', dir: 'desc' });
  const waiting = useMemo(() => {
    const rated = new Set(
      (given.data?.rows ?? []).filter((f) => f.giverUserId === user.id).map((f) => f.sessionId),
    );
    return (sessions.data?.rows ?? []).filter((s) => !rated.has(s.id) && s.assignmentStatus !== 'ENDED');
  }, [sessions.data, given.data, user.id]);
  if (!sessions.data || !given.data || waiting.length === 0) return null;
  const student = user.role === 'STUDENT';
  return (
    <Paper p="md" mb="lg">
      <Title order={2} size="h4" mb="xs">
        Waiting for your feedback
      </Title>
      <Stack gap="xs">
        {waiting.slice(0, 4).map((s) => (
          <Group key={s.id} justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              <b>{s.topic}</b> · {formatDateTime(s.sessionDate)} · with{' '}
              {student ? s.mentorName : s.studentName}
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() =>
                onGive({
                  sessionId: s.id,
                  topic: s.topic,
                  sessionDate: s.sessionDate,
                  about: student ? s.mentorName : s.studentName,
                })
              }
            >
              Give feedback
            </Button>
          </Group>
        ))}
        {waiting.length > 4 && (
          <Text size="xs" c="dimmed">
            and {waiting.length - 4} more recent sessions.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Every rating the user may read, newest first, and (for the giver) what still waits for one. */
function AllFeedback(): ReactElement {
  const { user } = useCurrentUser();
  // In the address, like the ratings tab's filters: the tabs unmount their panels, and a filter, a
  // sort or a page in component state was lost on a trip to the ratings tab and back.
  const url = useUrlFilters();
  const type = oneOf(url.get('direction'), FEEDBACK_TYPES);
  const [target, setTarget] = useState<FeedbackTarget | null>(null);
  const party = user.role === 'MENTOR' || user.role === 'STUDENT';
  const { tableProps } = useServerTable({
    callName: 'feedback:list',
    filters: { type },
    fetchPage: (query) => call('feedback:list', query),
    defaultSort: { sort: 'createdAt' as SortKey, dir: 'desc' },
    keepInAddress: { url, sortKeys: SORTABLE },
  });
  return (
    <>
      {party && <Waiting onGive={setTarget} />}
      <Group mb="sm" align="flex-end">
        <Select
          label="Direction"
          placeholder="Both directions"
          clearable
          w={240}
          data={[
            { value: 'STUDENT_TO_MENTOR', label: 'Students about mentors' },
            { value: 'MENTOR_TO_STUDENT', label: 'Mentors about students' },
          ]}
          value={type ?? null}
          onChange={(v) => url.set({ direction: v })}
        />
      </Group>
      <DataTable
        label="Feedback"
        columns={columns}
        getRowId={(f) => f.id}
        {...tableProps}
        rowHeight={48}
        empty={
          <EmptyView
            title="No feedback yet"
            description="Feedback appears here once a session has been rated."
          />
        }
      />
      <GiveFeedbackModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}

/** Whose sessions an office role reads here (its scope), for the page's description. */
const WHERE: Partial<Record<RoleName, string>> = {
  DEPARTMENT_ADMIN: 'in your department',
  INSTITUTION_ADMIN: 'in your institution',
  SUPER_ADMIN: 'in every institution',
};

export function FeedbackPage(): ReactElement {
  const { user } = useCurrentUser();
  const url = useUrlFilters();
  const party = user.role === 'MENTOR' || user.role === 'STUDENT';
  // Mentor ratings is a tab here rather than a page of its own: it is the same feedback, summed up,
  // and a student (who may not make feedback:summary) keeps the plain list without a tab row.
  const ratings = canCall(user.role, 'feedback:summary');
  const view = ratings && url.get('view') === 'ratings' ? 'ratings' : 'all';
  const header = (
    <PageHeader
      title="Feedback"
      description={
        party
          ? 'Ratings after sessions: what you gave, and what was shared with you.'
          : `Ratings after sessions ${WHERE[user.role] ?? 'in your department'}, including those kept confidential to the office.`
      }
    />
  );
  if (!ratings) {
    return (
      <>
        {header}
        <AllFeedback />
      </>
    );
  }
  return (
    <>
      {header}
      <Tabs
        value={view}
        // Only the view key changes: the ratings filters stay in the address for coming back.
        onChange={(v) => url.set({ view: v === 'ratings' ? 'ratings' : null })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="all">All feedback</Tabs.Tab>
          <Tabs.Tab value="ratings">{user.role === 'MENTOR' ? 'My ratings' : 'Ratings by mentor'}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="all">
          <AllFeedback />
        </Tabs.Panel>
        <Tabs.Panel value="ratings">
          <MentorRatings />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

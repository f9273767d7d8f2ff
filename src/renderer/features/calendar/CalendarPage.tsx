import { useState, type ReactElement } from 'react';
import {
  Alert,
  Box,
  Button,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { CalendarRow } from '../../../shared/contract/sessions.contract.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { IconArrowLeft, IconPlus } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatTime } from '../../format.ts';
import { SESSION_MODE } from '../sessions/labels.tsx';
import { useCall } from '../sessions/use-call.ts';
import {
  dayKey,
  groupByDay,
  isSameDay,
  rangeFor,
  step,
  titleFor,
  visibleDays,
  type CalendarView,
} from './calendar-logic.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function chipColor(s: CalendarRow): string {
  if (s.status === 'CANCELLED') return 'gray';
  if (s.status === 'COMPLETED') return 'teal';
  return s.requested ? 'violet' : 'brand';
}

function SessionChip({ s, who, compact }: { s: CalendarRow; who: string; compact: boolean }): ReactElement {
  const color = chipColor(s);
  return (
    <UnstyledButton
      component={Link}
      to={`/sessions/${s.id}`}
      aria-label={`${formatTime(s.sessionDate)} ${who}: ${s.topic}${s.status === 'CANCELLED' ? ' (cancelled)' : ''}`}
      px={6}
      py={compact ? 1 : 4}
      style={{
        display: 'block',
        borderLeft: `3px solid var(--mantine-color-${color}-6)`,
        background: `var(--mantine-color-${color}-0)`,
        borderRadius: 4,
        textDecoration: s.status === 'CANCELLED' ? 'line-through' : undefined,
      }}
    >
      <Text size="xs" fw={600} truncate>
        {formatTime(s.sessionDate)} {who}
      </Text>
      {!compact && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {s.topic} · {SESSION_MODE[s.mode]}
        </Text>
      )}
    </UnstyledButton>
  );
}

function WeekGrid({
  days,
  byDay,
  who,
}: {
  days: Date[];
  byDay: Map<string, CalendarRow[]>;
  who(s: CalendarRow): string;
}): ReactElement {
  const today = new Date();
  return (
    <SimpleGrid cols={7} spacing={6}>
      {days.map((d, i) => {
        const rows = byDay.get(dayKey(d)) ?? [];
        const isToday = isSameDay(d, today);
        return (
          <Paper
            key={dayKey(d)}
            p="xs"
            mih="calc(100vh - 290px)"
            bg={i >= 5 ? 'gray.0' : undefined}
            style={isToday ? { borderColor: 'var(--mantine-color-brand-6)' } : undefined}
          >
            <Text size="xs" fw={700} c={isToday ? 'brand.7' : 'dimmed'} tt="uppercase" mb={6}>
              {WEEKDAYS[i]} {d.getDate()}
            </Text>
            <Stack gap={6}>
              {rows.length === 0 ? (
                <Text size="xs" c="dimmed">
                  —
                </Text>
              ) : (
                rows.map((s) => <SessionChip key={s.id} s={s} who={who(s)} compact={false} />)
              )}
            </Stack>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

function MonthGrid({
  days,
  month,
  byDay,
  who,
  onDay,
}: {
  days: Date[];
  month: number;
  byDay: Map<string, CalendarRow[]>;
  who(s: CalendarRow): string;
  onDay(d: Date): void;
}): ReactElement {
  const today = new Date();
  return (
    <Box>
      <SimpleGrid cols={7} spacing={4} mb={4}>
        {WEEKDAYS.map((w) => (
          <Text key={w} size="xs" fw={700} c="dimmed" tt="uppercase" px={4}>
            {w}
          </Text>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={7} spacing={4}>
        {days.map((d) => {
          const rows = byDay.get(dayKey(d)) ?? [];
          const inMonth = d.getMonth() === month;
          return (
            <Paper
              key={dayKey(d)}
              p={4}
              h={82}
              bg={inMonth ? undefined : 'gray.0'}
              style={isSameDay(d, today) ? { borderColor: 'var(--mantine-color-brand-6)' } : undefined}
            >
              <Text size="xs" fw={600} c={inMonth ? undefined : 'dimmed'} px={2}>
                {d.getDate()}
              </Text>
              <Stack gap={2}>
                {rows.slice(0, 2).map((s) => (
                  <SessionChip key={s.id} s={s} who={who(s)} compact />
                ))}
                {rows.length > 2 && (
                  <UnstyledButton onClick={() => onDay(d)} fz="xs" c="brand.7" px={4}>
                    +{rows.length - 2} more
                  </UnstyledButton>
                )}
              </Stack>
            </Paper>
          );
        })}
      </SimpleGrid>
    </Box>
  );
}

/** Sessions by week or month; the mentor's own, a student's, or the office's department. */
export function CalendarPage(): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const [view, setView] = useState<CalendarView>('week');
  const [anchor, setAnchor] = useState(() => new Date());
  const range = rangeFor(view, anchor);
  const q = useCall('sessions:calendar', range);
  const byDay = groupByDay(q.data?.rows ?? []);
  const who = (s: CalendarRow): string =>
    user.role === 'STUDENT'
      ? s.mentorName
      : user.role === 'MENTOR'
        ? s.studentName
        : `${s.studentName} / ${s.mentorName}`;
  const days = visibleDays(view, anchor);

  return (
    <>
      <PageHeader
        title="Calendar"
        description="Planned, recorded and cancelled sessions. Open one to act on it."
        actions={
          user.role === 'MENTOR' && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => void navigate('/sessions/new?kind=schedule')}
            >
              Schedule
            </Button>
          )
        }
      />
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            onClick={() => setAnchor(step(view, anchor, -1))}
            aria-label={`Previous ${view}`}
          >
            <IconArrowLeft size={14} />
          </Button>
          <Button variant="default" size="xs" onClick={() => setAnchor(new Date())}>
            Today
          </Button>
          <Button
            variant="default"
            size="xs"
            onClick={() => setAnchor(step(view, anchor, 1))}
            aria-label={`Next ${view}`}
          >
            <IconArrowLeft size={14} style={{ transform: 'rotate(180deg)' }} />
          </Button>
          <Text fw={600} ml="sm" aria-live="polite">
            {titleFor(view, anchor)}
          </Text>
          {q.isFetching && <Loader size="xs" aria-label="Loading" />}
        </Group>
        <Group gap="md">
          <Group gap={10}>
            {[
              ['brand', 'Planned'],
              ['violet', 'Requested'],
              ['teal', 'Recorded'],
              ['gray', 'Cancelled'],
            ].map(([color, label]) => (
              <Group key={label} gap={4}>
                <Box
                  w={10}
                  h={10}
                  style={{ borderRadius: 2, background: `var(--mantine-color-${color}-6)` }}
                />
                <Text size="xs" c="dimmed">
                  {label}
                </Text>
              </Group>
            ))}
          </Group>
          <SegmentedControl
            aria-label="Calendar view"
            size="xs"
            value={view}
            onChange={(v) => setView(v as CalendarView)}
            data={[
              { value: 'week', label: 'Week' },
              { value: 'month', label: 'Month' },
            ]}
          />
        </Group>
      </Group>
      {q.isPending ? (
        <LoadingState label="Loading sessions…" />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <>
          {q.data?.truncated && (
            <Alert color="yellow" mb="sm">
              There are more sessions in this period than can be shown at once; switch to the week view.
            </Alert>
          )}
          {view === 'week' ? (
            <WeekGrid days={days} byDay={byDay} who={who} />
          ) : (
            <MonthGrid
              days={days}
              month={anchor.getMonth()}
              byDay={byDay}
              who={who}
              onDay={(d) => {
                setAnchor(d);
                setView('week');
              }}
            />
          )}
        </>
      )}
    </>
  );
}

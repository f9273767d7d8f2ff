import { Badge, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { CallOutput } from '../../../shared/contract/index.ts';
import type { RiskLevel } from '../../../shared/domain/enums.ts';
import { formatDate, formatDateTime, formatRelativeDay } from '../../format.ts';
import { ASSIGNMENT_STATUS, RiskBadge, ToneBadge } from '../students/badges.tsx';

// The mentor's mentee rows (dashboards:mentor), shared by the dashboard and the mentees list.

export type MenteeRow = CallOutput<'dashboards:mentor'>['mentees'][number];

const RISK_ORDER: Record<RiskLevel, number> = { HIGH: 0, MEDIUM: 1, LOW: 2 };

/** Highest risk first, then by name: the order a mentor works through them. */
export function byRiskThenName(a: MenteeRow, b: MenteeRow): number {
  return RISK_ORDER[a.riskLevel] - RISK_ORDER[b.riskLevel] || a.name.localeCompare(b.name);
}

/** The next planned session, or the next meeting noted on the last one. */
export function nextMeeting(m: MenteeRow): string | null {
  if (m.nextSessionAt && m.nextMeetingOn)
    return m.nextSessionAt < m.nextMeetingOn ? m.nextSessionAt : m.nextMeetingOn;
  return m.nextSessionAt ?? m.nextMeetingOn;
}

const column = createColumnHelper<MenteeRow>();

export const menteeColumns = [
  column.accessor('name', {
    header: 'Mentee',
    cell: (c) => (
      <Stack gap={0}>
        <Text size="sm" fw={500} truncate>
          {c.getValue()}
        </Text>
        <Text size="xs" c="dimmed">
          {c.row.original.rollNumber}
          {c.row.original.assignmentStatus !== 'ACTIVE' && (
            <>
              {' · '}
              <ToneBadge tone={ASSIGNMENT_STATUS[c.row.original.assignmentStatus]} size="xs" />
            </>
          )}
        </Text>
      </Stack>
    ),
  }),
  column.accessor((m) => RISK_ORDER[m.riskLevel], {
    id: 'risk',
    header: 'Risk',
    size: 84,
    cell: (c) => <RiskBadge level={c.row.original.riskLevel} />,
  }),
  column.accessor((m) => m.lastSessionAt ?? '', {
    id: 'lastSession',
    header: 'Last session',
    size: 130,
    cell: (c) => {
      const at = c.row.original.lastSessionAt;
      return at ? (
        <Stack gap={0}>
          <Text size="sm">{formatDate(at)}</Text>
          <Text size="xs" c="dimmed">
            {formatRelativeDay(at)}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="orange.8">
          None yet
        </Text>
      );
    },
  }),
  column.accessor((m) => nextMeeting(m) ?? '~', {
    id: 'next',
    header: 'Next meeting',
    size: 180,
    cell: (c) => {
      const at = nextMeeting(c.row.original);
      return at ? (
        <Stack gap={0}>
          <Text size="sm">{formatDateTime(at)}</Text>
          <Text size="xs" c="dimmed">
            {c.row.original.nextSessionAt === at ? 'Scheduled' : 'Noted at the last session'}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          Not planned
        </Text>
      );
    },
  }),
  column.accessor('openActionItems', {
    header: 'Open items',
    size: 96,
    meta: { align: 'right' },
    cell: (c) => (c.getValue() > 0 ? <Badge color="orange">{c.getValue()}</Badge> : '—'),
  }),
];

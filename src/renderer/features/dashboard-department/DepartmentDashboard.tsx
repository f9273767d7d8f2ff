import type { ReactElement } from 'react';
import { Anchor, Button, Grid, Group, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { ALERT_SEVERITIES, RISK_LEVELS } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { ChartCard } from '../../components/charts/ChartCard.tsx';
import { RiskDonut } from '../../components/charts/RiskDonut.tsx';
import { SessionsCompareChart } from '../../components/charts/SessionsCompareChart.tsx';
import { WorkloadChart } from '../../components/charts/WorkloadChart.tsx';
import { IconRefresh } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { formatDate, formatDateTime, formatMonth, plural } from '../../format.ts';
import { RISK, SEVERITY } from '../students/badges.tsx';
import { Tile } from './Tile.tsx';

type Dashboard = CallOutput<'dashboards:department'>;

// The bottom row takes what a 768-pixel-high window leaves below the tiles and charts.
const BOTTOM_ROW = 246;
const RISK_COLORS = { LOW: 'teal.5', MEDIUM: 'orange.5', HIGH: 'red.6' } as const;

function Headline({ d, unassigned }: { d: Dashboard; unassigned: number | undefined }): ReactElement {
  const students = RISK_LEVELS.reduce((n, r) => n + d.risk[r], 0);
  const alerts = ALERT_SEVERITIES.reduce((n, s) => n + d.openAlerts[s], 0);
  const active = d.mentors.reduce((n, m) => n + m.active, 0);
  const capacity = d.mentors.reduce((n, m) => n + m.maxMentees, 0);
  const delta = d.sessions.thisMonth.completed - d.sessions.lastMonth.completed;
  return (
    <SimpleGrid cols={6} spacing="md">
      <Tile label="Students" value={students} hint={`${plural(d.mentors.length, 'mentor')}`} to="/students" />
      <Tile
        label="Without a mentor"
        value={unassigned ?? '…'}
        hint="Assign or auto-assign"
        to="/students?unassigned=1"
        color={unassigned ? 'orange.8' : undefined}
      />
      <Tile
        label="High risk"
        value={d.risk.HIGH}
        hint={`${d.risk.MEDIUM} at medium risk`}
        to="/students?risk=HIGH"
        color={d.risk.HIGH ? 'red.7' : undefined}
      />
      <Tile
        label="Open alerts"
        value={alerts}
        hint={`${d.openAlerts.CRITICAL} critical`}
        to="/alerts"
        color={d.openAlerts.CRITICAL ? 'red.7' : undefined}
      />
      <Tile
        label="Held this month"
        value={d.sessions.thisMonth.completed}
        hint={`${delta >= 0 ? '+' : ''}${delta} against last month`}
      />
      <Tile
        label="Pending sessions"
        value={d.pendingSessions.total}
        hint={`Mentor load ${active} / ${capacity}`}
        to="/pending-sessions"
        color={d.pendingSessions.total ? 'orange.8' : undefined}
      />
    </SimpleGrid>
  );
}

function AlertsBySeverity({ d }: { d: Dashboard }): ReactElement {
  const max = Math.max(1, ...ALERT_SEVERITIES.map((s) => d.openAlerts[s]));
  return (
    <Stack gap={10} mt={4}>
      {ALERT_SEVERITIES.slice()
        .reverse()
        .map((s) => (
          <UnstyledButton
            key={s}
            component={Link}
            to={`/alerts?severity=${s}`}
            aria-label={`${SEVERITY[s].label}: ${d.openAlerts[s]} open alerts`}
          >
            <Group gap="sm" wrap="nowrap">
              <Text size="sm" w={70}>
                {SEVERITY[s].label}
              </Text>
              <div
                style={{ flex: 1, background: 'var(--mantine-color-gray-1)', borderRadius: 4, height: 18 }}
              >
                <div
                  style={{
                    width: `${(d.openAlerts[s] / max) * 100}%`,
                    minWidth: d.openAlerts[s] ? 4 : 0,
                    height: '100%',
                    borderRadius: 4,
                    background: `var(--mantine-color-${SEVERITY[s].color}-6)`,
                  }}
                />
              </div>
              <Text size="sm" fw={600} w={32} ta="right">
                {d.openAlerts[s]}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
    </Stack>
  );
}

function PendingList({ d }: { d: Dashboard }): ReactElement {
  if (d.pendingSessions.total === 0)
    return <EmptyView title="Nothing pending" description="Every past session is recorded." />;
  return (
    <Table verticalSpacing={4} fz="sm" aria-label="Oldest pending sessions">
      <Table.Tbody>
        {d.pendingSessions.rows.slice(0, 5).map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td w={96} c="dimmed">
              {formatDate(s.sessionDate)}
            </Table.Td>
            <Table.Td>
              <Text size="sm" truncate maw={150}>
                {s.mentor.name}
              </Text>
            </Table.Td>
            <Table.Td>
              <Anchor
                component={Link}
                to={`/students/${s.student.id}`}
                size="sm"
                truncate
                maw={150}
                display="block"
              >
                {s.student.name}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function DepartmentDashboard({ departmentId }: { departmentId?: string }): ReactElement {
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['dashboards:department', departmentId ?? null],
    queryFn: () => call('dashboards:department', { departmentId }),
  });
  const unassigned = useQuery({
    queryKey: ['students:list', 'unassigned-count', departmentId ?? null],
    queryFn: () => call('students:list', { unassigned: true, status: 'ACTIVE', departmentId, pageSize: 1 }),
  });
  const d = query.data;
  const sessions = d?.sessions;
  return (
    <>
      <PageHeader
        title={d ? d.department.name : 'Department'}
        description={
          d ? `Department dashboard · figures as of ${formatDateTime(d.asOf)}` : 'Department dashboard'
        }
        actions={
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={query.isFetching && !query.isPending}
            onClick={() => void query.refetch()}
          >
            Refresh
          </Button>
        }
      />
      <QueryState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {d && sessions && (
          <Stack gap="md">
            <Headline d={d} unassigned={unassigned.data?.total} />
            <Grid gap="md">
              <Grid.Col span={4}>
                <ChartCard title="Risk distribution" subtitle="Click a level to list those students" h={226}>
                  <RiskDonut
                    slices={RISK_LEVELS.slice()
                      .reverse()
                      .map((r) => ({
                        key: r,
                        label: RISK[r].label,
                        value: d.risk[r],
                        color: RISK_COLORS[r],
                      }))}
                    onSelect={(r) => void navigate(`/students?risk=${r}`)}
                  />
                </ChartCard>
              </Grid.Col>
              <Grid.Col span={5}>
                <ChartCard title="Sessions per month" subtitle="This month against last month" h={226}>
                  <SessionsCompareChart
                    thisMonth={{ ...sessions.thisMonth, label: formatMonth(sessions.thisMonth.month) }}
                    lastMonth={{ ...sessions.lastMonth, label: formatMonth(sessions.lastMonth.month) }}
                    h={160}
                  />
                </ChartCard>
              </Grid.Col>
              <Grid.Col span={3}>
                <ChartCard title="Open alerts" subtitle="By severity" h={226}>
                  <AlertsBySeverity d={d} />
                </ChartCard>
              </Grid.Col>
              <Grid.Col span={7}>
                <ChartCard
                  h={BOTTOM_ROW}
                  title="Mentor workload"
                  subtitle="Mentees per mentor against their limit"
                  action={
                    <Anchor component={Link} to="/mentors" size="sm">
                      All mentors
                    </Anchor>
                  }
                >
                  {d.mentors.length === 0 ? (
                    <EmptyView title="No mentors yet" />
                  ) : (
                    <WorkloadChart
                      mentors={d.mentors.map((m) => ({ name: m.name, active: m.active, max: m.maxMentees }))}
                      maxHeight={BOTTOM_ROW - 84}
                    />
                  )}
                </ChartCard>
              </Grid.Col>
              <Grid.Col span={5}>
                <ChartCard
                  h={BOTTOM_ROW}
                  title="Pending sessions"
                  subtitle="Oldest first: not yet recorded by the mentor"
                  action={
                    <Anchor component={Link} to="/pending-sessions" size="sm">
                      All {d.pendingSessions.total}
                    </Anchor>
                  }
                >
                  <PendingList d={d} />
                </ChartCard>
              </Grid.Col>
            </Grid>
          </Stack>
        )}
      </QueryState>
    </>
  );
}

import type { ReactElement } from 'react';
import { Anchor, Badge, Button, Grid, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { createColumnHelper } from '@tanstack/react-table';
import { Link, useNavigate } from 'react-router';
import type { DepartmentDto } from '../../../shared/contract/departments.contract.ts';
import type { CallOutput } from '../../../shared/contract/index.ts';
import { ALERT_SEVERITIES, RISK_LEVELS } from '../../../shared/domain/enums.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { ChartCard } from '../../components/charts/ChartCard.tsx';
import { RiskDonut } from '../../components/charts/RiskDonut.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { IN_CARD_BELOW_PX } from '../../components/data-table/use-fit-height.ts';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconRefresh } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { formatCount, formatDateTime } from '../../format.ts';
import { Tile } from '../dashboard-department/Tile.tsx';
import { RISK, SEVERITY } from '../students/badges.tsx';

type Overview = CallOutput<'dashboards:admin'>;
const RISK_COLORS = { LOW: 'teal.5', MEDIUM: 'orange.5', HIGH: 'red.6' } as const;

function SyncHealth({ sync }: { sync: Overview['sync'] }): ReactElement {
  if (sync.side === 'local' && sync.mode === 'standalone') {
    return (
      <Stack gap={6}>
        <Group gap="xs">
          <Badge color="gray">Standalone</Badge>
        </Group>
        <Text size="sm">This computer keeps its own database; no central server is set up.</Text>
        <Anchor component={Link} to="/sync" size="sm">
          Sync settings
        </Anchor>
      </Stack>
    );
  }
  if (sync.side === 'local') {
    const stuck = sync.outbox.rejected + sync.outbox.conflict;
    return (
      <Stack gap={6}>
        <Group gap="xs">
          <Badge color={sync.lastError ? 'red' : stuck ? 'orange' : 'teal'}>
            {sync.lastError ? 'Last sync failed' : stuck ? 'Needs attention' : 'Synced'}
          </Badge>
        </Group>
        <Text size="sm">Last successful sync: {formatDateTime(sync.lastSuccessAt, 'never')}</Text>
        <Text size="sm">
          Waiting to send: {sync.outbox.pending} · rejected: {sync.outbox.rejected} · conflicts:{' '}
          {sync.outbox.conflict}
        </Text>
        {sync.lastError && (
          <Text size="xs" c="red.7">
            {sync.lastError}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap={6}>
      <Text size="sm">{formatCount(sync.clients.length)} laptops and office PCs sync with this server.</Text>
      <Text size="sm" c={sync.stale ? 'orange.8' : undefined}>
        {sync.stale
          ? `${sync.stale} have not synced for more than 7 days.`
          : 'All have synced within the last 7 days.'}
      </Text>
    </Stack>
  );
}

const column = createColumnHelper<DepartmentDto>();
const departmentColumns = [
  column.accessor('name', {
    id: 'name',
    header: 'Department',
    cell: (c) => (
      <Anchor
        component={Link}
        to={`/departments/${c.row.original.id}/dashboard`}
        size="sm"
        fw={500}
        c="inherit"
      >
        {c.getValue()}
      </Anchor>
    ),
  }),
  column.accessor('code', { id: 'code', header: 'Code', size: 80 }),
  column.accessor('mentorCount', {
    header: 'Mentors',
    enableSorting: false,
    size: 90,
    meta: { align: 'right' },
  }),
  column.accessor('studentCount', {
    header: 'Students',
    enableSorting: false,
    size: 90,
    meta: { align: 'right' },
  }),
];

function Departments(): ReactElement {
  const navigate = useNavigate();
  const { tableProps } = useServerTable({
    callName: 'departments:list',
    filters: {},
    fetchPage: (q) => call('departments:list', q),
    defaultSort: { sort: 'name' as const, dir: 'asc' },
    pageSize: 50,
  });
  return (
    <DataTable
      label="Departments"
      columns={departmentColumns}
      getRowId={(d) => d.id}
      onRowActivate={(d) => void navigate(`/departments/${d.id}/dashboard`)}
      fitBelow={IN_CARD_BELOW_PX}
      rowHeight={36}
      {...tableProps}
      pagination={undefined}
      empty={
        <EmptyView
          title="No departments yet"
          action={
            <Button component={Link} to="/departments">
              Add a department
            </Button>
          }
        />
      }
    />
  );
}

export function AdminDashboard(): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['dashboards:admin'], queryFn: () => call('dashboards:admin', {}) });
  const d = query.data;
  const alerts = d ? ALERT_SEVERITIES.reduce((n, s) => n + d.openAlerts[s], 0) : 0;
  return (
    <>
      <PageHeader
        title={user.role === 'SUPER_ADMIN' ? 'System overview' : 'Institution overview'}
        description={d ? `Figures for everything in your scope, as of ${formatDateTime(d.asOf)}.` : undefined}
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
        {d && (
          <Stack gap="md">
            <SimpleGrid cols={6} spacing="md">
              {user.role === 'SUPER_ADMIN' ? (
                <Tile label="Institutions" value={d.counts.institutions} to="/institutions" />
              ) : (
                <Tile label="Departments" value={d.counts.departments} to="/departments" />
              )}
              <Tile
                label="Mentors"
                value={d.counts.mentors}
                hint={`${formatCount(d.counts.activeAssignments)} active pairings`}
                to="/mentors"
              />
              <Tile
                label="Students"
                value={d.counts.students}
                hint={`${d.risk.HIGH} at high risk`}
                to="/students"
              />
              <Tile
                label="Without a mentor"
                value={d.counts.unassignedStudents}
                to="/students?unassigned=1"
                color={d.counts.unassignedStudents ? 'orange.8' : undefined}
              />
              <Tile label="Held this month" value={d.counts.sessionsThisMonth} hint="sessions recorded" />
              <Tile
                label="Not yet active"
                value={d.counts.invitedUsers}
                hint={`invited · ${d.counts.disabledUsers} disabled`}
                to="/users?status=INVITED"
              />
            </SimpleGrid>
            <Grid gap="md">
              <Grid.Col span={4}>
                <ChartCard title="Risk distribution" subtitle="All students in scope" h={220}>
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
              <Grid.Col span={4}>
                <ChartCard title="Open alerts" subtitle={`${alerts} in total`} h={220}>
                  <Stack gap="sm" mt={4}>
                    {ALERT_SEVERITIES.slice()
                      .reverse()
                      .map((s) => (
                        <Group key={s} justify="space-between">
                          <Anchor component={Link} to={`/alerts?severity=${s}`} size="sm">
                            {SEVERITY[s].label}
                          </Anchor>
                          <Badge color={SEVERITY[s].color} size="lg" variant="light">
                            {d.openAlerts[s]}
                          </Badge>
                        </Group>
                      ))}
                  </Stack>
                </ChartCard>
              </Grid.Col>
              <Grid.Col span={4}>
                <ChartCard
                  title="Sync"
                  subtitle={d.sync.side === 'central' ? 'Central server' : 'This computer'}
                  h={220}
                >
                  <SyncHealth sync={d.sync} />
                </ChartCard>
              </Grid.Col>
              <Grid.Col span={12}>
                <ChartCard title="Departments" subtitle="Open a department for its dashboard">
                  <Departments />
                </ChartCard>
              </Grid.Col>
            </Grid>
          </Stack>
        )}
      </QueryState>
    </>
  );
}

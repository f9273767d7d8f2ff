import type { ReactElement } from 'react';
import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import {
  ALERT_CATEGORIES,
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertSeverity,
} from '../../../shared/domain/enums.ts';
import { seesManyDepartments } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount } from '../../format.ts';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { MentorSelect } from '../mentors/MentorSelect.tsx';
import { ALERT_CATEGORY, SEVERITY } from '../students/badges.tsx';
import { oneOf, useUrlFilters } from '../students/url-filters.ts';
import { alertColumns } from './alert-columns.tsx';

const columns = alertColumns({ withStudent: true });

/** Open alerts per severity, as three one-row list calls (the list's total is the count). */
function useOpenCounts(departmentId: string | undefined): Partial<Record<AlertSeverity, number>> {
  const results = useQueries({
    queries: ALERT_SEVERITIES.map((severity) => ({
      queryKey: ['alerts:list', 'count', severity, departmentId ?? null],
      queryFn: () => call('alerts:list', { status: 'OPEN', severity, departmentId, pageSize: 1 }),
    })),
  });
  return Object.fromEntries(
    ALERT_SEVERITIES.map((s, i) => [s, results[i]?.data?.total]).filter(([, n]) => n !== undefined),
  );
}

export function AlertsPage(): ReactElement {
  const { user } = useCurrentUser();
  const url = useUrlFilters();
  const status =
    url.get('status') === 'ALL' ? undefined : (oneOf(url.get('status'), ALERT_STATUSES) ?? 'OPEN');
  const departmentId = url.get('department') || undefined;
  const filters = {
    status,
    severity: oneOf(url.get('severity'), ALERT_SEVERITIES),
    category: oneOf(url.get('category'), ALERT_CATEGORIES),
    mentorId: url.get('mentor') || undefined,
    departmentId,
  };
  const { tableProps, total } = useServerTable({
    callName: 'alerts:list',
    filters,
    fetchPage: (q) => call('alerts:list', q),
    defaultSort: { sort: 'createdAt' as const, dir: 'desc' },
    pageSize: 50,
  });
  const counts = useOpenCounts(departmentId);
  const multiDepartment = seesManyDepartments(user.role);

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Concerns raised by the risk rules and by mentors. Close an alert with a note once it has been dealt with."
      />
      <Group gap="sm" mb="md">
        {ALERT_SEVERITIES.slice()
          .reverse()
          .map((s) => (
            <Button
              key={s}
              variant={filters.severity === s ? 'filled' : 'light'}
              color={SEVERITY[s].color}
              size="xs"
              onClick={() => url.set({ severity: filters.severity === s ? null : s, status: null })}
              aria-pressed={filters.severity === s}
            >
              {SEVERITY[s].label}: {counts[s] === undefined ? '…' : formatCount(counts[s])} open
            </Button>
          ))}
      </Group>
      <Group mb="md" gap="sm" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Status
          </Text>
          <SegmentedControl
            value={status ?? 'ALL'}
            onChange={(v) => url.set({ status: v === 'OPEN' ? null : v })}
            data={[
              { value: 'OPEN', label: 'Open' },
              { value: 'CLOSED', label: 'Closed' },
              { value: 'ALL', label: 'All' },
            ]}
          />
        </Stack>
        <Select
          label="Severity"
          placeholder="Any severity"
          clearable
          data={ALERT_SEVERITIES.map((s) => ({ value: s, label: SEVERITY[s].label }))}
          value={filters.severity ?? null}
          onChange={(v) => url.set({ severity: v })}
          w={150}
        />
        <Select
          label="Category"
          placeholder="Any category"
          clearable
          data={ALERT_CATEGORIES.map((c) => ({ value: c, label: ALERT_CATEGORY[c] }))}
          value={filters.category ?? null}
          onChange={(v) => url.set({ category: v })}
          w={150}
        />
        {multiDepartment && <UrlDepartmentSelect label="Department" url={url} w={220} />}
        <MentorSelect
          label="Mentor"
          departmentId={departmentId}
          value={url.get('mentor')}
          valueLabel={url.get('mentorName') ?? undefined}
          onChange={(v, o) => url.set({ mentor: v, mentorName: o?.label })}
          w={200}
        />
        <Text size="sm" c="dimmed" ml="auto" mb={8}>
          {tableProps.isLoading ? '' : `${formatCount(total)} alert${total === 1 ? '' : 's'}`}
        </Text>
      </Group>
      <DataTable
        label="Alerts"
        columns={columns}
        getRowId={(a) => a.id}
        rowHeight={52}
        {...tableProps}
        empty={
          status === 'OPEN' && !filters.severity && !filters.category && !filters.mentorId ? (
            <EmptyView title="No open alerts" description="Nothing needs the office’s attention right now." />
          ) : (
            <EmptyView title="No alerts match" description="Change or clear the filters." />
          )
        }
      />
    </>
  );
}

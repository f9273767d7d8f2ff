import { useMemo, useState, type ReactElement } from 'react';
import { Group, SegmentedControl, Text, TextInput } from '@mantine/core';
import { useNavigate } from 'react-router';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { plural } from '../../format.ts';
import { useCall, useLocalSort } from '../sessions/use-call.ts';
import { byRiskThenName, menteeColumns } from './mentee-columns.tsx';

type RiskFilter = 'all' | 'attention' | 'HIGH';

/** A mentor's current mentees (ACTIVE or PAUSED), riskiest first. */
export function MenteesPage(): ReactElement {
  const navigate = useNavigate();
  const q = useCall('dashboards:mentor', {});
  const [search, setSearch] = useState('');
  const [risk, setRisk] = useState<RiskFilter>('all');
  const sort = useLocalSort();
  const rows = useMemo(() => {
    const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return [...(q.data?.mentees ?? [])]
      .filter((m) => risk === 'all' || (risk === 'HIGH' ? m.riskLevel === 'HIGH' : m.riskLevel !== 'LOW'))
      .filter((m) => words.every((w) => `${m.name} ${m.rollNumber}`.toLowerCase().includes(w)))
      .sort(byRiskThenName);
  }, [q.data, search, risk]);
  const total = q.data?.mentees.length ?? 0;

  return (
    <>
      <PageHeader
        title="My mentees"
        description={
          q.data
            ? `${plural(total, 'mentee')}; ${q.data.counts.highRisk} at high risk, ${q.data.counts.mediumRisk} at medium risk.`
            : 'Students assigned to you.'
        }
      />
      <Group mb="md" gap="md" align="flex-end">
        <TextInput
          aria-label="Search mentees"
          placeholder="Name or roll number"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={280}
        />
        <SegmentedControl
          aria-label="Risk"
          value={risk}
          onChange={(v) => setRisk(v as RiskFilter)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'attention', label: 'Medium and high risk' },
            { value: 'HIGH', label: 'High risk' },
          ]}
        />
        <Text size="xs" c="dimmed" ml="auto">
          Enter or double-click opens a mentee.
        </Text>
      </Group>
      <DataTable
        label="My mentees"
        columns={menteeColumns}
        data={rows}
        getRowId={(m) => m.studentId}
        {...sort}
        isLoading={q.isPending}
        error={q.error}
        onRetry={() => void q.refetch()}
        rowHeight={50}
        onRowActivate={(m) => void navigate(`/mentees/${m.studentId}`)}
        empty={
          total === 0 ? (
            <EmptyView
              title="No mentees yet"
              description="The department office assigns students to you; they appear here as soon as it does."
            />
          ) : (
            <EmptyView title="No mentee matches" description="Change the search or the risk filter." />
          )
        }
      />
    </>
  );
}

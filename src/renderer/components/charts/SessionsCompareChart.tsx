import type { ReactElement } from 'react';
import { BarChart } from '@mantine/charts';

export interface MonthCounts {
  label: string;
  completed: number;
  scheduled: number;
  cancelled: number;
}

/** Sessions this month beside last month, per outcome. */
export function SessionsCompareChart({
  thisMonth,
  lastMonth,
  h = 190,
}: {
  thisMonth: MonthCounts;
  lastMonth: MonthCounts;
  h?: number;
}): ReactElement {
  const data = (['completed', 'scheduled', 'cancelled'] as const).map((k) => ({
    outcome: k[0]!.toUpperCase() + k.slice(1),
    last: lastMonth[k],
    this: thisMonth[k],
  }));
  const summary = data.map((d) => `${d.outcome}: ${d.this} this month, ${d.last} last month`).join('; ');
  return (
    <div role="img" aria-label={summary}>
      <BarChart
        h={h}
        data={data}
        dataKey="outcome"
        series={[
          { name: 'last', label: lastMonth.label, color: 'gray.4' },
          { name: 'this', label: thisMonth.label, color: 'brand.6' },
        ]}
        withLegend
        legendProps={{ verticalAlign: 'top', height: 28 }}
        tickLine="none"
        gridAxis="y"
        withBarValueLabel
        maxBarWidth={34}
        tooltipAnimationDuration={120}
      />
    </div>
  );
}

import type { ReactElement } from 'react';
import { BarChart } from '@mantine/charts';
import { ScrollArea } from '@mantine/core';

export interface MentorLoad {
  name: string;
  active: number;
  max: number;
}

const ROW = 26;

/**
 * Mentees per mentor against capacity, one horizontal bar per mentor: mentees within the limit,
 * the room left (light), and any mentees beyond the limit (red). Scrolls when there are many.
 */
export function WorkloadChart({
  mentors,
  maxHeight = 260,
}: {
  mentors: readonly MentorLoad[];
  maxHeight?: number;
}): ReactElement {
  const data = mentors.map((m) => ({
    name: m.name,
    within: Math.min(m.active, m.max),
    room: Math.max(0, m.max - m.active),
    over: Math.max(0, m.active - m.max),
  }));
  const height = Math.max(120, data.length * ROW + 40);
  const full = mentors.filter((m) => m.active >= m.max).length;
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" offsetScrollbars>
      <div role="img" aria-label={`Mentor workload: ${mentors.length} mentors, ${full} at or over capacity`}>
        <BarChart
          h={height}
          data={data}
          dataKey="name"
          type="stacked"
          orientation="vertical"
          series={[
            { name: 'within', label: 'Mentees', color: 'brand.6' },
            { name: 'over', label: 'Over the limit', color: 'red.6' },
            { name: 'room', label: 'Room left', color: 'gray.2' },
          ]}
          yAxisProps={{
            width: 130,
            interval: 0,
            tickFormatter: (v: string) => (v.length > 18 ? `${v.slice(0, 17)}…` : v),
          }}
          gridAxis="x"
          tickLine="none"
          tooltipAnimationDuration={120}
          barProps={{ maxBarSize: 16 }}
        />
      </div>
    </ScrollArea.Autosize>
  );
}

import type { ReactElement } from 'react';
import { DonutChart } from '@mantine/charts';
import { Group, Stack, Text, UnstyledButton } from '@mantine/core';

export interface RiskSlice {
  key: string;
  label: string;
  value: number;
  color: string;
}

/** Risk distribution as a donut with the total inside and a clickable legend beside it. */
export function RiskDonut({
  slices,
  onSelect,
  size = 136,
}: {
  slices: readonly RiskSlice[];
  onSelect?(key: string): void;
  size?: number;
}): ReactElement {
  const total = slices.reduce((n, s) => n + s.value, 0);
  const summary = slices.map((s) => `${s.label} ${s.value}`).join(', ');
  return (
    <Group gap="md" wrap="nowrap" justify="center">
      <div role="img" aria-label={`Risk distribution: ${summary}`}>
        <DonutChart
          data={
            total > 0
              ? slices.map((s) => ({ name: s.label, value: s.value, color: s.color }))
              : [{ name: 'No students', value: 1, color: 'gray.2' }]
          }
          size={size}
          thickness={22}
          chartLabel={total}
          withTooltip={false}
          paddingAngle={slices.filter((s) => s.value > 0).length > 1 ? 2 : 0}
        />
      </div>
      <Stack gap={6}>
        {slices.map((s) => (
          <UnstyledButton
            key={s.key}
            onClick={() => onSelect?.(s.key)}
            disabled={!onSelect}
            aria-label={`${s.label} risk: ${s.value} students`}
          >
            <Group gap={8} wrap="nowrap">
              <span
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: 2,
                  background: `var(--mantine-color-${s.color.replace('.', '-')})`,
                }}
              />
              <Text size="sm" w={58}>
                {s.label}
              </Text>
              <Text size="sm" fw={600} w={34} ta="right">
                {s.value}
              </Text>
              <Text size="xs" c="dimmed" w={34} ta="right">
                {total > 0 ? `${Math.round((s.value / total) * 100)}%` : ''}
              </Text>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Group>
  );
}

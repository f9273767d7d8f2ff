import type { ReactElement } from 'react';
import { Group, Progress, Text } from '@mantine/core';

/** "12 / 15" with a bar: teal with room, orange nearly full, red at or over the limit. */
export function LoadBar({
  active,
  max,
  width = 90,
}: {
  active: number;
  max: number;
  width?: number;
}): ReactElement {
  const pct = max > 0 ? Math.min(100, (active / max) * 100) : active > 0 ? 100 : 0;
  const color = active >= max ? 'red' : pct >= 80 ? 'orange' : 'teal';
  return (
    <Group gap={8} wrap="nowrap" justify="flex-end">
      <Text
        span
        size="sm"
        fw={500}
        c={active > max ? 'red.7' : undefined}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {active} / {max}
      </Text>
      <Progress value={pct} color={color} w={width} size="sm" aria-label={`${active} of ${max} mentees`} />
    </Group>
  );
}

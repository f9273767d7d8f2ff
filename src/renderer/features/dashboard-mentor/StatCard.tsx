import type { ReactElement } from 'react';
import { Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { formatCount } from '../../format.ts';

/** One figure on a dashboard; a link when there is a screen behind it. */
export function StatCard({
  label,
  value,
  hint,
  to,
  tone,
}: {
  label: string;
  value: number;
  hint?: string;
  to?: string;
  tone?: 'red' | 'orange' | 'teal';
}): ReactElement {
  const body = (
    <Paper p="md" h="100%" style={to ? { transition: 'border-color 120ms' } : undefined}>
      <Stack gap={2}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {label}
        </Text>
        <Text fz={26} fw={700} lh={1.15} c={value > 0 && tone ? `${tone}.7` : undefined}>
          {formatCount(value)}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
  return to ? (
    <UnstyledButton component={Link} to={to} aria-label={`${label}: ${value}`} h="100%">
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

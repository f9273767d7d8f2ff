import type { ReactElement, ReactNode } from 'react';
import { Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import { formatCount } from '../../format.ts';
import classes from './Tile.module.css';

/** A headline number; with `to`, the whole tile opens the list behind the number. */
export function Tile({
  label,
  value,
  hint,
  to,
  color,
}: {
  label: string;
  value: number | string;
  hint?: ReactNode;
  to?: string;
  color?: string;
}): ReactElement {
  const body = (
    <Paper px="md" py="sm" h="100%" className={classes.tile}>
      <Stack gap={2}>
        {/* Two lines rather than "WITHOUT A MEN…" in six tiles across a 1366 px screen. */}
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: 0.3 }} lineClamp={2}>
          {label}
        </Text>
        <Text fz={24} fw={700} lh={1.25} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {typeof value === 'number' ? formatCount(value) : value}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {hint}
          </Text>
        )}
      </Stack>
    </Paper>
  );
  if (!to) return body;
  return (
    <UnstyledButton
      component={Link}
      to={to}
      h="100%"
      display="block"
      className={classes.link}
      aria-label={`${label}: ${value}. Open the list`}
    >
      {body}
    </UnstyledButton>
  );
}

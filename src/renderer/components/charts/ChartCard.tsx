import '@mantine/charts/styles.css';
import type { ReactElement, ReactNode } from 'react';
import { Group, Paper, Stack, Text, Title } from '@mantine/core';

/** A titled white card that holds one chart or figure on a dashboard. */
export function ChartCard({
  title,
  subtitle,
  action,
  children,
  h,
}: {
  title: string;
  subtitle?: ReactNode;
  action?: ReactNode;
  children: ReactNode;
  h?: number | string;
}): ReactElement {
  return (
    <Paper p="md" h={h} component="section" aria-label={title}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={0}>
            <Title order={2} size="h4">
              {title}
            </Title>
            {subtitle && (
              <Text size="xs" c="dimmed">
                {subtitle}
              </Text>
            )}
          </Stack>
          {action}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}

import type { ReactElement, ReactNode } from 'react';
import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { layout } from '../../theme.ts';

/** The centred card the signed-out screens (sign in, reset, setup) share. */
export function AuthFrame({
  title,
  subtitle,
  width = 400,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
}): ReactElement {
  return (
    <Center mih="100vh" p="lg" bg={layout.background}>
      <Stack gap="md" w={width} maw="100%">
        <Box ta="center">
          <Text fw={700} c="brand.8" size="sm" tt="uppercase" lts={1}>
            SMMS Desktop
          </Text>
          <Text size="xs" c="dimmed">
            Student Mentoring Management System
          </Text>
        </Box>
        <Paper p="xl" shadow="xs">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={1} size="h2">
                {title}
              </Title>
              {subtitle && (
                <Text size="sm" c="dimmed">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}

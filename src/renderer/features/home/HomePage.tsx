import type { ReactElement } from 'react';
import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ROLE_LABELS } from '../../app/navigation.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';

function greeting(hour: number): string {
  if (hour < 12) return 'Good morning';
  if (hour < 17) return 'Good afternoon';
  return 'Good evening';
}

/** The landing page; each role's dashboard panels join it as their features land. */
export function HomePage(): ReactElement {
  const { user, idleTimeoutMinutes } = useCurrentUser();
  return (
    <>
      <PageHeader
        title={`${greeting(new Date().getHours())}, ${user.firstName}`}
        description={`Signed in as ${ROLE_LABELS[user.role].toLowerCase()}.`}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" maw={900}>
        <Paper p="lg">
          <Stack gap="xs">
            <Title order={2} size="h3">
              Your account
            </Title>
            <Text size="sm">
              {user.firstName} {user.lastName}
            </Text>
            <Text size="sm" c="dimmed">
              {user.email}
            </Text>
            <Text size="sm" c="dimmed">
              {ROLE_LABELS[user.role]}
            </Text>
          </Stack>
        </Paper>
        <Paper p="lg">
          <Stack gap="xs">
            <Title order={2} size="h3">
              Working safely
            </Title>
            <Text size="sm" c="dimmed">
              This window locks itself after {idleTimeoutMinutes} minutes without activity. Anything you were
              typing is kept; enter your password to continue. Use “Lock screen” in your name menu when you
              step away from a shared PC.
            </Text>
          </Stack>
        </Paper>
      </SimpleGrid>
    </>
  );
}

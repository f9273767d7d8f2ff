import type { ReactElement } from 'react';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { IconLock } from '../components/icons.tsx';
import { ROLE_LABELS } from './navigation.ts';
import { useCurrentUser } from './session.tsx';

/**
 * What a typed or bookmarked address shows when the signed-in role may not open that screen: a
 * plain statement, not the screen with "forbidden" errors in every panel. The core refuses the
 * calls anyway; this is the explanation.
 */
export function NotForRole({ label }: { label: string }): ReactElement {
  const { user } = useCurrentUser();
  return (
    <Paper p="xl" maw={560} mx="auto" mt="xl">
      <Stack gap="sm" align="flex-start">
        <IconLock size={28} />
        <Title order={1} size="h2">
          Not available for your role
        </Title>
        <Text size="sm">
          “{label}” is for other roles. You are signed in as {ROLE_LABELS[user.role].toLowerCase()}.
        </Text>
        <Text size="sm" c="dimmed">
          The menu on the left lists the screens you can use. If you need this one, ask your department
          office.
        </Text>
        <Button component={Link} to="/">
          Go to your home page
        </Button>
      </Stack>
    </Paper>
  );
}

import type { ReactElement, ReactNode } from 'react';
import { Button, Center, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { errorMessage, isAppError } from '../api.ts';
import { IconAlert, IconInbox } from './icons.tsx';

// The three states every list and page shares, so they look and read the same everywhere.

export function LoadingState({ label = 'Loading…' }: { label?: string }): ReactElement {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function ErrorState({
  error,
  title = 'This could not be loaded',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}): ReactElement {
  const offline = isAppError(error) && error.code === 'OFFLINE';
  return (
    <EmptyState
      py="xl"
      role="alert"
      variant="light"
      color="red"
      icon={<IconAlert size={26} />}
      title={offline ? 'Not connected' : title}
      description={errorMessage(error)}
    >
      {onRetry && (
        <EmptyState.Actions>
          <Button variant="default" onClick={onRetry}>
            Try again
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

export function EmptyView({
  title,
  description,
  action,
}: {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
}): ReactElement {
  return (
    <EmptyState
      py="xl"
      withIndicatorBackground
      icon={<IconInbox size={26} />}
      title={title}
      description={description}
    >
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}

/** Loading → error → empty → content, in that order, for any query-backed block. */
export function QueryState({
  isLoading,
  error,
  isEmpty,
  empty,
  onRetry,
  children,
}: {
  isLoading: boolean;
  error: unknown;
  isEmpty?: boolean;
  empty?: ReactNode;
  onRetry?: () => void;
  children: ReactNode;
}): ReactElement {
  if (isLoading) return <LoadingState />;
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (isEmpty) return <>{empty ?? <EmptyView title="Nothing here yet" />}</>;
  return <Stack gap={0}>{children}</Stack>;
}

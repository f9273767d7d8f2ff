import type { ReactElement } from 'react';
import { Alert } from '@mantine/core';
import { IconAlert } from '../icons.tsx';

/** A form-level error above the submit button; announced to screen readers. */
export function FormAlert({
  title,
  message,
}: {
  title?: string;
  message: string | null;
}): ReactElement | null {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlert />} role="alert">
      {message}
    </Alert>
  );
}

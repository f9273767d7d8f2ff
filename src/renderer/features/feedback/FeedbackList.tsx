import { useState, type ReactElement } from 'react';
import { Badge, Button, Group, Paper, Rating, Stack, Text } from '@mantine/core';
import type { FeedbackRow } from '../../../shared/contract/feedback.contract.ts';
import { formatDate } from '../../format.ts';
import { GiveFeedbackModal } from './GiveFeedbackModal.tsx';
import { readersOf } from './visibility.ts';

/** Feedback cards: who rated whom, the stars, the words, and who may read it. */
export function FeedbackList({ rows }: { rows: FeedbackRow[] }): ReactElement {
  const [editing, setEditing] = useState<FeedbackRow | null>(null);
  return (
    <Stack gap="sm">
      {rows.map((f) => (
        <Paper key={f.id} p="sm" withBorder radius="sm" bg="gray.0">
          <Stack gap={4}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Group gap="xs" style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {f.giverName}
                </Text>
                <Text size="sm" c="dimmed">
                  about {f.recipientName}
                </Text>
                <Rating value={f.rating} readOnly size="sm" aria-label={`${f.rating} out of 5`} />
              </Group>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {formatDate(f.createdAt)}
              </Text>
            </Group>
            {f.comments ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {f.comments}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                No comments.
              </Text>
            )}
            <Group justify="space-between">
              <Badge color={f.visibility === 'DEPARTMENT_ADMIN' ? 'grape' : 'gray'} variant="light">
                {readersOf(f.visibility, f.type)}
              </Badge>
              {f.canEdit && (
                <Button size="compact-xs" variant="subtle" onClick={() => setEditing(f)}>
                  Edit (until {formatDate(f.editableUntil)})
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      ))}
      <GiveFeedbackModal
        target={
          editing
            ? {
                sessionId: editing.sessionId,
                topic: editing.topic,
                sessionDate: editing.sessionDate,
                about: editing.recipientName,
              }
            : null
        }
        existing={editing ?? undefined}
        onClose={() => setEditing(null)}
      />
    </Stack>
  );
}

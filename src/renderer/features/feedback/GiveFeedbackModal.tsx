import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Radio, Rating, Stack, Text, Textarea } from '@mantine/core';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { FeedbackRow } from '../../../shared/contract/feedback.contract.ts';
import type { FeedbackVisibility } from '../../../shared/domain/enums.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { formatDateTime } from '../../format.ts';
import { useWrite } from '../sessions/use-call.ts';
import { defaultVisibility, visibilityChoices } from './visibility.ts';

// Rating a completed session (once per session and side); editing it within 7 days.

const RATING_WORDS = ['', 'Poor', 'Below expectations', 'Satisfactory', 'Good', 'Excellent'];

export interface FeedbackTarget {
  sessionId: string;
  topic: string;
  sessionDate: string;
  /** The other party's name. */
  about: string;
}

function FeedbackForm({
  target,
  existing,
  onDone,
}: {
  target: FeedbackTarget;
  existing?: FeedbackRow;
  onDone(): void;
}): ReactElement {
  const { user } = useCurrentUser();
  const give = useWrite('feedback:give', { success: 'Thank you: your feedback is saved.' });
  const edit = useWrite('feedback:edit', { success: 'Feedback updated.' });
  const [rating, setRating] = useState(existing?.rating ?? 0);
  const [comments, setComments] = useState(existing?.comments ?? '');
  const [visibility, setVisibility] = useState<FeedbackVisibility>(
    existing?.visibility ?? defaultVisibility(user.role),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const choices = visibilityChoices(user.role);

  const submit = async (): Promise<void> => {
    setFormError(null);
    const input = existing
      ? { id: existing.id, rating, comments, visibility }
      : { sessionId: target.sessionId, rating, comments, visibility };
    const schema = existing ? CONTRACT['feedback:edit'].input : CONTRACT['feedback:give'].input;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      setErrors(
        issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
      );
      return;
    }
    setErrors({});
    try {
      if (existing) await edit.mutateAsync({ id: existing.id, rating, comments, visibility });
      else await give.mutateAsync({ sessionId: target.sessionId, rating, comments, visibility });
      onDone();
    } catch (err) {
      if (isAppError(err) && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
      else setFormError(errorMessage(err));
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {target.topic} · {formatDateTime(target.sessionDate)} · with {target.about}
        </Text>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="rating-label">
            Rating{' '}
            <span aria-hidden="true" style={{ color: 'var(--mantine-color-error)' }}>
              *
            </span>
          </Text>
          <Group gap="sm">
            <Rating
              value={rating}
              onChange={(r) => {
                setRating(r);
                setErrors(({ rating: _done, ...rest }) => rest);
              }}
              size="lg"
              aria-labelledby="rating-label"
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {RATING_WORDS[rating] ?? ''}
            </Text>
          </Group>
          {errors.rating && (
            <Text size="xs" c="red" role="alert">
              {errors.rating}
            </Text>
          )}
        </Stack>
        <Textarea
          label="Comments (optional)"
          autosize
          minRows={3}
          maxRows={8}
          value={comments}
          onChange={(e) => setComments(e.currentTarget.value)}
          error={errors.comments}
        />
        <Radio.Group
          label="Who may read it"
          value={visibility}
          onChange={(v) => setVisibility(v as FeedbackVisibility)}
          error={errors.visibility}
        >
          <Stack gap="xs" mt={6}>
            {choices.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.explanation} />
            ))}
          </Stack>
        </Radio.Group>
        <FormAlert title="Not saved" message={formError} />
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            You can change it for 7 days after giving it.
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={give.isPending || edit.isPending}>
              {existing ? 'Save changes' : 'Give feedback'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

export function GiveFeedbackModal({
  target,
  existing,
  onClose,
}: {
  target: FeedbackTarget | null;
  existing?: FeedbackRow;
  onClose(): void;
}): ReactElement {
  return (
    <Modal
      lockScroll={false}
      opened={target !== null}
      onClose={onClose}
      title={existing ? 'Edit your feedback' : 'Give feedback'}
      size="lg"
    >
      {target && <FeedbackForm target={target} existing={existing} onDone={onClose} />}
    </Modal>
  );
}

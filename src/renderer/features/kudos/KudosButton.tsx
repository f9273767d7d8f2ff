import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { CONTRACT } from '../../../shared/contract/index.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useWrite } from '../sessions/use-call.ts';

// "Send kudos": a short positive note the student sees on its dashboard and in its notifications.

export function KudosButton({
  studentId,
  studentName,
}: {
  studentId: string;
  studentName: string;
}): ReactElement {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const send = useWrite('kudos:send', { success: `Kudos sent to ${studentName}.` });
  const close = (): void => {
    setOpen(false);
    setMessage('');
    setError(null);
    setFieldError(undefined);
  };
  const submit = async (): Promise<void> => {
    const parsed = CONTRACT['kudos:send'].input.safeParse({ studentId, message });
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      return;
    }
    try {
      await send.mutateAsync({ studentId, message });
      close();
    } catch (err) {
      if (isAppError(err) && err.issues.length > 0) setFieldError(err.issues[0]?.message);
      else setError(errorMessage(err));
    }
  };
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        Send kudos
      </Button>
      <Modal lockScroll={false} opened={open} onClose={close} title={`Kudos for ${studentName}`}>
        <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              A positive note the student sees on their dashboard.
            </Text>
            <Textarea
              label="Message"
              required
              data-autofocus
              autosize
              minRows={3}
              maxLength={1000}
              value={message}
              onChange={(e) => {
                setMessage(e.currentTarget.value);
                setFieldError(undefined);
              }}
              error={fieldError}
            />
            <FormAlert title="Not sent" message={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={send.isPending}>
                Send kudos
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

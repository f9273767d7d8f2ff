import { useState, type ReactElement, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';

// Every destructive or hard-to-undo action asks first. Some also take a note (closing an alert,
// ending an assignment): `note` adds a text box, required or optional.

export interface ConfirmNote {
  label: string;
  description?: string;
  required?: boolean;
  placeholder?: string;
  maxLength?: number;
}

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Red for destructive actions. */
  color?: string;
  note?: ConfirmNote;
  onConfirm(note: string): Promise<void>;
  onClose(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps): ReactElement {
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const close = (): void => {
    if (busy) return;
    setNote('');
    setNoteError(undefined);
    setError(null);
    props.onClose();
  };

  const confirm = async (): Promise<void> => {
    if (props.note?.required && note.trim() === '') {
      setNoteError(`${props.note.label} is required.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm(note.trim());
      setNote('');
      setBusy(false);
      props.onClose();
    } catch (err) {
      const fieldIssue = isAppError(err) ? err.issues[0] : undefined;
      if (fieldIssue && props.note) setNoteError(fieldIssue.message);
      else setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal lockScroll={false} opened={props.opened} onClose={close} title={props.title} centered size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
        noValidate
      >
        <Stack gap="md">
          {typeof props.children === 'string' ? <Text size="sm">{props.children}</Text> : props.children}
          {props.note && (
            <Textarea
              label={props.note.label}
              description={props.note.description}
              placeholder={props.note.placeholder}
              required={props.note.required}
              autosize
              minRows={3}
              maxRows={8}
              maxLength={props.note.maxLength ?? 2000}
              value={note}
              error={noteError}
              data-autofocus
              onChange={(e) => {
                setNote(e.currentTarget.value);
                setNoteError(undefined);
              }}
            />
          )}
          <FormAlert message={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button
              type="submit"
              color={props.color}
              loading={busy}
              data-autofocus={!props.note || undefined}
            >
              {props.confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

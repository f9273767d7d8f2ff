import { useState, type ReactElement } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import type { BackupEntryDto } from '../../../shared/contract/ops.contract.ts';
import { call, errorMessage } from '../../api.ts';
import { formatDateTime } from '../../format.ts';

// Restoring replaces everything on this computer with the backup's moment, so it asks twice: read
// what happens, tick that you understand, then restore. The app restarts itself to do it.

export function RestoreDialog({
  backup,
  onClose,
  onScheduled,
}: {
  backup: BackupEntryDto | null;
  onClose(): void;
  onScheduled(name: string): void;
}): ReactElement {
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = (): void => {
    setUnderstood(false);
    setError(null);
    onClose();
  };
  const restore = async (): Promise<void> => {
    if (!backup) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('ops:restore', { name: backup.name });
      onScheduled(r.name);
      close();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const when = backup ? formatDateTime(backup.createdAt) : '';
  return (
    <Modal
      lockScroll={false}
      opened={backup !== null}
      onClose={close}
      title="Restore a backup"
      centered
      size="lg"
    >
      <Stack gap="sm">
        <Text size="sm">
          Everything on this computer goes back to how it was on <strong>{when}</strong>. Sessions, notes,
          goals and accounts entered after that moment on this computer will no longer be in the app.
        </Text>
        <Text size="sm">
          Before restoring, SMMS keeps the current state as a backup (&ldquo;Before a restore&rdquo;), so you
          can change your mind later. SMMS Desktop restarts to do the restore; everyone signed in on this
          computer is signed out.
        </Text>
        <Checkbox
          checked={understood}
          onChange={(e) => setUnderstood(e.currentTarget.checked)}
          label={`I understand that work entered after ${when} is replaced`}
        />
        {error && (
          <Alert color="red" variant="light" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button color="red" disabled={!understood} loading={busy} onClick={() => void restore()}>
            Restore and restart
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { useState, type ReactElement } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { AlertRowDto } from '../../../shared/contract/alerts.contract.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { ALERT_CATEGORY, SeverityBadge } from '../students/badges.tsx';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';

/** "Close…" on an open alert: the core requires a closing note, and so does this dialog. */
export function CloseAlertButton({ alert }: { alert: AlertRowDto }): ReactElement | null {
  const client = useQueryClient();
  const { user } = useCurrentUser();
  const [open, setOpen] = useState(false);
  // ROLES.md: a mentor closes only the manual alerts it raised; admins close any in scope.
  const mayClose = user.role !== 'MENTOR' || (alert.source === 'manual' && alert.raisedById === user.id);
  if (alert.status !== 'OPEN' || !mayClose) return null;
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        onClick={() => setOpen(true)}
        aria-label={`Close alert about ${alert.studentName}`}
      >
        Close…
      </Button>
      <ConfirmDialog
        opened={open}
        title={`Close alert about ${alert.studentName}`}
        confirmLabel="Close alert"
        note={{
          label: 'Closing note',
          required: true,
          description: 'What was done about it. Kept with the alert and in the audit log.',
          placeholder: 'For example: met the student and parents on 12 March; attendance plan agreed.',
        }}
        onConfirm={async (note) => {
          await call('alerts:close', { id: alert.id, note });
          await invalidateCalls(client, ['alerts:list', 'students:get', 'students:list']);
        }}
        onClose={() => setOpen(false)}
      >
        <Stack gap={4}>
          <Text size="sm">
            <SeverityBadge severity={alert.severity} /> {ALERT_CATEGORY[alert.category]}
          </Text>
          <Text size="sm">{alert.message}</Text>
        </Stack>
      </ConfirmDialog>
    </>
  );
}

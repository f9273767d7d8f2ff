import { useState, type ReactElement, type ReactNode } from 'react';
import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { BackupEntryDto } from '../../../shared/contract/ops.contract.ts';
import { call, errorMessage } from '../../api.ts';
import { roleMayCall } from '../../app/navigation.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { useCall } from '../sessions/use-call.ts';
import { REASON_WORDS, restorable } from './backup-words.ts';
import { RestoreDialog } from './RestoreDialog.tsx';

// Settings → Backups: what is kept, where, and the two actions (back up now; restore one).

function Fact({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xl">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" style={{ wordBreak: 'break-all' }}>
        {children}
      </Text>
    </Group>
  );
}

function BackupsTable({
  backups,
  canRestore,
  onRestore,
}: {
  backups: BackupEntryDto[];
  canRestore: boolean;
  onRestore(b: BackupEntryDto): void;
}): ReactElement {
  return (
    <Table striped highlightOnHover aria-label="Backups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Made</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th ta="right">Size</Table.Th>
          {canRestore && <Table.Th aria-label="Actions" />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.name}>
            <Table.Td title={b.name}>{formatDateTime(b.createdAt)}</Table.Td>
            <Table.Td>{REASON_WORDS[b.reason]}</Table.Td>
            <Table.Td ta="right">{formatBytes(b.bytes)}</Table.Td>
            {canRestore && (
              <Table.Td ta="right">
                {restorable(b) && (
                  <Button size="xs" variant="default" onClick={() => onRestore(b)}>
                    Restore…
                  </Button>
                )}
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function BackupsPage(): ReactElement {
  const { user } = useCurrentUser();
  const queryClient = useQueryClient();
  const q = useCall('ops:backups', {});
  const [creating, setCreating] = useState(false);
  const [restoring, setRestoring] = useState<BackupEntryDto | null>(null);
  if (q.isLoading) return <LoadingState label="Reading the backups…" />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const data = q.data;
  const canRestore = roleMayCall(user.role, 'ops:restore');

  const backUpNow = async (): Promise<void> => {
    setCreating(true);
    try {
      const r = await call('ops:backup-create', {});
      notifications.show({
        color: 'teal',
        message: `Backup made (${formatBytes(r.backup.bytes)}).`,
        autoClose: 4000,
      });
      await queryClient.invalidateQueries({ queryKey: ['ops:backups'] });
    } catch (err) {
      notifications.show({ color: 'red', title: 'No backup made', message: errorMessage(err) });
    } finally {
      setCreating(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Backups"
        description={`This computer's database is backed up every day and before every update. The newest ${data.keep} automatic backups are kept; backups made by hand are never deleted by the app.`}
      />
      <Stack gap="lg">
        {data.pendingRestore && (
          <Alert color="orange" variant="light" title="A restore is waiting" role="status">
            The backup of {formatDateTime(data.pendingRestore.createdAt, data.pendingRestore.name)} is
            restored when SMMS Desktop starts again. Close and reopen the app if it did not restart by itself.
          </Alert>
        )}
        <Paper p="lg">
          <Group justify="space-between" align="flex-start" mb="sm">
            <Title order={2} size="h4">
              Where the data is
            </Title>
            <Button loading={creating} onClick={() => void backUpNow()}>
              Back up now
            </Button>
          </Group>
          <Stack gap={6}>
            <Fact label="Data folder">{data.dataDir}</Fact>
            <Fact label="Backups folder">{data.backupsDir}</Fact>
            <Fact label="Database size">{formatBytes(data.databaseBytes)}</Fact>
          </Stack>
          <Text size="xs" c="dimmed" mt="sm">
            Copy the backups folder to a USB drive or network share now and then: a backup on the same disk
            does not help when the disk fails.
          </Text>
        </Paper>
        <Paper p="lg">
          <Title order={2} size="h4" mb="sm">
            Backups on this computer
          </Title>
          {data.backups.length === 0 ? (
            <EmptyView title="No backups yet" description="The first one is made today; or back up now." />
          ) : (
            <BackupsTable backups={data.backups} canRestore={canRestore} onRestore={setRestoring} />
          )}
        </Paper>
      </Stack>
      <RestoreDialog
        backup={restoring}
        onClose={() => setRestoring(null)}
        onScheduled={(name) => {
          notifications.show({
            color: 'orange',
            title: 'Restoring',
            message: `SMMS Desktop restarts now and restores the backup of ${formatDateTime(restoring?.createdAt ?? null, name)}.`,
            autoClose: false,
          });
          void queryClient.invalidateQueries({ queryKey: ['ops:backups'] });
        }}
      />
    </>
  );
}

import { useState, type ReactElement, type ReactNode } from 'react';
import { Alert, Badge, Grid, Group, List, Paper, Progress, Stack, Tabs, Text, Title } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { CentralConnectionCard } from './CentralConnectionCard.tsx';
import { OutboxList, type OutboxFilter } from './OutboxList.tsx';
import { SyncNowButton } from './SyncNowButton.tsx';
import { useSyncStatus, type SyncLive } from './use-sync-status.ts';

const roundTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

const STATE_WORDS = {
  idle: { label: 'Up to date', color: 'teal' },
  syncing: { label: 'Syncing now', color: 'blue' },
  offline: { label: 'Offline: central database not reachable', color: 'orange' },
  error: { label: 'Sync failed', color: 'red' },
} as const;

function Row({ label, children }: { label: string; children: ReactNode }): ReactElement {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" ta="right" component="div">
        {children}
      </Text>
    </Group>
  );
}

function Rounds({ live }: { live: SyncLive }): ReactElement {
  if (live.rounds.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No sync round has finished since this window opened.
      </Text>
    );
  return (
    <Stack gap={6}>
      {live.rounds.slice(0, 6).map((r) => (
        <Group key={r.at} justify="space-between" wrap="nowrap">
          <Text size="xs">{roundTime.format(new Date(r.at))}</Text>
          <Text size="xs" c={r.state === 'idle' ? 'dimmed' : 'orange.8'} ta="right">
            {r.state === 'idle'
              ? r.report
                ? `sent ${r.report.pushed}, received ${r.report.pulled}${r.report.rejected ? `, ${r.report.rejected} refused` : ''}`
                : 'up to date'
              : r.state === 'offline'
                ? 'offline'
                : 'failed'}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function SyncPage(): ReactElement {
  const { status, live, isLoading, error, refetch } = useSyncStatus();
  const [tab, setTab] = useState<OutboxFilter>('OPEN');
  if (isLoading) return <LoadingState label="Reading the sync state…" />;
  if (error || !status) return <ErrorState error={error} onRetry={refetch} />;
  const synced = status.mode === 'synced';
  const words = STATE_WORDS[status.state];
  const progress = live.progress;
  const review = status.rejected + status.conflicts;

  return (
    <>
      <PageHeader
        title="Sync"
        description={
          synced
            ? 'This computer works on a copy of the central database and sends your changes when it can reach it.'
            : 'This computer is standalone: its database is the only one, and nothing is sent anywhere.'
        }
      />
      <Grid gap="lg">
        <Grid.Col span={5}>
          <Stack gap="lg">
            <Paper p="lg">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  State
                </Title>
                <Badge color={synced ? words.color : 'gray'} size="lg">
                  {synced ? words.label : 'Standalone'}
                </Badge>
              </Group>
              <Stack gap={6}>
                <Row label="Changes waiting to be sent">{status.pending}</Row>
                <Row label="Refused or in conflict">
                  <Text span c={review > 0 ? 'red.7' : undefined} fw={review > 0 ? 700 : undefined}>
                    {review}
                  </Text>
                </Row>
                <Row label="Last successful sync">
                  {formatDateTime(status.lastSuccessAt, synced ? 'Never' : '—')}
                </Row>
                <Row label="Last attempt">{formatDateTime(status.lastAttemptAt, '—')}</Row>
                {synced && <Row label="Central position">{status.cursor ?? '—'}</Row>}
              </Stack>
              {status.state === 'syncing' && progress && (
                <Stack gap={4} mt="md">
                  <Text size="xs" c="dimmed">
                    {progress.label} (
                    {progress.total > 0
                      ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`
                      : `${progress.done.toLocaleString()} so far`}
                    )
                  </Text>
                  <Progress
                    value={progress.total ? (100 * progress.done) / progress.total : 0}
                    animated
                    aria-label={progress.label}
                  />
                </Stack>
              )}
              {status.lastError && status.state !== 'idle' && (
                <Alert color={status.state === 'offline' ? 'orange' : 'red'} mt="md" variant="light">
                  {status.lastError}
                </Alert>
              )}
              {synced && <SyncNowButton />}
            </Paper>
            <Paper p="lg">
              <Title order={2} size="h4" mb="xs">
                When it syncs
              </Title>
              {synced ? (
                <List size="sm" spacing={4}>
                  <List.Item>when the app starts,</List.Item>
                  <List.Item>a few seconds after each change you make,</List.Item>
                  <List.Item>every five minutes,</List.Item>
                  <List.Item>
                    and, when the central database cannot be reached, again and again on its own until it can.
                  </List.Item>
                </List>
              ) : (
                <Text size="sm">Never: a standalone computer has nothing to sync with.</Text>
              )}
              <Title order={3} size="h5" mt="md" mb={6}>
                Recent rounds
              </Title>
              <Rounds live={live} />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={7}>
          <Stack gap="lg">
            {synced ? (
              <Paper p="lg">
                <Title order={2} size="h4" mb="sm">
                  Your changes
                </Title>
                <Tabs value={tab} onChange={(v) => setTab((v as OutboxFilter | null) ?? 'OPEN')} mb="md">
                  <Tabs.List>
                    <Tabs.Tab value="OPEN">
                      Needs attention{review + status.pending > 0 ? ` (${review + status.pending})` : ''}
                    </Tabs.Tab>
                    <Tabs.Tab value="APPLIED">Sent</Tabs.Tab>
                    <Tabs.Tab value="DISCARDED">Discarded</Tabs.Tab>
                  </Tabs.List>
                </Tabs>
                <OutboxList filter={tab} />
              </Paper>
            ) : (
              <Paper p="lg">
                <Title order={2} size="h4" mb="xs">
                  Working standalone
                </Title>
                <Text size="sm">
                  Everything you save is stored on this computer straight away; there is no queue and nothing
                  to review here. Back up the database file regularly.
                </Text>
                <Text size="sm" mt="sm">
                  To share data between the office and mentors&apos; laptops, the system administrator
                  connects this computer to a central MySQL or MariaDB database in the Central database card.
                  Data already entered here is then uploaded once, to an empty central database.
                </Text>
              </Paper>
            )}
            <CentralConnectionCard />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

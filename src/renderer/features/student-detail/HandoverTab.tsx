import { useState, type ReactElement } from 'react';
import { Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { call, errorMessage } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IconDownload } from '../../components/icons.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { formatDate } from '../../format.ts';
import { base64ToBlob, saveBlob } from '../reports/download.ts';

// The handover summary (issue 12 item 2): what a new mentor needs on day one, on one screen, and the
// same page as a PDF. Restricted notes are never part of it.

const RISK_COLOR = { HIGH: 'red', MEDIUM: 'orange', LOW: 'green' } as const;

export function HandoverTab({ studentId }: { studentId: string }): ReactElement {
  const query = useQuery({
    queryKey: ['handover:summary', studentId],
    queryFn: () => call('handover:summary', { studentId }),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const pdf = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const file = await call('reports:handover', { studentId });
      saveBlob(file.fileName, base64ToBlob(file.pdfBase64, 'application/pdf'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const h = query.data;
  return (
    <QueryState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
      {h && (
        <Stack gap="md">
          <Group justify="space-between">
            <Group gap="sm">
              <Title order={3}>Handover summary</Title>
              <Badge color={RISK_COLOR[h.risk.level]}>{h.risk.level} risk</Badge>
            </Group>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={busy}
              onClick={() => void pdf()}
            >
              Handover packet (PDF)
            </Button>
          </Group>
          <FormAlert message={error} />
          <Text size="sm" c="dimmed">
            Current mentor(s): {h.currentMentors.join(', ') || '—'} · Previous mentor:{' '}
            {h.previousMentor ?? '—'}
          </Text>
          <Paper withBorder p="sm">
            <Text fw={600} size="sm" mb={4}>
              Why this risk level
            </Text>
            <List size="sm">
              {h.risk.reasons.map((r) => (
                <List.Item key={r}>{r}</List.Item>
              ))}
            </List>
          </Paper>
          <SimpleGrid cols={2}>
            <Paper withBorder p="sm">
              <Text fw={600} size="sm" mb={4}>
                Open goals ({h.openGoals.length})
              </Text>
              {h.openGoals.length === 0 && (
                <Text size="sm" c="dimmed">
                  No open goals.
                </Text>
              )}
              <List size="sm">
                {h.openGoals.map((g) => (
                  <List.Item key={g.title}>
                    {g.title} — {g.progressPct}%{g.targetDate ? `, due ${formatDate(g.targetDate)}` : ''}
                  </List.Item>
                ))}
              </List>
            </Paper>
            <Paper withBorder p="sm">
              <Text fw={600} size="sm" mb={4}>
                Open alerts ({h.openAlerts.length})
              </Text>
              {h.openAlerts.length === 0 && (
                <Text size="sm" c="dimmed">
                  No open alerts.
                </Text>
              )}
              <List size="sm">
                {h.openAlerts.map((a) => (
                  <List.Item key={`${a.createdAt}${a.message}`}>
                    {a.severity}: {a.message}
                  </List.Item>
                ))}
              </List>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="sm">
            <Text fw={600} size="sm" mb={4}>
              Last five sessions
            </Text>
            {h.lastSessions.length === 0 && (
              <Text size="sm" c="dimmed">
                No completed sessions yet.
              </Text>
            )}
            <Stack gap={6}>
              {h.lastSessions.map((s) => (
                <div key={`${s.date}${s.topic}`}>
                  <Text size="sm" fw={500}>
                    {formatDate(s.date)} · {s.topic}{' '}
                    <Text span c="dimmed" size="xs">
                      ({s.mentor})
                    </Text>
                  </Text>
                  {s.actionItems.map((i) => (
                    <Text
                      key={i.text}
                      size="xs"
                      c={i.done ? 'dimmed' : undefined}
                      td={i.done ? 'line-through' : undefined}
                    >
                      {i.done ? 'Done' : 'Open'}: {i.text}
                    </Text>
                  ))}
                </div>
              ))}
            </Stack>
          </Paper>
          {h.staffNotes.length > 0 && (
            <Paper withBorder p="sm">
              <Text fw={600} size="sm" mb={4}>
                Staff notes you may read
              </Text>
              {h.staffNotes.slice(0, 6).map((n) => (
                <Text key={`${n.createdAt}${n.body}`} size="sm">
                  {formatDate(n.createdAt)} · {n.author}: {n.body}
                </Text>
              ))}
            </Paper>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

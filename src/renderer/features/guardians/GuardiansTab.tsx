import { useState, type ReactElement } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import type { GuardianContact } from '../../../shared/contract/guardians.contract.ts';
import { call, errorMessage } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IconReport } from '../../components/icons.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { formatDate, formatDateTime, formatDay } from '../../format.ts';
import { saveBase64 } from '../reports/download.ts';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';
import { ContactModal, LogContactModal, MODE_LABEL } from './GuardianForms.tsx';

// The Guardians tab of a student's record (mentor's mentee page and the office's student page):
// parents and guardians, the contact log with follow-ups, and letters from the department's
// templates. Staff only: the tab is not offered to students and the calls refuse them.

/** A follow-up day is stored as its IST midnight (like report days); show that calendar day. */
const followUpDay = (iso: string): string =>
  formatDay(new Date(Date.parse(iso) + 330 * 60_000).toISOString().slice(0, 10));

function LetterModal({
  studentId,
  contacts,
  opened,
  onClose,
}: {
  studentId: string;
  contacts: GuardianContact[];
  opened: boolean;
  onClose(): void;
}): ReactElement {
  const templates = useCall('letters:templates', {}, { enabled: opened });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [guardianId, setGuardianId] = useState<string | null>(contacts[0]?.id ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = templates.data?.templates ?? [];
  const chosen = templateId ?? list[0]?.id ?? null;
  const print = async (): Promise<void> => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const file = await call('letters:print', {
        templateId: chosen,
        studentId,
        guardianId: guardianId ?? undefined,
      });
      saveBase64(file.fileName, 'application/pdf', file.pdfBase64);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal lockScroll={false} opened={opened} onClose={onClose} title="Print a letter to the guardian">
      <QueryState
        isLoading={templates.isPending}
        error={templates.error}
        onRetry={() => void templates.refetch()}
      >
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            The department has no letter templates yet. The head of department adds them under Compliance →
            Letter templates.
          </Text>
        ) : (
          <Stack gap="sm">
            <Select
              label="Template"
              data={list.map((t) => ({ value: t.id, label: t.name }))}
              value={chosen}
              onChange={setTemplateId}
              allowDeselect={false}
            />
            <Select
              label="Addressed to"
              placeholder={contacts.length ? undefined : 'Parent/Guardian (no contact saved)'}
              data={contacts.map((c) => ({ value: c.id, label: `${c.name} (${c.relation})` }))}
              value={guardianId}
              onChange={setGuardianId}
              clearable
            />
            <FormAlert title="No letter" message={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button leftSection={<IconReport size={16} />} loading={busy} onClick={() => void print()}>
                Print letter (PDF)
              </Button>
            </Group>
          </Stack>
        )}
      </QueryState>
    </Modal>
  );
}

export function GuardiansTab({ studentId }: { studentId: string }): ReactElement {
  const q = useCall('guardians:list', { studentId });
  const [editing, setEditing] = useState<GuardianContact | 'new' | null>(null);
  const [removing, setRemoving] = useState<GuardianContact | null>(null);
  const [logging, setLogging] = useState(false);
  const [letter, setLetter] = useState(false);
  const remove = useWrite('guardians:delete-contact', { success: 'Guardian contact removed.' });
  const done = useWrite('guardians:complete-follow-up', { success: 'Follow-up marked done.' });
  const contacts = q.data?.contacts ?? [];
  const openFollowUps = (q.data?.log ?? []).filter((l) => l.followUpOn && !l.followUpDoneAt);
  return (
    <QueryState isLoading={q.isPending} error={q.error} onRetry={() => void q.refetch()}>
      {q.data && (
        <Stack gap="md">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Staff only: the student does not see this tab.
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                leftSection={<IconReport size={16} />}
                onClick={() => setLetter(true)}
              >
                Print a letter
              </Button>
              <Button variant="default" onClick={() => setEditing('new')}>
                Add guardian
              </Button>
              <Button onClick={() => setLogging(true)}>Log a contact</Button>
            </Group>
          </Group>
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              Parents and guardians
            </Title>
            {contacts.length === 0 ? (
              <Text size="sm" c="dimmed">
                No guardian contact saved yet. Add one to address letters and log calls.
              </Text>
            ) : (
              <Table aria-label="Guardian contacts" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Relation</Table.Th>
                    <Table.Th>Phone</Table.Th>
                    <Table.Th>Email</Table.Th>
                    <Table.Th w={150} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {contacts.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td>{c.name}</Table.Td>
                      <Table.Td>{c.relation}</Table.Td>
                      <Table.Td>{c.phone ?? '—'}</Table.Td>
                      <Table.Td>{c.email ?? '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end">
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(c)}>
                            Edit
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRemoving(c)}
                          >
                            Remove
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          <Paper withBorder p="sm">
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h5">
                Contact log
              </Title>
              {openFollowUps.length > 0 && (
                <Badge color="orange" variant="light">
                  {openFollowUps.length} follow-up{openFollowUps.length === 1 ? '' : 's'} open
                </Badge>
              )}
            </Group>
            {q.data.log.length === 0 ? (
              <Text size="sm" c="dimmed">
                No contact logged yet.
              </Text>
            ) : (
              <Table aria-label="Contact log" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={150}>When</Table.Th>
                    <Table.Th w={150}>With</Table.Th>
                    <Table.Th>Reason and outcome</Table.Th>
                    <Table.Th w={170}>Follow-up</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.log.map((l) => (
                    <Table.Tr key={l.id}>
                      <Table.Td>
                        <Text size="sm">{formatDateTime(l.contactedAt)}</Text>
                        <Text size="xs" c="dimmed">
                          {MODE_LABEL[l.mode]} · {l.createdByName ?? '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>{l.guardianName ?? '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{l.reason}</Text>
                        {l.outcome && (
                          <Text size="xs" c="dimmed">
                            Outcome: {l.outcome}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {!l.followUpOn ? (
                          '—'
                        ) : l.followUpDoneAt ? (
                          <Text size="sm" c="dimmed">
                            Done {formatDate(l.followUpDoneAt)}
                          </Text>
                        ) : (
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm" fw={500}>
                              {followUpDay(l.followUpOn)}
                            </Text>
                            <Tooltip label="Mark the follow-up done">
                              <ActionIcon
                                variant="light"
                                aria-label={`Mark the follow-up of ${followUpDay(l.followUpOn)} done`}
                                loading={done.isPending && done.variables?.id === l.id}
                                onClick={() => done.mutate({ id: l.id })}
                              >
                                ✓
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          <ContactModal
            studentId={studentId}
            contact={editing === 'new' ? null : editing}
            opened={editing !== null}
            onClose={() => setEditing(null)}
          />
          <LogContactModal
            studentId={studentId}
            contacts={contacts}
            opened={logging}
            onClose={() => setLogging(false)}
          />
          {letter && (
            <LetterModal studentId={studentId} contacts={contacts} opened onClose={() => setLetter(false)} />
          )}
          <ConfirmDialog
            opened={removing !== null}
            title="Remove this guardian contact?"
            confirmLabel="Remove"
            color="red"
            onClose={() => setRemoving(null)}
            onConfirm={async () => {
              if (removing) await remove.mutateAsync({ id: removing.id });
              setRemoving(null);
            }}
          >
            <Text size="sm">{removing?.name} will be removed. Logged contacts keep their text.</Text>
          </ConfirmDialog>
        </Stack>
      )}
    </QueryState>
  );
}

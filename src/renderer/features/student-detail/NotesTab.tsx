import { useState, type ReactElement } from 'react';
import { Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Text, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { NOTE_CATEGORIES, type NoteRowDto } from '../../../shared/contract/notes.contract.ts';
import { call, errorMessage } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IconLock, IconPencil, IconPlus, IconTrash } from '../../components/icons.tsx';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { formatDateTime } from '../../format.ts';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';

// Staff notes about a student (issue 12 item 5). The list holds only the notes the reader may read:
// a RESTRICTED note someone else wrote is not masked, it is simply not there.

const words = (v: string): string => v.charAt(0) + v.slice(1).toLowerCase();

interface Draft {
  id: string | null;
  body: string;
  category: (typeof NOTE_CATEGORIES)[number];
  restricted: boolean;
}

function NoteForm(props: {
  draft: Draft;
  studentId: string;
  onClose(): void;
  onSaved(): void;
}): ReactElement {
  const [d, setD] = useState(props.draft);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (): Promise<void> => {
    if (d.body.trim() === '') {
      setError('Write the note.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const visibility = d.restricted ? 'RESTRICTED' : 'STAFF';
      if (d.id) await call('notes:update', { id: d.id, body: d.body, category: d.category, visibility });
      else
        await call('notes:create', {
          studentId: props.studentId,
          body: d.body,
          category: d.category,
          visibility,
        });
      props.onSaved();
      props.onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm">
      <Select
        label="Kind"
        data={NOTE_CATEGORIES.map((c) => ({ value: c, label: words(c) }))}
        value={d.category}
        allowDeselect={false}
        onChange={(v) => v && setD({ ...d, category: v as Draft['category'] })}
      />
      <Textarea
        label="Note"
        autosize
        minRows={4}
        maxLength={8000}
        data-autofocus
        value={d.body}
        onChange={(e) => setD({ ...d, body: e.currentTarget.value })}
      />
      <Switch
        label="Restricted"
        description="Only you and the head of the student's department can read a restricted note (medical, safeguarding, personal matters). It never reaches other mentors' or the student's computers, is left out of their printed reports, and every time it is read the audit log records who read it."
        checked={d.restricted}
        onChange={(e) => setD({ ...d, restricted: e.currentTarget.checked })}
      />
      <FormAlert message={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose} disabled={busy}>
          Cancel
        </Button>
        <Button onClick={() => void save()} loading={busy}>
          {d.id ? 'Save note' : 'Add note'}
        </Button>
      </Group>
    </Stack>
  );
}

function NoteCard(props: { note: NoteRowDto; onEdit(): void; onDelete(): void }): ReactElement {
  const n = props.note;
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {n.authorName}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(n.createdAt)}
              {n.updatedAt !== n.createdAt ? ' · edited' : ''}
            </Text>
            <Badge variant="light" size="sm">
              {words(n.category)}
            </Badge>
            {n.visibility === 'RESTRICTED' && (
              <Badge color="red" size="sm" leftSection={<IconLock size={10} />}>
                Restricted
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {n.body}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {n.canEdit && (
            <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={props.onEdit}>
              Edit
            </Button>
          )}
          {n.canDelete && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} />}
              onClick={props.onDelete}
            >
              Delete
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}

export function NotesTab({ studentId, canWrite }: { studentId: string; canWrite: boolean }): ReactElement {
  const client = useQueryClient();
  const key = ['notes:list', studentId];
  const query = useQuery({ queryKey: key, queryFn: () => call('notes:list', { studentId }) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<NoteRowDto | null>(null);
  const refresh = (): void => void client.invalidateQueries({ queryKey: key });
  const items = query.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Staff notes are read by the student&apos;s mentors and the department office, never by the student.
        </Text>
        {canWrite && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft({ id: null, body: '', category: 'OTHER', restricted: false })}
          >
            Add note
          </Button>
        )}
      </Group>
      <QueryState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        {items.length === 0 ? (
          <EmptyView title="No notes" description="Notes you may read about this student appear here." />
        ) : (
          items.map((n) => (
            <NoteCard
              key={n.id}
              note={n}
              onEdit={() =>
                setDraft({
                  id: n.id,
                  body: n.body,
                  category: n.category,
                  restricted: n.visibility === 'RESTRICTED',
                })
              }
              onDelete={() => setDeleting(n)}
            />
          ))
        )}
      </QueryState>
      <Modal
        opened={draft !== null}
        onClose={() => setDraft(null)}
        title={draft?.id ? 'Edit note' : 'Add a note'}
        size="lg"
      >
        {draft && (
          <NoteForm draft={draft} studentId={studentId} onClose={() => setDraft(null)} onSaved={refresh} />
        )}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this note?"
        confirmLabel="Delete note"
        color="red"
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await call('notes:delete', { id: deleting.id });
          refresh();
        }}
      >
        <Text size="sm">The note is removed for everyone. The audit log keeps a record that it existed.</Text>
      </ConfirmDialog>
    </Stack>
  );
}

import { useState, type ReactElement } from 'react';
import { Button, Code, Group, Modal, Paper, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { LetterTemplate } from '../../../shared/contract/guardians.contract.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { formatDate } from '../../format.ts';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';

// The HOD's letter templates: name, subject and body with {{placeholders}} the core fills from the
// student's records when a mentor prints a letter. Unknown placeholders are refused on save.

const STARTER = {
  name: 'Attendance shortfall',
  subject: 'Attendance of {{student.name}} ({{student.rollNumber}})',
  body:
    'This is to bring to your notice that the attendance of your ward {{student.name}} ({{student.program}}, year {{student.year}}) stands at {{attendancePct}}%, below the 75% the university requires to sit the examinations.\n\n' +
    'We request you to meet the mentor, {{mentor.name}}, at the {{department.name}} office at the earliest.',
};

function TemplateForm({
  departmentId,
  template,
  placeholders,
  onDone,
}: {
  departmentId?: string;
  template: LetterTemplate | null;
  placeholders: string[];
  onDone(): void;
}): ReactElement {
  const save = useWrite('letters:save-template', { success: 'Template saved.' });
  const [v, setV] = useState(template ?? STARTER);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    const input = {
      ...(template ? { id: template.id } : { departmentId }),
      name: v.name,
      subject: v.subject,
      body: v.body,
    };
    const parsed = CONTRACT['letters:save-template'].input.safeParse(input);
    if (!parsed.success) {
      setErrors(
        issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
      );
      return;
    }
    try {
      await save.mutateAsync(input);
      onDone();
    } catch (err) {
      if (isAppError(err) && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
      else setFormError(errorMessage(err));
    }
  };
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
          error={errors.name}
        />
        <TextInput
          label="Subject"
          required
          value={v.subject}
          onChange={(e) => setV({ ...v, subject: e.currentTarget.value })}
          error={errors.subject}
        />
        <Textarea
          label="Letter"
          description="Blank lines separate paragraphs. The greeting and signature are added when printed."
          required
          autosize
          minRows={8}
          value={v.body}
          onChange={(e) => setV({ ...v, body: e.currentTarget.value })}
          error={errors.body}
        />
        <Text size="xs" c="dimmed">
          Placeholders:{' '}
          {placeholders.map((p) => (
            <Code key={p} mr={4}>{`{{${p}}}`}</Code>
          ))}
        </Text>
        <FormAlert title="Not saved" message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save template
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function LetterTemplates({ departmentId }: { departmentId?: string }): ReactElement {
  const q = useCall('letters:templates', { departmentId });
  const [editing, setEditing] = useState<LetterTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LetterTemplate | null>(null);
  const remove = useWrite('letters:delete-template', { success: 'Template deleted.' });
  return (
    <QueryState isLoading={q.isPending} error={q.error} onRetry={() => void q.refetch()}>
      {q.data && (
        <Stack gap="md">
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              Mentors print these from a student’s Guardians tab.
            </Text>
            <Button onClick={() => setEditing('new')}>New template</Button>
          </Group>
          <Paper withBorder p="sm">
            {q.data.templates.length === 0 ? (
              <EmptyView
                title="No templates yet"
                description="Add one, for example an attendance shortfall letter."
              />
            ) : (
              <Table aria-label="Letter templates" verticalSpacing={6}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Subject</Table.Th>
                    <Table.Th w={120}>Changed</Table.Th>
                    <Table.Th w={140} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.templates.map((t) => (
                    <Table.Tr key={t.id}>
                      <Table.Td>{t.name}</Table.Td>
                      <Table.Td>{t.subject}</Table.Td>
                      <Table.Td>{formatDate(t.updatedAt)}</Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end">
                          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(t)}>
                            Edit
                          </Button>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setDeleting(t)}
                          >
                            Delete
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
          <Modal
            lockScroll={false}
            opened={editing !== null}
            onClose={() => setEditing(null)}
            title={editing === 'new' ? 'New letter template' : 'Edit letter template'}
            size="xl"
          >
            {editing !== null && (
              <TemplateForm
                departmentId={departmentId}
                template={editing === 'new' ? null : editing}
                placeholders={q.data.placeholders}
                onDone={() => setEditing(null)}
              />
            )}
          </Modal>
          <ConfirmDialog
            opened={deleting !== null}
            title="Delete this template?"
            confirmLabel="Delete"
            color="red"
            onClose={() => setDeleting(null)}
            onConfirm={async () => {
              if (deleting) await remove.mutateAsync({ id: deleting.id });
              setDeleting(null);
            }}
          >
            <Text size="sm">“{deleting?.name}” will no longer be offered for printing.</Text>
          </ConfirmDialog>
        </Stack>
      )}
    </QueryState>
  );
}

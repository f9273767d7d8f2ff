import { useState, type FormEvent, type ReactElement } from 'react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { AssignmentRow } from '../../../shared/contract/assignments.contract.ts';
import { call, errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { MentorSelect } from '../mentors/MentorSelect.tsx';
import { StudentSelect } from '../students/StudentSelect.tsx';
import { ASSIGNMENT_VIEWS, invalidateCalls } from './invalidate.ts';

// Assign a mentor to a student, or move a student to another mentor. A full or unavailable mentor
// is refused by the core with an "override" issue; the dialog then asks for the reason (audited)
// and offers to go ahead, instead of failing.

export type MentorChoice =
  | { kind: 'assign'; student?: { id: string; name: string }; departmentId?: string | null }
  | { kind: 'reassign'; assignment: AssignmentRow };

interface Props {
  choice: MentorChoice | null;
  onClose(): void;
  onDone?(row: AssignmentRow): void;
}

export function MentorChoiceDialog({ choice, onClose, onDone }: Props): ReactElement {
  const client = useQueryClient();
  const [studentId, setStudentId] = useState<string | null>(null);
  const [mentorId, setMentorId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [overrideAsked, setOverrideAsked] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = (): void => {
    setStudentId(null);
    setMentorId(null);
    setNote('');
    setOverrideAsked(null);
    setReason('');
    setErrors({});
    setFormError(null);
  };
  const close = (): void => {
    if (busy) return;
    reset();
    onClose();
  };

  const departmentId = choice?.kind === 'reassign' ? choice.assignment.departmentId : choice?.departmentId;
  const student = choice?.kind === 'assign' ? choice.student : undefined;
  const chosenStudent = student?.id ?? studentId;

  const send = async (): Promise<AssignmentRow> => {
    const override = overrideAsked ? { reason } : undefined;
    if (choice?.kind === 'reassign') {
      const r = await call('assignments:reassign', {
        id: choice.assignment.id,
        mentorId: mentorId ?? '',
        note: note || undefined,
        override,
      });
      return r.started;
    }
    return call('assignments:assign', {
      studentId: chosenStudent ?? '',
      mentorId: mentorId ?? '',
      notes: note || undefined,
      override,
    });
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!chosenStudent) missing.studentId = 'Choose the student.';
    if (!mentorId) missing.mentorId = 'Choose the mentor.';
    if (overrideAsked && reason.trim().length < 5) missing.reason = 'Say in a few words why.';
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    setFormError(null);
    try {
      const row = await send();
      await invalidateCalls(client, ASSIGNMENT_VIEWS);
      setBusy(false);
      reset();
      onDone?.(row);
      onClose();
    } catch (err) {
      setBusy(false);
      const issue = isAppError(err) ? err.issues.find((i) => i.path.startsWith('override')) : undefined;
      if (issue && !overrideAsked) setOverrideAsked(issue.message);
      else if (isAppError(err) && err.code === 'VALIDATION' && err.issues.length > 0) {
        setErrors(Object.fromEntries(err.issues.map((i) => [i.path.replace('override.', ''), i.message])));
      } else setFormError(errorMessage(err));
    }
  };

  const title =
    choice?.kind === 'reassign'
      ? `Reassign ${choice.assignment.studentName}`
      : student
        ? `Assign a mentor to ${student.name}`
        : 'Assign a mentor';
  return (
    <Modal lockScroll={false} opened={choice !== null} onClose={close} title={title} centered size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {choice?.kind === 'reassign' && (
            <Text size="sm">
              {choice.assignment.studentName} is with {choice.assignment.mentorName}. Reassigning ends that
              assignment (its history stays) and starts one with the mentor you choose.
            </Text>
          )}
          {choice?.kind === 'assign' && !student && (
            <StudentSelect
              label="Student"
              description="Students without a mentor are listed; search by name or roll number."
              departmentId={departmentId}
              unassignedOnly
              required
              value={studentId}
              error={errors.studentId}
              onChange={(v) => setStudentId(v)}
              data-autofocus
            />
          )}
          <MentorSelect
            label={choice?.kind === 'reassign' ? 'New mentor' : 'Mentor'}
            description="Current mentees / capacity in brackets."
            placeholder="Search mentors"
            departmentId={departmentId}
            withLoad
            required
            data-autofocus={choice?.kind !== 'assign' || student !== undefined || undefined}
            value={mentorId}
            error={errors.mentorId}
            onChange={(v) => {
              setMentorId(v);
              setOverrideAsked(null);
            }}
          />
          <Textarea
            label={choice?.kind === 'reassign' ? 'Note (why the change)' : 'Office notes'}
            description="Staff only; never shown to the student."
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={note}
            error={errors.note ?? errors.notes}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          {overrideAsked && (
            <Alert color="orange" variant="light" title="Over the mentor’s limit">
              <Stack gap="sm">
                <Text size="sm">{overrideAsked}</Text>
                <Textarea
                  label="Reason for the override"
                  description="Recorded in the audit log."
                  required
                  autosize
                  minRows={2}
                  maxLength={500}
                  value={reason}
                  error={errors.reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  data-autofocus
                />
              </Stack>
            </Alert>
          )}
          <FormAlert message={formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} color={overrideAsked ? 'orange' : undefined}>
              {overrideAsked ? 'Override and assign' : choice?.kind === 'reassign' ? 'Reassign' : 'Assign'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

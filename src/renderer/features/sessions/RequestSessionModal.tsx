import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { SessionMode } from '../../../shared/domain/enums.ts';
import { isAppError, errorMessage } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { IconPlus } from '../../components/icons.tsx';
import { officeMorning, toIso, type DayTime } from '../session-form/datetime.ts';
import { DateTimeField } from '../session-form/DateTimeField.tsx';
import { MODE_OPTIONS } from './labels.tsx';
import { useCall, useWrite } from './use-call.ts';

// A student asks its mentor for a meeting. It stays a request until the mentor confirms it (maybe
// at another time), and the student is told either way.

function RequestForm({ onDone }: { onDone(): void }): ReactElement {
  const mentors = useCall('assignments:list', {
    status: 'ACTIVE',
    pageSize: 20,
    sort: 'assignedAt',
    dir: 'desc',
  });
  const request = useWrite('sessions:request', { success: 'Request sent. Your mentor will confirm it.' });
  const [assignmentId, setAssignmentId] = useState<string | null>(null);
  const [when, setWhen] = useState<DayTime>(officeMorning(new Date(), 2));
  const [mode, setMode] = useState<SessionMode>('IN_PERSON');
  const [location, setLocation] = useState('');
  const [topic, setTopic] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const rows = mentors.data?.rows ?? [];
  const several = rows.length > 1;

  const submit = async (): Promise<void> => {
    setFormError(null);
    const input = {
      ...(several && assignmentId ? { assignmentId } : {}),
      sessionDate: toIso(when) ?? '',
      mode,
      location,
      topic,
    };
    const parsed = CONTRACT['sessions:request'].input.safeParse(input);
    const next = parsed.success
      ? {}
      : issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (!toIso(when)) next.sessionDate = 'Choose the day and the time.';
    if (several && !assignmentId) next.assignmentId = 'Choose which mentor to ask.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    try {
      await request.mutateAsync(input);
      onDone();
    } catch (err) {
      if (isAppError(err) && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
      else setFormError(errorMessage(err));
    }
  };

  if (!mentors.isPending && rows.length === 0) {
    return (
      <Text size="sm">
        You have no active mentor at the moment, so there is nobody to ask. The department office assigns
        mentors.
      </Text>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="md">
        {several && (
          <Select
            label="Mentor"
            required
            data={rows.map((r) => ({ value: r.id, label: r.mentorName }))}
            value={assignmentId}
            onChange={setAssignmentId}
            error={errors.assignmentId}
          />
        )}
        {!several && rows[0] && (
          <Text size="sm">
            To <b>{rows[0].mentorName}</b>
          </Text>
        )}
        <DateTimeField
          label="When would suit you"
          required
          value={when}
          onChange={setWhen}
          error={errors.sessionDate}
          autoFocus
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="request-mode">
            Mode
          </Text>
          <SegmentedControl
            aria-labelledby="request-mode"
            value={mode}
            onChange={(m) => setMode(m as SessionMode)}
            data={MODE_OPTIONS}
            w="fit-content"
          />
        </Stack>
        <TextInput
          label="Where (optional)"
          value={location}
          onChange={(e) => setLocation(e.currentTarget.value)}
          error={errors.location}
        />
        <TextInput
          label="What you would like to talk about"
          required
          value={topic}
          onChange={(e) => setTopic(e.currentTarget.value)}
          error={errors.topic}
        />
        <FormAlert title="Not sent" message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={request.isPending}>
            Send request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RequestSessionButton(): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen(true)}>
        Request a session
      </Button>
      <Modal
        lockScroll={false}
        opened={open}
        onClose={() => setOpen(false)}
        title="Request a session"
        size="md"
      >
        {open && <RequestForm onDone={() => setOpen(false)} />}
      </Modal>
    </>
  );
}

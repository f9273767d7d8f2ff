import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Radio, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { AlertSeverity } from '../../../shared/domain/enums.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { useWrite } from '../sessions/use-call.ts';

// A mentor flags a concern about a mentee for the department office: behaviour in class or a
// grievance the student raised. Automatic alerts (attendance, GPA) come from the risk engine.

type Category = 'BEHAVIOR' | 'GRIEVANCE';

const CATEGORIES: { value: Category; label: string; description: string }[] = [
  {
    value: 'BEHAVIOR',
    label: 'Behaviour',
    description: 'Conduct, discipline or wellbeing that needs the office’s attention.',
  },
  {
    value: 'GRIEVANCE',
    label: 'Grievance',
    description: 'A complaint the student raised with you (ragging, fees, a course, hostel).',
  },
];

const SEVERITIES: { value: AlertSeverity; label: string }[] = [
  { value: 'INFO', label: 'For information' },
  { value: 'WARN', label: 'Needs attention' },
  { value: 'CRITICAL', label: 'Urgent' },
];

function AlertForm({
  studentId,
  studentName,
  onDone,
}: {
  studentId: string;
  studentName: string;
  onDone(): void;
}): ReactElement {
  const raise = useWrite('alerts:raise', { success: 'Alert raised; the department office has been told.' });
  const [category, setCategory] = useState<Category>('BEHAVIOR');
  const [severity, setSeverity] = useState<AlertSeverity>('WARN');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    setFormError(null);
    const input = { studentId, category, severity, message };
    const parsed = CONTRACT['alerts:raise'].input.safeParse(input);
    if (!parsed.success) {
      setErrors(
        issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
      );
      return;
    }
    try {
      await raise.mutateAsync(input);
      onDone();
    } catch (err) {
      if (isAppError(err) && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
      else setFormError(errorMessage(err));
    }
  };
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="md">
        <Text size="sm">
          About <b>{studentName}</b>. The department office sees it in its alert queue and closes it with a
          note.
        </Text>
        <Radio.Group
          label="Kind of concern"
          value={category}
          onChange={(v) => setCategory(v as Category)}
          required
        >
          <Stack gap="xs" mt={6}>
            {CATEGORIES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="severity-label">
            How urgent
          </Text>
          <SegmentedControl
            aria-labelledby="severity-label"
            value={severity}
            onChange={(v) => setSeverity(v as AlertSeverity)}
            data={SEVERITIES}
            color={severity === 'CRITICAL' ? 'red' : undefined}
            w="fit-content"
          />
        </Stack>
        <Textarea
          label="What happened"
          required
          autosize
          minRows={3}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          error={errors.message}
        />
        <FormAlert title="Not raised" message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="orange" loading={raise.isPending}>
            Raise alert
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function RaiseAlertModal({
  student,
  onClose,
}: {
  student: { id: string; name: string } | null;
  onClose(): void;
}): ReactElement {
  return (
    <Modal lockScroll={false} opened={student !== null} onClose={onClose} title="Raise an alert" size="lg">
      {student && <AlertForm studentId={student.id} studentName={student.name} onDone={onClose} />}
    </Modal>
  );
}

import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { CONTRACT, type CallName } from '../../../shared/contract/index.ts';
import type { SessionRow } from '../../../shared/contract/sessions.contract.ts';
import type { SessionMode } from '../../../shared/domain/enums.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { formatDateTime } from '../../format.ts';
import { fromIso, toIso, type DayTime } from '../session-form/datetime.ts';
import { DateTimeField } from '../session-form/DateTimeField.tsx';
import { MODE_OPTIONS } from './labels.tsx';
import { useWrite } from './use-call.ts';

// Changes to a planned session: cancel (or decline a request) with a reason, move it, confirm a
// student's request. Each names the other party who will be told.

export type SessionAction = 'cancel' | 'decline' | 'reschedule' | 'confirm';

const issuesOf = (err: unknown): Record<string, string> | null =>
  isAppError(err) && err.issues.length > 0 ? issuesToErrors(err.issues) : null;

function schemaErrors(name: CallName, input: unknown): Record<string, string> {
  const parsed = CONTRACT[name].input.safeParse(input);
  return parsed.success
    ? {}
    : issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

function Footer({
  busy,
  label,
  color,
  onCancel,
}: {
  busy: boolean;
  label: string;
  color?: string;
  onCancel(): void;
}): ReactElement {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Back
      </Button>
      <Button type="submit" loading={busy} color={color}>
        {label}
      </Button>
    </Group>
  );
}

function CancelForm({
  s,
  decline,
  onDone,
}: {
  s: SessionRow;
  decline: boolean;
  onDone(): void;
}): ReactElement {
  const cancel = useWrite('sessions:cancel', {
    success: decline ? 'Request declined.' : 'Session cancelled.',
  });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (): Promise<void> => {
    const input = { id: s.id, reason };
    const found = schemaErrors('sessions:cancel', input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await cancel.mutateAsync(input);
      onDone();
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) setErrors(issues);
      else setFormError(errorMessage(err));
    }
  };
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="md">
        <Text size="sm">
          {decline ? 'Decline the request' : 'Cancel the session'} “{s.topic}” on{' '}
          {formatDateTime(s.sessionDate)}. {s.studentName} and {s.mentorName} are told, with your reason.
        </Text>
        <Textarea
          label="Reason"
          required
          autoFocus
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
        />
        <FormAlert message={formError} />
        <Footer
          busy={cancel.isPending}
          label={decline ? 'Decline request' : 'Cancel session'}
          color="red"
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

function MoveForm({ s, confirm, onDone }: { s: SessionRow; confirm: boolean; onDone(): void }): ReactElement {
  const reschedule = useWrite('sessions:reschedule', {
    success: 'Session moved; the other side has been told.',
  });
  const confirmCall = useWrite('sessions:confirm', {
    success: 'Request confirmed; the student has been told.',
  });
  const [when, setWhen] = useState<DayTime>(fromIso(s.sessionDate));
  const [mode, setMode] = useState<SessionMode>(s.mode);
  const [location, setLocation] = useState(s.location ?? '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    const at = toIso(when);
    // Confirming sends only what changed: an unchanged request is confirmed as the student asked.
    const confirmInput = {
      id: s.id,
      ...(at && at !== s.sessionDate ? { sessionDate: at } : {}),
      ...(mode !== s.mode ? { mode } : {}),
      ...(location !== (s.location ?? '') ? { location } : {}),
    };
    const moveInput = { id: s.id, sessionDate: at ?? '', mode, location, ...(reason ? { reason } : {}) };
    const found = {
      ...schemaErrors(
        confirm ? 'sessions:confirm' : 'sessions:reschedule',
        confirm ? confirmInput : moveInput,
      ),
      ...(at ? {} : { sessionDate: 'Choose the day and the time.' }),
    };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      if (confirm) await confirmCall.mutateAsync(confirmInput);
      else await reschedule.mutateAsync(moveInput);
      onDone();
    } catch (err) {
      const issues = issuesOf(err);
      if (issues) setErrors(issues);
      else setFormError(errorMessage(err));
    }
  };

  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="md">
        <Text size="sm">
          {confirm
            ? `${s.studentName} asked for “${s.topic}”. Confirm as asked, or change the time or place first.`
            : `Move “${s.topic}” with ${s.studentName}. The other side is told.`}
        </Text>
        <DateTimeField
          label="When"
          required
          value={when}
          onChange={setWhen}
          error={errors.sessionDate}
          autoFocus
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="move-mode">
            Mode
          </Text>
          <SegmentedControl
            aria-labelledby="move-mode"
            value={mode}
            onChange={(m) => setMode(m as SessionMode)}
            data={MODE_OPTIONS}
            w="fit-content"
          />
        </Stack>
        <TextInput
          label="Location"
          value={location}
          onChange={(e) => setLocation(e.currentTarget.value)}
          error={errors.location}
        />
        {!confirm && (
          <TextInput
            label="Reason (optional)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
          />
        )}
        <FormAlert message={formError} />
        <Footer
          busy={reschedule.isPending || confirmCall.isPending}
          label={confirm ? 'Confirm session' : 'Move session'}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}

const TITLES: Record<SessionAction, string> = {
  cancel: 'Cancel session',
  decline: 'Decline request',
  reschedule: 'Reschedule session',
  confirm: 'Confirm request',
};

export function SessionActionModal({
  session,
  action,
  onClose,
}: {
  session: SessionRow;
  action: SessionAction | null;
  onClose(): void;
}): ReactElement {
  return (
    <Modal
      lockScroll={false}
      opened={action !== null}
      onClose={onClose}
      title={action ? TITLES[action] : ''}
      size="md"
    >
      {(action === 'cancel' || action === 'decline') && (
        <CancelForm s={session} decline={action === 'decline'} onDone={onClose} />
      )}
      {(action === 'reschedule' || action === 'confirm') && (
        <MoveForm s={session} confirm={action === 'confirm'} onDone={onClose} />
      )}
    </Modal>
  );
}

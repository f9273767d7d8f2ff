import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { GuardianContact } from '../../../shared/contract/guardians.contract.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { useWrite } from '../sessions/use-call.ts';

// The two forms of the Guardians tab: a guardian contact (add/edit) and a contact log entry.
// Both check the contract's schema before calling, so messages match what the core would say.

function useChecked<K extends 'guardians:save-contact' | 'guardians:log-contact'>(name: K) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const check = (input: CallInput<K>): boolean => {
    setFormError(null);
    const parsed = CONTRACT[name].input.safeParse(input);
    if (parsed.success) {
      setErrors({});
      return true;
    }
    setErrors(
      issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
    );
    return false;
  };
  const fail = (err: unknown): void => {
    if (isAppError(err) && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
    else setFormError(errorMessage(err));
  };
  return { errors, formError, check, fail };
}

export function ContactModal({
  studentId,
  contact,
  opened,
  onClose,
}: {
  studentId: string;
  contact: GuardianContact | null;
  opened: boolean;
  onClose(): void;
}): ReactElement {
  return (
    <Modal
      lockScroll={false}
      opened={opened}
      onClose={onClose}
      title={contact ? 'Edit guardian contact' : 'Add a guardian contact'}
    >
      {opened && (
        <ContactForm key={contact?.id ?? 'new'} studentId={studentId} contact={contact} onDone={onClose} />
      )}
    </Modal>
  );
}

function ContactForm({
  studentId,
  contact,
  onDone,
}: {
  studentId: string;
  contact: GuardianContact | null;
  onDone(): void;
}): ReactElement {
  const save = useWrite('guardians:save-contact', { success: 'Guardian contact saved.' });
  const f = useChecked('guardians:save-contact');
  const [name, setName] = useState(contact?.name ?? '');
  const [relation, setRelation] = useState<string | null>(contact?.relation ?? 'Father');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const submit = async (): Promise<void> => {
    const input = {
      ...(contact ? { id: contact.id } : {}),
      studentId,
      name,
      relation: relation ?? '',
      phone: phone.trim() === '' ? null : phone,
      email: email.trim() === '' ? null : email,
    };
    if (!f.check(input)) return;
    try {
      await save.mutateAsync(input);
      onDone();
    } catch (err) {
      f.fail(err);
    }
  };
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={f.errors.name}
        />
        <Select
          label="Relation"
          required
          data={['Father', 'Mother', 'Guardian', 'Brother', 'Sister', 'Uncle', 'Aunt', 'Grandparent']}
          searchable
          value={relation}
          onChange={setRelation}
          error={f.errors.relation}
        />
        <TextInput
          label="Phone"
          placeholder="+91 98450 12345"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={f.errors.phone}
        />
        <TextInput
          label="Email"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={f.errors.email}
        />
        <FormAlert title="Not saved" message={f.formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save contact
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const MODES = [
  { value: 'PHONE', label: 'Phone call' },
  { value: 'IN_PERSON', label: 'In person' },
  { value: 'EMAIL', label: 'Email' },
  { value: 'SMS', label: 'SMS' },
  { value: 'LETTER', label: 'Letter' },
] as const;
export const MODE_LABEL: Record<string, string> = Object.fromEntries(MODES.map((m) => [m.value, m.label]));

/** "2026-11-25T10:30" in local time, for a datetime-local input. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function LogContactModal({
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
  return (
    <Modal
      lockScroll={false}
      opened={opened}
      onClose={onClose}
      title="Log a contact with a guardian"
      size="lg"
    >
      {opened && <LogForm studentId={studentId} contacts={contacts} onDone={onClose} />}
    </Modal>
  );
}

function LogForm({
  studentId,
  contacts,
  onDone,
}: {
  studentId: string;
  contacts: GuardianContact[];
  onDone(): void;
}): ReactElement {
  const log = useWrite('guardians:log-contact', { success: 'Contact logged.' });
  const f = useChecked('guardians:log-contact');
  const [guardianId, setGuardianId] = useState<string | null>(contacts[0]?.id ?? null);
  const [when, setWhen] = useState(localNow());
  const [mode, setMode] = useState<string | null>('PHONE');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState('');
  const [followUpOn, setFollowUpOn] = useState('');
  const submit = async (): Promise<void> => {
    const at = new Date(when);
    const input = {
      studentId,
      guardianId,
      contactedAt: Number.isNaN(at.getTime()) ? '' : at.toISOString(),
      mode: (mode ?? '') as 'PHONE',
      reason,
      outcome: outcome.trim() === '' ? null : outcome,
      followUpOn: followUpOn === '' ? null : followUpOn,
    };
    if (!f.check(input)) return;
    try {
      await log.mutateAsync(input);
      onDone();
    } catch (err) {
      f.fail(err);
    }
  };
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="sm">
        <Group grow>
          <Select
            label="Who"
            placeholder={contacts.length ? 'Choose' : 'No contacts saved'}
            data={contacts.map((c) => ({ value: c.id, label: `${c.name} (${c.relation})` }))}
            value={guardianId}
            onChange={setGuardianId}
            clearable
          />
          <Select
            label="How"
            required
            data={MODES.map((m) => ({ value: m.value, label: m.label }))}
            value={mode}
            onChange={setMode}
            error={f.errors.mode}
          />
        </Group>
        <TextInput
          label="When"
          type="datetime-local"
          required
          value={when}
          onChange={(e) => setWhen(e.currentTarget.value)}
          error={f.errors.contactedAt}
        />
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={f.errors.reason}
        />
        <Textarea
          label="Outcome"
          autosize
          minRows={2}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          error={f.errors.outcome}
        />
        <TextInput
          label="Follow up on"
          description="Leave empty when no follow-up is needed."
          type="date"
          value={followUpOn}
          onChange={(e) => setFollowUpOn(e.currentTarget.value)}
          error={f.errors.followUpOn}
          w={220}
        />
        <FormAlert title="Not logged" message={f.formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={log.isPending}>
            Log contact
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

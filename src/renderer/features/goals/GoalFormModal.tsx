import { useState, type ReactElement } from 'react';
import { Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { GoalDetail } from '../../../shared/contract/goals.contract.ts';
import type { GoalCategory } from '../../../shared/domain/enums.ts';
import { errorMessage, isAppError } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { issuesToErrors } from '../../components/form/use-zod-form.ts';
import { parseTypedDate } from '../session-form/datetime.ts';
import { useCall, useWrite } from '../sessions/use-call.ts';
import { GOAL_CATEGORY, options } from './goal-labels.ts';

// Set a goal (a student for itself, a mentor for a mentee) or change its title, category,
// description or target date. Progress is not edited here: it follows the progress notes.

interface Draft {
  studentId: string | null;
  title: string;
  category: GoalCategory;
  description: string;
  targetDate: string;
}

function MenteeField({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange(v: string | null): void;
  error?: string;
}): ReactElement {
  const q = useCall('assignments:list', { status: 'ACTIVE', pageSize: 200, sort: 'student', dir: 'asc' });
  return (
    <Select
      label="Mentee"
      required
      searchable
      placeholder={q.isPending ? 'Loading…' : 'Choose a mentee'}
      data={(q.data?.rows ?? []).map((r) => ({
        value: r.studentId,
        label: `${r.studentName}${r.rollNumber ? ` · ${r.rollNumber}` : ''}`,
      }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}

function GoalForm({
  goal,
  studentId,
  onDone,
}: {
  goal?: GoalDetail;
  studentId?: string;
  onDone(id: string): void;
}): ReactElement {
  const { user } = useCurrentUser();
  const create = useWrite('goals:create', { success: 'Goal set.' });
  const update = useWrite('goals:update', { success: 'Goal updated.' });
  const [d, setD] = useState<Draft>({
    studentId: goal?.studentId ?? studentId ?? null,
    title: goal?.title ?? '',
    category: goal?.category ?? 'ACADEMIC',
    description: goal?.description ?? '',
    targetDate: goal?.targetDate?.slice(0, 10) ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const pickStudent = !goal && user.role !== 'STUDENT' && !studentId;

  const submit = async (): Promise<void> => {
    setFormError(null);
    const fields = {
      title: d.title,
      category: d.category,
      description: d.description,
      ...(d.targetDate ? { targetDate: d.targetDate } : {}),
    };
    const createInput = {
      ...(user.role !== 'STUDENT' && d.studentId ? { studentId: d.studentId } : {}),
      ...fields,
    };
    // A change sends only the fields that differ (a synced laptop replays them against central).
    const target = d.targetDate || null;
    const updateInput = {
      id: goal?.id ?? '',
      ...(d.title !== goal?.title ? { title: d.title } : {}),
      ...(d.category !== goal?.category ? { category: d.category } : {}),
      ...(d.description !== (goal?.description ?? '') ? { description: d.description } : {}),
      ...(target !== (goal?.targetDate?.slice(0, 10) ?? null) ? { targetDate: target } : {}),
    };
    if (goal && Object.keys(updateInput).length === 1) {
      onDone('');
      return;
    }
    const parsed = goal
      ? CONTRACT['goals:update'].input.safeParse(updateInput)
      : CONTRACT['goals:create'].input.safeParse(createInput);
    const found = parsed.success
      ? {}
      : issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (pickStudent && !d.studentId) found.studentId = 'Choose the mentee.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const saved = goal ? await update.mutateAsync(updateInput) : await create.mutateAsync(createInput);
      onDone(saved.id);
    } catch (err) {
      if (isAppError(err) && err.issues.length > 0) setErrors(issuesToErrors(err.issues));
      else setFormError(errorMessage(err));
    }
  };

  const set = <K extends keyof Draft>(k: K, v: Draft[K]): void => setD((x) => ({ ...x, [k]: v }));
  return (
    <form noValidate onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Stack gap="md">
        {pickStudent && (
          <MenteeField value={d.studentId} onChange={(v) => set('studentId', v)} error={errors.studentId} />
        )}
        <TextInput
          label="Goal"
          required
          autoFocus
          placeholder="e.g. Raise attendance in Data Structures above 85%"
          value={d.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
        />
        <Group grow align="flex-start">
          <Select
            label="Category"
            required
            allowDeselect={false}
            data={options(GOAL_CATEGORY)}
            value={d.category}
            onChange={(v) => set('category', (v ?? 'ACADEMIC') as GoalCategory)}
            error={errors.category}
          />
          <DateInput
            label="Target date"
            placeholder="dd/mm/yyyy (optional)"
            valueFormat="DD MMM YYYY"
            dateParser={(t) => parseTypedDate(t)}
            clearable
            value={d.targetDate || null}
            onChange={(v) => set('targetDate', v ?? '')}
            error={errors.targetDate}
          />
        </Group>
        <Textarea
          label="How it will be done (optional)"
          autosize
          minRows={3}
          value={d.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
        />
        <FormAlert title="Not saved" message={formError} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone('')}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {goal ? 'Save changes' : 'Set goal'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function GoalFormModal({
  opened,
  goal,
  studentId,
  onClose,
}: {
  opened: boolean;
  goal?: GoalDetail;
  studentId?: string;
  onClose(savedId?: string): void;
}): ReactElement {
  return (
    <Modal
      lockScroll={false}
      opened={opened}
      onClose={() => onClose()}
      title={goal ? 'Edit goal' : 'New goal'}
      size="lg"
    >
      {opened && <GoalForm goal={goal} studentId={studentId} onDone={(id) => onClose(id || undefined)} />}
    </Modal>
  );
}

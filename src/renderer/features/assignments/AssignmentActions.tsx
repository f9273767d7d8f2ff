import { useState, type ReactElement } from 'react';
import { ActionIcon, Menu, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { AssignmentRow } from '../../../shared/contract/assignments.contract.ts';
import { call, isAppError } from '../../api.ts';
import { IconDots } from '../../components/icons.tsx';
import { ConfirmDialog } from '../users/ConfirmDialog.tsx';
import { ASSIGNMENT_VIEWS, invalidateCalls } from './invalidate.ts';
import { MentorChoiceDialog } from './MentorChoiceDialog.tsx';

type Step = 'pause' | 'resume' | 'resume-override' | 'end' | 'reassign' | null;

/** The "⋯" menu of one current assignment: pause, resume, reassign, end. */
export function AssignmentActions({ row }: { row: AssignmentRow }): ReactElement | null {
  const client = useQueryClient();
  const [step, setStep] = useState<Step>(null);
  const [overrideMessage, setOverrideMessage] = useState('');
  if (row.status === 'ENDED') return null;
  const done = (): Promise<void> => invalidateCalls(client, ASSIGNMENT_VIEWS);
  const pair = `${row.studentName} and ${row.mentorName}`;

  const resume = async (note: string, reason?: string): Promise<void> => {
    try {
      await call('assignments:resume', {
        id: row.id,
        note: note || undefined,
        override: reason ? { reason } : undefined,
      });
      await done();
    } catch (err) {
      const issue = isAppError(err) ? err.issues.find((i) => i.path.startsWith('override')) : undefined;
      if (!issue || reason) throw err;
      setOverrideMessage(issue.message);
      // Opened after this dialog closes itself on success below.
      setTimeout(() => setStep('resume-override'), 0);
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${pair}`}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {row.status === 'ACTIVE' && <Menu.Item onClick={() => setStep('pause')}>Pause…</Menu.Item>}
          {row.status === 'PAUSED' && <Menu.Item onClick={() => setStep('resume')}>Resume…</Menu.Item>}
          <Menu.Item onClick={() => setStep('reassign')}>Reassign to another mentor…</Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => setStep('end')}>
            End assignment…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={step === 'pause'}
        title="Pause this assignment?"
        confirmLabel="Pause"
        note={{ label: 'Note', placeholder: 'For example: student on medical leave until March' }}
        onConfirm={async (note) => {
          await call('assignments:pause', { id: row.id, note: note || undefined });
          await done();
        }}
        onClose={() => setStep(null)}
      >
        {`${row.mentorName} keeps ${row.studentName} as a mentee but no new sessions can be scheduled until the assignment is resumed.`}
      </ConfirmDialog>
      <ConfirmDialog
        opened={step === 'resume'}
        title="Resume this assignment?"
        confirmLabel="Resume"
        note={{ label: 'Note' }}
        onConfirm={(note) => resume(note)}
        onClose={() => setStep((s) => (s === 'resume' ? null : s))}
      >
        {`${row.studentName} becomes an active mentee of ${row.mentorName} again. The mentor’s capacity is checked.`}
      </ConfirmDialog>
      <ConfirmDialog
        opened={step === 'resume-override'}
        title="Resume over the mentor’s limit?"
        confirmLabel="Override and resume"
        color="orange"
        note={{ label: 'Reason for the override', required: true, maxLength: 500 }}
        onConfirm={(reason) => resume('', reason)}
        onClose={() => setStep(null)}
      >
        <Text size="sm">{overrideMessage}</Text>
      </ConfirmDialog>
      <ConfirmDialog
        opened={step === 'end'}
        title="End this assignment?"
        confirmLabel="End assignment"
        color="red"
        note={{ label: 'Note', placeholder: 'Why the assignment ends' }}
        onConfirm={async (note) => {
          await call('assignments:end', { id: row.id, note: note || undefined });
          await done();
        }}
        onClose={() => setStep(null)}
      >
        {`${pair} will no longer be paired. Their scheduled sessions that have not happened yet are cancelled; recorded sessions and notes stay in the history.`}
      </ConfirmDialog>
      <MentorChoiceDialog
        choice={step === 'reassign' ? { kind: 'reassign', assignment: row } : null}
        onClose={() => setStep(null)}
      />
    </>
  );
}

import { useState, type ReactElement } from 'react';
import { ActionIcon, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { UserSummary } from '../../../shared/contract/users.contract.ts';
import { call } from '../../api.ts';
import { IconDots } from '../../components/icons.tsx';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import type { OneTimeCode } from './OneTimeCodeDialog.tsx';

type Step = 'disable' | 'enable' | 'reset' | null;

/** The "⋯" menu of one account: edit, issue a code, disable or enable (each confirmed). */
export function UserActions({
  user,
  onEdit,
  onCode,
}: {
  user: UserSummary;
  onEdit(u: UserSummary): void;
  onCode(code: OneTimeCode): void;
}): ReactElement {
  const client = useQueryClient();
  const [step, setStep] = useState<Step>(null);
  const name = `${user.firstName} ${user.lastName}`;
  const setStatus = async (status: 'ACTIVE' | 'DISABLED'): Promise<void> => {
    await call('users:set-status', { id: user.id, status });
    await invalidateCalls(client, ['users:list', 'users:get', 'mentors:list', 'students:list']);
  };
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${name}`}>
            <IconDots size={18} />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => onEdit(user)}>Edit…</Menu.Item>
          {user.status !== 'DISABLED' && (
            <Menu.Item onClick={() => setStep('reset')}>
              {user.status === 'INVITED' ? 'Issue a new invitation code…' : 'Issue a password reset code…'}
            </Menu.Item>
          )}
          <Menu.Divider />
          {user.status === 'DISABLED' ? (
            <Menu.Item onClick={() => setStep('enable')}>Enable account…</Menu.Item>
          ) : (
            <Menu.Item color="red" onClick={() => setStep('disable')}>
              Disable account…
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ConfirmDialog
        opened={step === 'disable'}
        title={`Disable ${name}?`}
        confirmLabel="Disable account"
        color="red"
        onConfirm={() => setStatus('DISABLED')}
        onClose={() => setStep(null)}
      >
        {`${name} will be signed out and cannot sign in until the account is enabled again. Their records stay as they are.`}
      </ConfirmDialog>
      <ConfirmDialog
        opened={step === 'enable'}
        title={`Enable ${name}?`}
        confirmLabel="Enable account"
        onConfirm={() => setStatus('ACTIVE')}
        onClose={() => setStep(null)}
      >
        {`${name} can sign in again with their password.`}
      </ConfirmDialog>
      <ConfirmDialog
        opened={step === 'reset'}
        title="Issue a one-time code?"
        confirmLabel="Issue code"
        onConfirm={async () => {
          const r = await call('auth:issue-reset', { userId: user.id });
          await invalidateCalls(client, ['users:list']);
          onCode({
            name,
            email: r.email,
            code: r.code,
            expiresAt: r.expiresAt,
            purpose: user.status === 'INVITED' ? 'invite' : 'reset',
          });
        }}
        onClose={() => setStep(null)}
      >
        {`${name} uses the code to set a new password. It works once, for 24 hours; any earlier code stops working.`}
      </ConfirmDialog>
    </>
  );
}

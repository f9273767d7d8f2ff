import type { ReactElement } from 'react';
import { call } from '../../api.ts';
import { RemoteSelect, type RemoteSelectProps } from '../users/RemoteSelect.tsx';

type Props = Omit<RemoteSelectProps, 'queryKey' | 'load'> & {
  departmentId?: string | null;
  /** Show each mentor's load ("12/15") beside the name. */
  withLoad?: boolean;
};

/** Mentors in the caller's scope (optionally one department), searched on the server. */
export function MentorSelect({ departmentId, withLoad = false, ...rest }: Props): ReactElement {
  return (
    <RemoteSelect
      placeholder="Any mentor"
      {...rest}
      queryKey={['mentors:list', departmentId ?? null, withLoad]}
      load={async (search) => {
        const page = await call('mentors:list', {
          search: search || undefined,
          departmentId: departmentId ?? undefined,
          status: 'ACTIVE',
          pageSize: 200,
        });
        return page.rows.map((m) => ({
          value: m.id,
          label: withLoad
            ? `${m.firstName} ${m.lastName} (${m.activeMentees}/${m.maxMentees})`
            : `${m.firstName} ${m.lastName}`,
        }));
      }}
    />
  );
}

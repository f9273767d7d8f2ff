import type { ReactElement } from 'react';
import { call } from '../../api.ts';
import { RemoteSelect, type RemoteSelectProps } from '../users/RemoteSelect.tsx';

type Props = Omit<RemoteSelectProps, 'queryKey' | 'load'> & {
  departmentId?: string | null;
  unassignedOnly?: boolean;
};

/** Active students in scope, by name or roll number. */
export function StudentSelect({ departmentId, unassignedOnly, ...rest }: Props): ReactElement {
  return (
    <RemoteSelect
      placeholder="Search by name or roll number"
      {...rest}
      queryKey={['students:list', departmentId ?? null, unassignedOnly ?? false]}
      load={async (search) => {
        const page = await call('students:list', {
          search: search || undefined,
          departmentId: departmentId ?? undefined,
          unassigned: unassignedOnly || undefined,
          status: 'ACTIVE',
          pageSize: 50,
        });
        return page.rows.map((s) => ({
          value: s.id,
          label: `${s.firstName} ${s.lastName} · ${s.rollNumber}`,
        }));
      }}
    />
  );
}

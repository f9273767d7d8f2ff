import type { ReactElement } from 'react';
import { call } from '../../api.ts';
import { RemoteSelect, type RemoteSelectProps } from '../users/RemoteSelect.tsx';

/** Any user in the caller's scope, by name or email. */
export function UserSelect(props: Omit<RemoteSelectProps, 'queryKey' | 'load'>): ReactElement {
  return (
    <RemoteSelect
      placeholder="Anyone"
      {...props}
      queryKey={['users:list']}
      load={async (search) => {
        const page = await call('users:list', { search: search || undefined, pageSize: 50 });
        return page.rows.map((u) => ({ value: u.id, label: `${u.firstName} ${u.lastName} · ${u.email}` }));
      }}
    />
  );
}

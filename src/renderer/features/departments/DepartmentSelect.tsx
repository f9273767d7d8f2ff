import type { ReactElement } from 'react';
import { call } from '../../api.ts';
import type { UrlFilters } from '../students/url-filters.ts';
import { RemoteSelect, type RemoteSelectProps } from '../users/RemoteSelect.tsx';

type Props = Omit<RemoteSelectProps, 'queryKey' | 'load'> & { institutionId?: string | null };

/** Departments in the caller's scope, searched on the server. */
export function DepartmentSelect({ institutionId, ...rest }: Props): ReactElement {
  return (
    <RemoteSelect
      placeholder="All departments"
      {...rest}
      queryKey={['departments:list', institutionId ?? null]}
      load={async (search) => {
        const page = await call('departments:list', {
          search: search || undefined,
          institutionId: institutionId ?? undefined,
          pageSize: 200,
        });
        return page.rows.map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }));
      }}
    />
  );
}

/**
 * A DepartmentSelect kept in the address as the lists keep their filters: the id under
 * `department`, its label under `departmentName` (so a shared link shows the name before the
 * options load).
 */
export function UrlDepartmentSelect({
  url,
  ...rest
}: Omit<Props, 'value' | 'valueLabel' | 'onChange'> & { url: UrlFilters }): ReactElement {
  return (
    <DepartmentSelect
      {...rest}
      value={url.get('department')}
      valueLabel={url.get('departmentName') ?? undefined}
      onChange={(v, o) => url.set({ department: v, departmentName: o?.label })}
    />
  );
}

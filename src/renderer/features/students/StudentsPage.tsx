import { useEffect, useState, type ReactElement } from 'react';
import { useNavigate } from 'react-router';
import { RISK_LEVELS } from '../../../shared/domain/enums.ts';
import type { CallInput } from '../../../shared/contract/index.ts';
import { seesManyDepartments } from '../../../shared/permissions.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { sortingToQuery } from '../../components/data-table/table-logic.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount } from '../../format.ts';
import { ExportButton } from './ExportButton.tsx';
import { departmentColumn, studentColumns, type StudentSortKey } from './students-columns.tsx';
import { StudentsFilters } from './StudentsFilters.tsx';
import { intParam, oneOf, useUrlFilters } from './url-filters.ts';

type Filters = Omit<CallInput<'students:list'>, 'page' | 'pageSize' | 'sort' | 'dir'>;

// One array for the whole session: a new columns array per render makes TanStack Table rebuild
// every column, row and cell of the page on each render.
const multiDepartmentColumns = [...studentColumns.slice(0, 2), departmentColumn, ...studentColumns.slice(2)];

/** Programs seen in the rows loaded so far: there is no call listing a department's programs. */
function useSeenPrograms(rows: readonly { program: string | null }[]): string[] {
  const [seen, setSeen] = useState<string[]>([]);
  useEffect(() => {
    const fresh = rows.map((r) => r.program).filter((p): p is string => !!p && !seen.includes(p));
    if (fresh.length > 0) setSeen((s) => [...new Set([...s, ...fresh])].sort());
  }, [rows, seen]);
  return seen;
}

export function StudentsPage(): ReactElement {
  const { user } = useCurrentUser();
  const navigate = useNavigate();
  const url = useUrlFilters();
  const multiDepartment = seesManyDepartments(user.role);

  const filters: Filters = {
    search: url.get('q') || undefined,
    program: url.get('program') || undefined,
    yearOfStudy: intParam(url.get('year')),
    riskLevel: oneOf(url.get('risk'), RISK_LEVELS),
    mentorId: url.get('mentor') || undefined,
    unassigned: url.get('unassigned') === '1' ? true : undefined,
    departmentId: url.get('department') || undefined,
  };
  const { tableProps, total } = useServerTable({
    callName: 'students:list',
    filters,
    fetchPage: (query) => call('students:list', query),
    defaultSort: { sort: 'name' as StudentSortKey, dir: 'asc' },
    pageSize: 100,
  });
  const programs = useSeenPrograms(tableProps.data);
  const [exportError, setExportError] = useState<string | null>(null);
  const sortQuery = sortingToQuery(tableProps.sorting ?? [], { sort: 'name' as StudentSortKey, dir: 'asc' });
  const filtered = Object.values(filters).some((v) => v !== undefined);

  return (
    <>
      <PageHeader
        title="Students"
        description={
          tableProps.isLoading
            ? 'Students of your department, with academics, risk and mentor.'
            : `${formatCount(total)} ${filtered ? 'matching' : 'in your scope'}. Open a student for the full record.`
        }
        actions={
          <ExportButton
            table="students"
            filter={{ ...filters, ...sortQuery }}
            disabled={total === 0}
            onError={setExportError}
          />
        }
      />
      <StudentsFilters multiDepartment={multiDepartment} programs={programs} />
      <FormAlert message={exportError} />
      <DataTable
        label="Students"
        columns={multiDepartment ? multiDepartmentColumns : studentColumns}
        getRowId={(s) => s.id}
        onRowActivate={(s) => void navigate(`/students/${s.id}`)}
        {...tableProps}
        empty={
          filtered ? (
            <EmptyView title="No students match" description="Change the search or clear the filters." />
          ) : (
            <EmptyView
              title="No students yet"
              description="Import a roster or create student accounts on the Users page."
            />
          )
        }
      />
    </>
  );
}

import { useEffect, useState, type ReactElement } from 'react';
import { Autocomplete, Button, Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { RISK_LEVELS } from '../../../shared/domain/enums.ts';
import type { CallInput } from '../../../shared/contract/index.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { sortingToQuery } from '../../components/data-table/table-logic.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { useServerTable } from '../../components/data-table/use-server-table.ts';
import { IconSearch } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount } from '../../format.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { MentorSelect } from '../mentors/MentorSelect.tsx';
import { RISK, toneOptions } from './badges.tsx';
import { ExportButton } from './ExportButton.tsx';
import { departmentColumn, studentColumns, type StudentSortKey } from './students-columns.tsx';
import { intParam, oneOf, useUrlFilters } from './url-filters.ts';

type Filters = Omit<CallInput<'students:list'>, 'page' | 'pageSize' | 'sort' | 'dir'>;

const YEARS = Array.from({ length: 8 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` }));

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
  const [search, setSearch] = useState(url.get('q') ?? '');
  const [program, setProgram] = useState(url.get('program') ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const multiDepartment = user.role === 'SUPER_ADMIN' || user.role === 'INSTITUTION_ADMIN';

  useEffect(() => url.set({ q: debouncedSearch }), [debouncedSearch]);

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
      <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, email or roll number"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={230}
        />
        {multiDepartment && (
          <DepartmentSelect
            label="Department"
            value={url.get('department')}
            valueLabel={url.get('departmentName') ?? undefined}
            onChange={(v, o) => url.set({ department: v, departmentName: o?.label })}
            w={200}
          />
        )}
        <Autocomplete
          label="Program"
          placeholder="Any program"
          data={programs}
          value={program}
          onChange={setProgram}
          onOptionSubmit={(v) => url.set({ program: v })}
          onBlur={() => url.set({ program: program.trim() })}
          onKeyDown={(e) => e.key === 'Enter' && url.set({ program: program.trim() })}
          w={170}
        />
        <Select
          label="Year"
          placeholder="Any year"
          clearable
          data={YEARS}
          value={url.get('year')}
          onChange={(v) => url.set({ year: v })}
          w={110}
        />
        <Select
          label="Risk"
          placeholder="Any risk"
          clearable
          data={toneOptions(RISK)}
          value={url.get('risk')}
          onChange={(v) => url.set({ risk: v })}
          w={120}
        />
        <MentorSelect
          label="Mentor"
          departmentId={url.get('department')}
          value={url.get('mentor')}
          valueLabel={url.get('mentorName') ?? undefined}
          disabled={url.get('unassigned') === '1'}
          onChange={(v, o) => url.set({ mentor: v, mentorName: o?.label })}
          w={190}
        />
        <Checkbox
          label="Unassigned only"
          checked={url.get('unassigned') === '1'}
          onChange={(e) =>
            url.set({ unassigned: e.currentTarget.checked ? '1' : null, mentor: null, mentorName: null })
          }
          mb={8}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setSearch('');
              setProgram('');
              url.clear();
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <FormAlert message={exportError} />
      <DataTable
        label="Students"
        columns={
          multiDepartment
            ? [...studentColumns.slice(0, 2), departmentColumn, ...studentColumns.slice(2)]
            : studentColumns
        }
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

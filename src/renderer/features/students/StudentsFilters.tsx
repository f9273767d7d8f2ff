import { memo, useEffect, useState, type ReactElement } from 'react';
import { Autocomplete, Button, Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '../../components/icons.tsx';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { MentorSelect } from '../mentors/MentorSelect.tsx';
import { RISK, toneOptions } from './badges.tsx';
import { useUrlFilters } from './url-filters.ts';

const YEARS = Array.from({ length: 8 }, (_, i) => ({ value: String(i + 1), label: `Year ${i + 1}` }));
const RISK_OPTIONS = toneOptions(RISK);

/**
 * The Students filter bar. Its own component, memoised: it reads and writes the filters in the
 * address, so rows arriving (or a page change) do not re-render its pickers, each of which is a
 * Popover with floating-ui bookkeeping that dominated the table's first screen.
 */
export const StudentsFilters = memo(function StudentsFilters({
  multiDepartment,
  programs,
}: {
  multiDepartment: boolean;
  /** Programs seen in the rows loaded so far (suggestions only). */
  programs: readonly string[];
}): ReactElement {
  const url = useUrlFilters();
  const [search, setSearch] = useState(url.get('q') ?? '');
  const [program, setProgram] = useState(url.get('program') ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  useEffect(() => url.set({ q: debouncedSearch }), [debouncedSearch]);
  const filtered = url.any;

  return (
    <Group mb="md" gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Name, email or roll number"
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        w={230}
      />
      {multiDepartment && <UrlDepartmentSelect label="Department" url={url} w={200} />}
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
        data={RISK_OPTIONS}
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
  );
});

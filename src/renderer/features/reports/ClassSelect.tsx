import type { ReactElement } from 'react';
import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api.ts';

// A class for the record books: program + year of study in a department, with its student count.
// The value is "departmentId|program|year".

export function ClassSelect(props: {
  departmentId: string | null;
  value: string | null;
  onChange(value: string | null): void;
}): ReactElement {
  const query = useQuery({
    queryKey: ['record-books:classes', props.departmentId],
    queryFn: () => call('record-books:classes', { departmentId: props.departmentId ?? undefined }),
  });
  const items = query.data?.items ?? [];
  // Name the department only where the list spans several (a department admin's never does).
  const severalDepartments = new Set(items.map((c) => c.departmentId)).size > 1;
  const data = items.map((c) => ({
    value: `${c.departmentId}|${c.program}|${c.yearOfStudy}`,
    label: `${c.program} · Year ${c.yearOfStudy} (${c.students} students)${severalDepartments ? ` · ${c.department}` : ''}`,
  }));
  return (
    <Select
      label="Class"
      description="Program and year of study. Or choose a mentor for that mentor’s mentees."
      placeholder={query.isPending ? 'Loading classes…' : 'Choose a class'}
      data={data}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable
      nothingFoundMessage="No class in your scope"
    />
  );
}

import { useRef, useState, type ReactElement } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';

// A searchable Select over a list call (mentors, users, departments): the typed text searches on
// the server, so it works with 20 or 2,000 choices. The chosen option stays in the list while the
// search shows others, so its label never turns back into an id.

export interface RemoteOption {
  value: string;
  label: string;
}

export interface RemoteSelectProps extends Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'
> {
  /** Query cache key prefix: the list call's name, so writes that invalidate it refresh this too. */
  queryKey: readonly unknown[];
  load(search: string): Promise<RemoteOption[]>;
  value: string | null;
  onChange(value: string | null, option: RemoteOption | null): void;
  /** Label of the current value when it is set from outside (a filter in the address). */
  valueLabel?: string;
}

export function RemoteSelect({
  queryKey,
  load,
  value,
  onChange,
  valueLabel,
  ...rest
}: RemoteSelectProps): ReactElement {
  const [search, setSearch] = useState('');
  // Options load when the list is first opened, not with the page: a screen with three pickers
  // would otherwise make three extra calls before its own data.
  const [wanted, setWanted] = useState(false);
  const chosen = useRef<RemoteOption | null>(null);
  const selectedLabel = chosen.current?.value === value ? chosen.current.label : valueLabel;
  // Typing the chosen option's own label is not a new search.
  const term = search === selectedLabel ? '' : search.trim();
  const [debounced] = useDebouncedValue(term, 250);
  const query = useQuery({
    queryKey: [...queryKey, 'options', debounced],
    queryFn: () => load(debounced),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled: wanted,
  });
  const options = query.data ?? [];
  const data =
    value && selectedLabel && !options.some((o) => o.value === value)
      ? [{ value, label: selectedLabel }, ...options]
      : options;

  return (
    <Select
      searchable
      clearable
      nothingFoundMessage={query.isFetching || query.isPending ? 'Searching…' : 'No match'}
      {...rest}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={(v) => {
        setSearch(v);
        if (v && v !== selectedLabel) setWanted(true);
      }}
      onDropdownOpen={() => {
        setWanted(true);
        rest.onDropdownOpen?.();
      }}
      filter={({ options: all }) => all}
      onChange={(v, option) => {
        const picked = option ? { value: String(option.value), label: option.label } : null;
        chosen.current = picked;
        onChange(v, picked);
      }}
    />
  );
}

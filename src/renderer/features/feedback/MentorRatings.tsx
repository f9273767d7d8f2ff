import '@mantine/dates/styles.css';
import { useMemo, type CSSProperties, type ReactElement } from 'react';
import { Button, Group, Input, Rating, SegmentedControl, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper, type SortingState } from '@tanstack/react-table';
import type { FeedbackSummaryRow } from '../../../shared/contract/feedback.contract.ts';
import { seesManyDepartments } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { IconSearch } from '../../components/icons.tsx';
import { localSortFromAddress, localSortToAddress } from '../../components/data-table/table-address.ts';
import { EmptyView } from '../../components/StateViews.tsx';
import { formatCount } from '../../format.ts';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { parseTypedDate } from '../session-form/datetime.ts';
import { useCall } from '../sessions/use-call.ts';
import { useUrlFilters, type UrlFilters } from '../students/url-filters.ts';
import {
  DEFAULT_RANGE_LABEL,
  defaultRange,
  formatAverage,
  rangeInput,
  summaryLine,
  utcToday,
  type DayRange,
  type RatingsPeriod,
} from './ratings-range.ts';

// Average rating students gave each mentor, per month or semester (feedback:summary). The filters
// live in the address like the other lists', so Back and a shared link keep them; dates absent
// from it mean the default (the last 12 months, or this and last semester), which follows the period switch.

const column = createColumnHelper<FeedbackSummaryRow>();
const SORTABLE = ['mentorName', 'periodStart', 'count', 'average'];
const columns = [
  column.accessor('mentorName', { header: 'Mentor' }),
  // Sorted by the period's start ("2026-01"), shown by its label ("January 2026").
  column.accessor('periodStart', { header: 'Period', size: 200, cell: (c) => c.row.original.label }),
  column.accessor('count', {
    header: 'Ratings',
    size: 120,
    meta: { align: 'right' },
    cell: (c) => formatCount(c.getValue()),
  }),
  column.accessor('average', {
    header: 'Average',
    size: 200,
    cell: (c) => (
      <Group gap="xs" wrap="nowrap">
        <Rating
          value={c.getValue()}
          fractions={10}
          readOnly
          size="xs"
          aria-label={`${formatAverage(c.getValue())} out of 5`}
        />
        <Text size="sm" fw={600} span>
          {formatAverage(c.getValue())}
        </Text>
      </Group>
    ),
  }),
];

const DATES_OUT_OF_ORDER = '“To” is before “From”: choose a “To” date on or after the “From” date.';

/** Read by screen readers, not shown (the usual visually-hidden rules). */
const SCREEN_READER_ONLY: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

function DayField(props: {
  label: string;
  value: string;
  onChange(day: string | null): void;
  /** Why the field is refused: marked red, the words for screen readers only (the line under the
   * filters shows them), so the field keeps its place in the row. */
  error?: string;
}): ReactElement {
  return (
    <DateInput
      label={props.label}
      placeholder="dd/mm/yyyy"
      valueFormat="DD MMM YYYY"
      dateParser={(text) => parseTypedDate(text)}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      errorProps={{ style: SCREEN_READER_ONLY }}
      // Without shown words under it, the field keeps the row's baseline (no room kept for them).
      styles={{ wrapper: { marginBottom: 0 } }}
      w={150}
    />
  );
}

interface RatingsFilters {
  url: UrlFilters;
  period: RatingsPeriod;
  range: DayRange;
  /** Today as a UTC day (utcToday): the default range's end. */
  today: string;
  /** "To" is not before "From": only then is the call made. */
  valid: boolean;
}

function useRatingsFilters(): RatingsFilters {
  const url = useUrlFilters();
  const period: RatingsPeriod = url.get('period') === 'semester' ? 'semester' : 'month';
  const now = utcToday();
  const fallback = defaultRange(period, now);
  // A day edited by hand in the address that is not a day falls back to the default, not an error.
  const range = {
    from: parseTypedDate(url.get('from') ?? '') ?? fallback.from,
    to: parseTypedDate(url.get('to') ?? '') ?? fallback.to,
  };
  return { url, period, range, today: now, valid: range.from <= range.to };
}

function Filters({
  f,
  search,
  onSearch,
}: {
  f: RatingsFilters;
  /** Absent for a mentor: its rows are its own. */
  search?: string;
  onSearch(text: string): void;
}): ReactElement {
  const { user } = useCurrentUser();
  const { url, range } = f;
  // Only they see more than one department; a department office and a mentor see their own.
  const multi = seesManyDepartments(user.role);
  return (
    <Group mb="xs" gap="sm" align="flex-end">
      <Input.Wrapper label="Average per" labelElement="div">
        <SegmentedControl
          aria-label="Average per"
          display="flex"
          value={f.period}
          onChange={(v) => url.set({ period: v === 'semester' ? v : null })}
          data={[
            { value: 'month', label: 'Month' },
            { value: 'semester', label: 'Semester' },
          ]}
        />
      </Input.Wrapper>
      <DayField label="From" value={range.from} onChange={(v) => url.set({ from: v })} />
      <DayField
        label="To"
        value={range.to}
        onChange={(v) => url.set({ to: v })}
        error={f.valid ? undefined : DATES_OUT_OF_ORDER}
      />
      {multi && <UrlDepartmentSelect label="Department" url={url} w={280} />}
      {search !== undefined && (
        <TextInput
          label="Mentor"
          placeholder="Search by name"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          w={200}
        />
      )}
      {(url.get('from') !== null || url.get('to') !== null) && (
        <Button variant="subtle" onClick={() => url.set({ from: null, to: null })}>
          {DEFAULT_RANGE_LABEL[f.period]}
        </Button>
      )}
    </Group>
  );
}

function emptyView(valid: boolean, searching: boolean): ReactElement {
  if (!valid) return <EmptyView title="Check the dates" description="“To” is before “From”." />;
  return (
    <EmptyView
      title="No ratings in this period"
      description={
        searching
          ? 'No mentor’s name matches the search. Clear it or change the dates.'
          : 'Students rate their mentor after a completed session. Try a wider date range.'
      }
    />
  );
}

export function MentorRatings(): ReactElement {
  const { user } = useCurrentUser();
  const f = useRatingsFilters();
  // Kept in the address like the filters: the tabs unmount their panels, and the sort was lost on
  // a look at the All feedback list (its own sort has the plain 'sort' and 'dir' keys).
  const sort = {
    sorting: localSortFromAddress(f.url.get('rsort'), SORTABLE),
    onSortingChange: (s: SortingState) => f.url.set({ rsort: localSortToAddress(s) }),
  };
  // Kept in the address with the other filters; the rows (and the announced totals) follow the
  // typing once it pauses, not at every key.
  const search = f.url.get('mentor') ?? '';
  const [needle] = useDebouncedValue(search.trim().toLowerCase(), 250);
  const q = useCall(
    'feedback:summary',
    { period: f.period, departmentId: f.url.get('department') ?? undefined, ...rangeInput(f.range) },
    { enabled: f.valid },
  );
  const mentor = user.role === 'MENTOR';
  const rows = useMemo(() => {
    const all = q.data?.rows ?? [];
    return needle ? all.filter((r) => r.mentorName.toLowerCase().includes(needle)) : all;
  }, [q.data, needle]);
  return (
    <>
      <Filters f={f} search={mentor ? undefined : search} onSearch={(v) => f.url.set({ mentor: v })} />
      <Text size="sm" c={f.valid ? 'dimmed' : 'red.8'} mb="sm" aria-live="polite">
        {f.valid ? summaryLine({ ...f, rows, forMentor: mentor }) : DATES_OUT_OF_ORDER}
      </Text>
      <DataTable
        label="Mentor ratings"
        columns={columns}
        data={rows}
        getRowId={(r) => `${r.mentorId}|${r.periodStart}`}
        {...sort}
        isLoading={q.isLoading}
        isFetching={q.isFetching}
        error={q.error}
        onRetry={() => void q.refetch()}
        empty={emptyView(f.valid, needle !== '')}
      />
    </>
  );
}

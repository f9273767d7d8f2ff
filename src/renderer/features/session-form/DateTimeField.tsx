import type { ReactElement } from 'react';
import { Group, Input } from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { parseTypedDate, type DayTime } from './datetime.ts';

/**
 * A day (typed as 31/03/2026 or picked from the calendar) and a clock time, side by side, under
 * one label. Both are ordinary inputs, so Tab moves through them and nothing needs a mouse.
 */
export function DateTimeField({
  label,
  description,
  value,
  onChange,
  error,
  required,
  clearable,
  minDate,
  maxDate,
  autoFocus,
}: {
  label: string;
  description?: string;
  value: DayTime;
  onChange(value: DayTime): void;
  error?: string;
  required?: boolean;
  clearable?: boolean;
  minDate?: string;
  maxDate?: string;
  autoFocus?: boolean;
}): ReactElement {
  return (
    <Input.Wrapper label={label} description={description} error={error} required={required}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <DateInput
          aria-label={`${label}: day`}
          placeholder="dd/mm/yyyy"
          valueFormat="DD MMM YYYY"
          dateParser={(text) => parseTypedDate(text)}
          value={value.date || null}
          onChange={(date) => onChange({ ...value, date: date ?? '' })}
          clearable={clearable}
          minDate={minDate}
          maxDate={maxDate}
          error={Boolean(error)}
          autoFocus={autoFocus}
          w={170}
        />
        <TimeInput
          aria-label={`${label}: time`}
          value={value.time}
          onChange={(e) => onChange({ ...value, time: e.currentTarget.value })}
          error={Boolean(error)}
          w={120}
        />
      </Group>
    </Input.Wrapper>
  );
}

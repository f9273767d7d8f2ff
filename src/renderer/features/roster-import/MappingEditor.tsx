import type { ReactElement } from 'react';
import { Alert, Badge, Group, List, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ColumnMappingDto, RosterPreview } from '../../../shared/contract/roster.contract.ts';

const SOURCE = {
  input: 'Your choice',
  remembered: 'Remembered from the last import',
  suggested: 'Suggested from the column names',
} as const;

function fieldLabel(f: RosterPreview['fields'][number]): string {
  if (f.required === 'always') return `${f.label} *`;
  if (f.required === 'name')
    return f.field === 'fullName' ? `${f.label} (or first + last)` : `${f.label} (or full name)`;
  return f.label;
}

/** Which column of the file feeds which field; required fields are marked. */
export function MappingEditor({
  preview,
  onChange,
  disabled,
}: {
  preview: RosterPreview;
  onChange(mapping: ColumnMappingDto): void;
  disabled?: boolean;
}): ReactElement {
  const set = (field: string, header: string | null): void => {
    const next: Record<string, string> = { ...(preview.mapping as Record<string, string>) };
    if (header) next[field] = header;
    else delete next[field];
    onChange(next as ColumnMappingDto);
  };
  const headers = preview.headers.filter((h) => h !== '');
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Columns
        </Text>
        <Badge color="gray" variant="light">
          {SOURCE[preview.mappingSource]}
        </Badge>
      </Group>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
        {preview.fields.map((f) => (
          <Select
            key={f.field}
            size="xs"
            label={fieldLabel(f)}
            placeholder="Not in this file"
            clearable
            searchable
            disabled={disabled}
            data={headers}
            value={(preview.mapping as Record<string, string | undefined>)[f.field] ?? null}
            onChange={(v) => set(f.field, v)}
          />
        ))}
      </SimpleGrid>
      {preview.mappingProblems.length > 0 && (
        <Alert color="red" variant="light" title="Fix the columns first">
          <List size="sm">
            {preview.mappingProblems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {preview.unmappedHeaders.length > 0 && (
        <Text size="xs" c="dimmed">
          Not imported: {preview.unmappedHeaders.join(', ')}
        </Text>
      )}
    </Stack>
  );
}

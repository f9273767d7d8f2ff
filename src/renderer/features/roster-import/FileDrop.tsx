import { useRef, useState, type DragEvent, type ReactElement } from 'react';
import { Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconUpload } from '../../components/icons.tsx';
import { formatBytes } from '../../format.ts';

const ACCEPT = '.csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Drop a roster file here or choose one; keyboard users reach the "Choose file" button. */
export function FileDrop({
  file,
  onFile,
}: {
  file: { name: string; size: number } | null;
  onFile(file: File): void;
}): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="roster-drop"
      style={{
        border: `2px dashed var(--mantine-color-${over ? 'brand-5' : 'gray-4'})`,
        borderRadius: 'var(--mantine-radius-md)',
        background: over ? 'var(--mantine-color-brand-0)' : 'var(--mantine-color-white)',
        padding: 'var(--mantine-spacing-sm) var(--mantine-spacing-md)',
      }}
    >
      <Group gap="md" wrap="nowrap">
        <ThemeIcon size={38} radius="xl" variant="light">
          <IconUpload size={20} />
        </ThemeIcon>
        <Stack gap={0} style={{ flex: 1 }}>
          <Text size="sm" fw={600}>
            {file ? `${file.name} · ${formatBytes(file.size)}` : 'Drop a CSV or Excel file here'}
          </Text>
          <Text size="xs" c="dimmed">
            .csv or .xlsx, up to 20 MB; the first row holds the column names.
          </Text>
        </Stack>
        <Button variant="light" onClick={() => input.current?.click()}>
          {file ? 'Choose another file' : 'Choose file'}
        </Button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          aria-label="Roster file"
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            if (chosen) onFile(chosen);
            e.currentTarget.value = '';
          }}
        />
      </Group>
    </div>
  );
}

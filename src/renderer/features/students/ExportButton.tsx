import { useState, type ReactElement } from 'react';
import { Button, Menu } from '@mantine/core';
import type { ExportTable } from '../../../shared/contract/exports.contract.ts';
import type { CallInput } from '../../../shared/contract/index.ts';
import { call, errorMessage } from '../../api.ts';
import { IconChevronDown, IconDownload } from '../../components/icons.tsx';
import { saveBase64 } from '../reports/download.ts';

type ExportFilter<T extends ExportTable> = Extract<CallInput<'exports:table'>, { table: T }>['filter'];

/**
 * "Export" for a table screen: the core writes every row under the screen's current filter (its
 * own scope, at most 100,000 rows) as Excel or CSV; the file is then saved like any download.
 */
export function ExportButton<T extends ExportTable>({
  table,
  filter,
  disabled,
  onError,
}: {
  table: T;
  filter: ExportFilter<T>;
  disabled?: boolean;
  onError(message: string | null): void;
}): ReactElement {
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv'): Promise<void> => {
    setBusy(true);
    onError(null);
    try {
      const file = await call('exports:table', { table, format, filter } as CallInput<'exports:table'>);
      saveBase64(file.fileName, file.mimeType, file.base64);
    } catch (err) {
      onError(`The export failed: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy}
          disabled={disabled}
        >
          Export
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Every row under the current filters</Menu.Label>
        <Menu.Item onClick={() => void run('xlsx')}>Excel workbook (.xlsx)</Menu.Item>
        <Menu.Item onClick={() => void run('csv')}>CSV (.csv)</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

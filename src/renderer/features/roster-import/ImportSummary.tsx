import { useState, type ReactElement } from 'react';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { RosterCommitResult } from '../../../shared/contract/roster.contract.ts';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IconDownload } from '../../components/icons.tsx';
import { formatCount } from '../../format.ts';
import { Tile } from '../dashboard-department/Tile.tsx';

/** What the import did: counts, the rows left out with their problems, and the error report. */
export function ImportSummary({
  result,
  fileName,
  onErrorReport,
  onAnother,
}: {
  result: RosterCommitResult;
  fileName: string;
  onErrorReport(format: 'xlsx' | 'csv'): Promise<void>;
  onAnother(): void;
}): ReactElement {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: 'xlsx' | 'csv'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await onErrorReport(format);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="md">
      <Alert color={result.skipped > 0 ? 'orange' : 'teal'} variant="light" title={`Imported ${fileName}`}>
        {result.skipped > 0
          ? `${formatCount(result.skipped)} row${result.skipped === 1 ? ' was' : 's were'} left out because of problems; download the error report, fix them and import that file again.`
          : 'Every row was imported.'}
      </Alert>
      <SimpleGrid cols={6} spacing="md">
        <Tile label="Created" value={result.created} />
        <Tile label="Updated" value={result.updated} />
        <Tile label="Unchanged" value={result.unchanged} />
        <Tile label="Skipped" value={result.skipped} color={result.skipped ? 'orange.8' : undefined} />
        <Tile label="Assignments" value={result.assignmentsCreated} hint="mentor column" />
        <Tile label="Risk checked" value={result.riskEvaluated} hint="academics changed" />
      </SimpleGrid>
      {result.errors.length > 0 && (
        <Paper p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Rows left out
            </Title>
            <Group gap="sm">
              <Button
                size="xs"
                variant="default"
                leftSection={<IconDownload size={14} />}
                loading={busy}
                onClick={() => void download('csv')}
              >
                Error report (.csv)
              </Button>
              <Button
                size="xs"
                leftSection={<IconDownload size={14} />}
                loading={busy}
                onClick={() => void download('xlsx')}
              >
                Error report (.xlsx)
              </Button>
            </Group>
          </Group>
          <FormAlert message={error} />
          <Table.ScrollContainer minWidth={600} mah={260}>
            <Table striped fz="sm" stickyHeader aria-label="Rows left out">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>Row</Table.Th>
                  <Table.Th w={160}>Column</Table.Th>
                  <Table.Th w={200}>Value</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.slice(0, 500).map((e, i) => (
                  <Table.Tr key={`${e.row}:${e.column}:${i}`}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column}</Table.Td>
                    <Table.Td>{e.value || '(empty)'}</Table.Td>
                    <Table.Td c="red.8">{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {result.errors.length > 500 && (
            <Text size="xs" c="dimmed" mt={4}>
              The first 500 problems are shown; the error report has all {formatCount(result.errors.length)}.
            </Text>
          )}
        </Paper>
      )}
      {result.notes.length > 0 && (
        <Text size="sm" c="dimmed">
          Notes:{' '}
          {result.notes
            .slice(0, 5)
            .map((n) => `row ${n.row}: ${n.message}`)
            .join(' · ')}
          {result.notes.length > 5 ? ` and ${result.notes.length - 5} more` : ''}
        </Text>
      )}
      <Group>
        <Button variant="default" onClick={onAnother}>
          Import another file
        </Button>
      </Group>
    </Stack>
  );
}

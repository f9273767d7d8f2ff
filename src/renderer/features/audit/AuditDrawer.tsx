import type { ReactElement } from 'react';
import { Code, Drawer, Stack, Table, Text } from '@mantine/core';
import type { AuditRowDto } from '../../../shared/contract/audit.contract.ts';
import { formatDateTime } from '../../format.ts';
import { auditChanges } from './audit-diff.ts';

/** One audit entry in full: who, when, from where, and each field before → after. */
export function AuditDrawer({ row, onClose }: { row: AuditRowDto | null; onClose(): void }): ReactElement {
  const changes = row ? auditChanges(row.before, row.after) : [];
  return (
    <Drawer
      lockScroll={false}
      opened={row !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title="Audit entry"
    >
      {row && (
        <Stack gap="md">
          <Table variant="vertical" layout="fixed" fz="sm" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={130}>When</Table.Th>
                <Table.Td>{formatDateTime(row.createdAt)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Who</Table.Th>
                <Table.Td>
                  {row.userName ? `${row.userName} (${row.userEmail ?? ''})` : 'The system'}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Action</Table.Th>
                <Table.Td>
                  <Code>{row.action}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>Record</Table.Th>
                <Table.Td>
                  {row.entity}
                  {row.entityId ? ` · ${row.entityId}` : ''}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>From</Table.Th>
                <Table.Td>
                  {row.ip ?? 'this computer'} · {row.userAgent ?? 'unknown app'}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text fw={600} size="sm">
            {changes.length === 0 ? 'No field values recorded.' : 'Changes'}
          </Text>
          {changes.length > 0 && (
            <Table layout="fixed" fz="sm" withTableBorder striped aria-label="Changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={160}>Field</Table.Th>
                  <Table.Th>Before</Table.Th>
                  <Table.Th>After</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td fw={500}>{c.field}</Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }} c={c.before ? undefined : 'dimmed'}>
                      {c.before || '(none)'}
                    </Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }} c={c.after ? undefined : 'dimmed'}>
                      {c.after || '(none)'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="xs" c="dimmed">
            The audit log is append-only: entries cannot be changed or removed.
          </Text>
        </Stack>
      )}
    </Drawer>
  );
}

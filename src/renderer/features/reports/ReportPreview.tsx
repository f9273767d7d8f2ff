import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { Button, Center, Group, Paper, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconDownload, IconFile, IconPrinter } from '../../components/icons.tsx';
import { formatBytes, formatDateTime } from '../../format.ts';
import { saveBlob } from './download.ts';
import { canEmbedPdf } from './report-kinds.ts';

export interface ReadyReport {
  title: string;
  fileName: string;
  pages: number;
  blob: Blob;
  madeAt: string;
}

/**
 * The finished PDF: shown inside the page where the window's security policy allows blob: frames,
 * otherwise described, with "Save as PDF" (the Electron shell turns the download into its save
 * dialog) and "Print".
 */
export function ReportPreview({ report }: { report: ReadyReport }): ReactElement {
  const frame = useRef<HTMLIFrameElement>(null);
  const embed = canEmbedPdf();
  const url = useMemo(() => URL.createObjectURL(report.blob), [report.blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const print = (): void => frame.current?.contentWindow?.print();

  return (
    <Paper p="md" h="100%">
      <Stack gap="md" h="100%">
        <Group justify="space-between" wrap="nowrap">
          <Stack gap={0}>
            <Text fw={600}>{report.title}</Text>
            <Text size="xs" c="dimmed">
              {report.fileName} · {report.pages} page{report.pages === 1 ? '' : 's'} ·{' '}
              {formatBytes(report.blob.size)} · made {formatDateTime(report.madeAt)}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            <Tooltip label="Save the PDF and print it from your PDF reader" disabled={embed}>
              <Button
                variant="default"
                leftSection={<IconPrinter size={16} />}
                onClick={print}
                disabled={!embed}
              >
                Print
              </Button>
            </Tooltip>
            <Button
              leftSection={<IconDownload size={16} />}
              onClick={() => saveBlob(report.fileName, report.blob)}
            >
              Save as PDF
            </Button>
          </Group>
        </Group>
        {embed ? (
          <iframe
            ref={frame}
            title={`${report.title} preview`}
            src={url}
            style={{ flex: 1, border: 0, minHeight: 420 }}
          />
        ) : (
          <Center style={{ flex: 1 }} bg="gray.0" p="xl">
            <Stack align="center" gap="xs" maw={440}>
              <ThemeIcon size={56} radius="md" variant="light">
                <IconFile size={30} />
              </ThemeIcon>
              <Text fw={600}>{report.fileName}</Text>
              <Text size="sm" c="dimmed" ta="center">
                The report is ready. This window does not show PDFs inside the page; save it to open, check
                and print it in your PDF reader.
              </Text>
            </Stack>
          </Center>
        )}
      </Stack>
    </Paper>
  );
}

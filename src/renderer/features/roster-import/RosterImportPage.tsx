import { useState, type ReactElement } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Loader,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type {
  RosterCommitResult,
  RosterKind,
  RosterPreview,
} from '../../../shared/contract/roster.contract.ts';
import { call, errorMessage, isAppError } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ErrorState } from '../../components/StateViews.tsx';
import { formatCount } from '../../format.ts';
import { invalidateCalls } from '../assignments/invalidate.ts';
import { DepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { saveBase64 } from '../reports/download.ts';
import { FileDrop } from './FileDrop.tsx';
import { ImportSummary } from './ImportSummary.tsx';
import { MappingEditor } from './MappingEditor.tsx';
import { PreviewTable } from './PreviewTable.tsx';
import {
  readRosterFile,
  sourceOf,
  useRosterChoices,
  useRosterPreview,
  type RosterFile,
} from './use-roster.ts';

type Mode = 'skip-invalid' | 'abort-on-error';

function NewPrograms({
  preview,
  accepted,
  onAccept,
}: {
  preview: RosterPreview;
  accepted: string[];
  onAccept(list: string[]): void;
}): ReactElement | null {
  const pending = preview.unknownPrograms.filter((p) => !accepted.includes(p));
  if (pending.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" title="Programs new to this department">
      <Stack gap={6}>
        <Text size="sm">
          Rows with these programs are held back. Accept them if they are a new intake, not a typing mistake.
        </Text>
        <Group gap="md">
          {pending.map((p) => (
            <Checkbox key={p} label={p} checked={false} onChange={() => onAccept([...accepted, p])} />
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}

function CommitBar({
  preview,
  onCommit,
  busy,
}: {
  preview: RosterPreview;
  onCommit(mode: Mode): void;
  busy: boolean;
}): ReactElement {
  const [mode, setMode] = useState<Mode>('skip-invalid');
  const c = preview.counts;
  const blocked = preview.mappingProblems.length > 0 || c.valid === 0;
  const importing = mode === 'skip-invalid' ? c.valid : c.rejected > 0 ? 0 : c.rows;
  return (
    <Paper p="md">
      <Group justify="space-between" align="center" wrap="nowrap">
        <Radio.Group label="Rows with problems" value={mode} onChange={(v) => setMode(v as Mode)}>
          <Stack gap={6} mt={6}>
            <Radio value="skip-invalid" label={`Skip them and import the other ${formatCount(c.valid)}`} />
            <Radio value="abort-on-error" label="Import nothing if any row has a problem" />
          </Stack>
        </Radio.Group>
        <Button
          onClick={() => onCommit(mode)}
          loading={busy}
          disabled={blocked || (mode === 'abort-on-error' && c.rejected > 0)}
        >
          Import {formatCount(importing)} row{importing === 1 ? '' : 's'}
        </Button>
      </Group>
      {busy && (
        <Stack gap={4} mt="sm">
          <Progress value={100} animated striped aria-label="Import progress" />
          <Text size="xs" c="dimmed">
            Importing in one transaction: either every row above goes in, or none does.
          </Text>
        </Stack>
      )}
    </Paper>
  );
}

export function RosterImportPage(): ReactElement {
  const { user } = useCurrentUser();
  const client = useQueryClient();
  const multi = user.role !== 'DEPARTMENT_ADMIN';
  const [departmentId, setDepartmentId] = useState<string | null>(multi ? null : user.departmentId);
  const [file, setFile] = useState<RosterFile | null>(null);
  const [reading, setReading] = useState(false);
  const [choices, choose] = useRosterChoices();
  const [committing, setCommitting] = useState(false);
  const [result, setResult] = useState<{ result: RosterCommitResult; fileName: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = useRosterPreview(result ? null : file, departmentId, choices);
  const p = preview.data;

  const pick = async (chosen: File): Promise<void> => {
    setReading(true);
    setError(null);
    setResult(null);
    try {
      setFile(await readRosterFile(chosen));
      choose({ sheet: null, mapping: null, acceptPrograms: [] });
    } catch (err) {
      setError(`The file could not be read: ${errorMessage(err)}`);
    } finally {
      setReading(false);
    }
  };
  const commit = async (mode: Mode): Promise<void> => {
    if (!file || !departmentId) return;
    setCommitting(true);
    setError(null);
    try {
      const r = await call('roster:commit', {
        ...sourceOf(file, departmentId, choices),
        mapping: p?.mapping,
        mode,
      });
      setResult({ result: r, fileName: file.name });
      await invalidateCalls(client, [
        'students:list',
        'mentors:list',
        'users:list',
        'assignments:list',
        'alerts:list',
      ]);
    } catch (err) {
      setError(
        isAppError(err) && err.issues.length > 0
          ? `${err.message} (${err.issues[0]!.path}: ${err.issues[0]!.message})`
          : errorMessage(err),
      );
    } finally {
      setCommitting(false);
    }
  };
  const errorReport = async (format: 'xlsx' | 'csv'): Promise<void> => {
    if (!file || !departmentId) return;
    const r = await call('roster:error-report', {
      ...sourceOf(file, departmentId, choices),
      mapping: p?.mapping,
      format,
    });
    saveBase64(r.fileName, r.mimeType, r.base64);
  };

  return (
    <>
      <PageHeader
        title="Import a roster"
        description="Add or update students or mentors from a spreadsheet. Check the preview; nothing changes until you import."
      />
      <Paper p="md" mb="md">
        <Group gap="md" align="flex-end" wrap="nowrap">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              The file holds
            </Text>
            <SegmentedControl
              value={choices.kind}
              onChange={(v) => choose({ kind: v as RosterKind, mapping: null, acceptPrograms: [] })}
              data={[
                { value: 'students', label: 'Students' },
                { value: 'mentors', label: 'Mentors' },
              ]}
              aria-label="The file holds"
            />
          </Stack>
          {multi && (
            <DepartmentSelect
              label="Department"
              required
              value={departmentId}
              onChange={(v) => setDepartmentId(v)}
              w={240}
            />
          )}
          {p && p.sheetNames.length > 1 && (
            <Select
              label="Sheet"
              allowDeselect={false}
              data={p.sheetNames}
              value={p.sheet}
              onChange={(v) => choose({ sheet: v, mapping: null })}
              w={170}
            />
          )}
          <div style={{ flex: 1 }}>
            <FileDrop file={file} onFile={(f) => void pick(f)} />
          </div>
        </Group>
      </Paper>
      <FormAlert message={error} />
      {(reading || (preview.isFetching && !p)) && (
        <Group justify="center" py="xl">
          <Loader size="sm" />
          <Text c="dimmed" size="sm">
            Reading and checking every row…
          </Text>
        </Group>
      )}
      {result ? (
        <ImportSummary
          result={result.result}
          fileName={result.fileName}
          onErrorReport={errorReport}
          onAnother={() => {
            setResult(null);
            setFile(null);
          }}
        />
      ) : preview.error ? (
        <ErrorState
          error={preview.error}
          title="This file could not be previewed"
          onRetry={() => void preview.refetch()}
        />
      ) : (
        p &&
        file && (
          <Grid gap="md">
            <Grid.Col span={4}>
              <Paper p="md">
                <MappingEditor
                  preview={p}
                  disabled={preview.isFetching}
                  onChange={(mapping) => choose({ mapping })}
                />
              </Paper>
            </Grid.Col>
            <Grid.Col span={8}>
              <Stack gap="md">
                <NewPrograms
                  preview={p}
                  accepted={choices.acceptPrograms}
                  onAccept={(list) => choose({ acceptPrograms: list })}
                />
                {/* The commit bar above the rows, so the preview can take the rest of the window and the
                    Import button never scrolls out of reach (1366×768: it wrapped under the table). */}
                <CommitBar preview={p} onCommit={(mode) => void commit(mode)} busy={committing} />
                <PreviewTable key={`${file.token}:${p.kind}`} preview={p} />
              </Stack>
            </Grid.Col>
          </Grid>
        )
      )}
    </>
  );
}

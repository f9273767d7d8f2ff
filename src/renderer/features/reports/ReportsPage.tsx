import '@mantine/dates/styles.css';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import {
  Button,
  Center,
  Checkbox,
  Grid,
  Paper,
  Progress,
  Radio,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { CallInput } from '../../../shared/contract/index.ts';
import { seesManyDepartments } from '../../../shared/permissions.ts';
import { call, errorMessage, onAppEvent } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IconReport } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { MentorSelect } from '../mentors/MentorSelect.tsx';
import { StudentSelect } from '../students/StudentSelect.tsx';
import { useUrlFilters } from '../students/url-filters.ts';
import { base64ToBlob } from './download.ts';
import { ClassSelect } from './ClassSelect.tsx';
import { defaultPeriod, REPORTS, reportInfo, UNDATED, type ReportInfo } from './report-kinds.ts';
import { ReportPreview, type ReadyReport } from './ReportPreview.tsx';

type Progress = { done: number; total: number; label: string } | null;

function useTaskProgress(taskId: string | null): Progress {
  const [progress, setProgress] = useState<Progress>(null);
  useEffect(() => {
    setProgress(null);
    if (!taskId) return undefined;
    return onAppEvent('task:progress', (e) => {
      if (e.taskId === taskId) setProgress({ done: e.done, total: e.total, label: e.label });
    });
  }, [taskId]);
  return progress;
}

function Generating({ progress, onCancel }: { progress: Progress; onCancel?: () => void }): ReactElement {
  const pct = progress && progress.total > 0 ? (progress.done / progress.total) * 100 : 100;
  return (
    <Paper p="xl" h="100%">
      <Center h="100%">
        <Stack gap="sm" w={360} align="stretch">
          <Text fw={600} ta="center">
            Making the report…
          </Text>
          <Progress value={pct} animated striped={!progress} aria-label="Report progress" />
          <Text size="sm" c="dimmed" ta="center">
            {progress ? `${progress.label} (${Math.round(pct)}%)` : 'Reading the records in your scope'}
          </Text>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Stack>
      </Center>
    </Paper>
  );
}

export function ReportsPage(): ReactElement {
  const { user } = useCurrentUser();
  const url = useUrlFilters();
  const info = reportInfo(url.get('kind'));
  const [period, setPeriod] = useState<[string | null, string | null]>(() => {
    const [from, to] = defaultPeriod();
    return [url.get('from') ?? from, url.get('to') ?? to];
  });
  const [summaries, setSummaries] = useState(true);
  const [taskId, setTaskId] = useState<string | null>(null);
  const [ready, setReady] = useState<ReadyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const progress = useTaskProgress(taskId);
  // Higher administrators pick a department; a department admin's reports are its own department.
  const multi = seesManyDepartments(user.role);
  const departmentId = url.get('department');
  const studentId = url.get('student');

  const input = (): CallInput<ReportInfo['call']> | string => {
    if (info.params.student === 'required' && !studentId) return 'Choose the student.';
    if (info.params.department && multi && !departmentId && !url.get('mentor'))
      return 'Choose the department.';
    const base = { from: period[0] ?? undefined, to: period[1] ?? undefined, taskId: crypto.randomUUID() };
    if (info.kind === 'student') return { ...base, studentId: studentId ?? '' };
    if (info.kind === 'handover') return { taskId: base.taskId, studentId: studentId ?? '' } as never;
    if (info.kind === 'record-books') {
      const mentorId = url.get('mentor') ?? undefined;
      const [classDept, program, year] = (url.get('class') ?? '').split('|');
      if (!mentorId && !program) return 'Choose a class, or a mentor for that mentor’s mentees.';
      return {
        taskId: base.taskId,
        ...(mentorId
          ? { mentorId }
          : { departmentId: classDept || undefined, program, yearOfStudy: Number(year) }),
      } as never;
    }
    return {
      ...base,
      departmentId: info.params.department ? (departmentId ?? undefined) : undefined,
      mentorId: info.params.mentor ? (url.get('mentor') ?? undefined) : undefined,
      ...(info.kind === 'sessions' ? { studentId: studentId ?? undefined, includeSummaries: summaries } : {}),
    } as CallInput<ReportInfo['call']>;
  };

  const cancelled = useRef(false);
  const cancel = (): void => {
    cancelled.current = true;
    if (taskId) void call('record-books:cancel', { taskId }).catch(() => undefined);
  };

  const generate = async (): Promise<void> => {
    const built = input();
    if (typeof built === 'string') {
      setError(built);
      return;
    }
    setError(null);
    setReady(null);
    setTaskId(built.taskId ?? null);
    try {
      const file = await call(info.call, built as never);
      setReady({
        title: info.title,
        fileName: file.fileName,
        pages: file.pages,
        blob: base64ToBlob(file.pdfBase64, 'application/pdf'),
        madeAt: new Date().toISOString(),
      });
    } catch (err) {
      setError(cancelled.current ? 'Cancelled: no file was made.' : errorMessage(err));
    } finally {
      cancelled.current = false;
      setTaskId(null);
    }
  };

  return (
    <>
      <PageHeader
        title="Reports"
        description="PDF reports for meetings and files. Everything in a report is limited to what you may see."
      />
      <Grid gap="lg">
        <Grid.Col span={4}>
          <Paper p="md">
            <Stack gap="md">
              <Radio.Group
                label="Report"
                value={info.kind}
                onChange={(v) => {
                  url.set({ kind: v });
                  setReady(null);
                  setError(null);
                }}
              >
                <Stack gap={8} mt={6}>
                  {REPORTS.map((r) => (
                    <Radio
                      key={r.kind}
                      value={r.kind}
                      label={r.title}
                      description={r.kind === info.kind ? r.description : undefined}
                    />
                  ))}
                </Stack>
              </Radio.Group>
              {info.params.department && multi && <UrlDepartmentSelect label="Department" url={url} />}
              {info.params.mentor && (
                <MentorSelect
                  label="Mentor"
                  placeholder="All mentors"
                  departmentId={departmentId}
                  value={url.get('mentor')}
                  valueLabel={url.get('mentorName') ?? undefined}
                  onChange={(v, o) => url.set({ mentor: v, mentorName: o?.label })}
                />
              )}
              {info.params.student !== 'no' && (
                <StudentSelect
                  label="Student"
                  required={info.params.student === 'required'}
                  placeholder={
                    info.params.student === 'required' ? 'Search by name or roll number' : 'All students'
                  }
                  departmentId={departmentId}
                  value={studentId}
                  valueLabel={url.get('studentName') ?? undefined}
                  onChange={(v, o) => url.set({ student: v, studentName: o?.label })}
                />
              )}
              {info.kind === 'record-books' && !url.get('mentor') && (
                <ClassSelect
                  departmentId={departmentId}
                  value={url.get('class')}
                  onChange={(v) => url.set({ class: v })}
                />
              )}
              {!UNDATED.has(info.kind) && (
                <DatePickerInput
                  type="range"
                  label="Period"
                  description="Calendar days; sessions, alerts and feedback in this period."
                  allowSingleDateInRange
                  valueFormat="D MMM YYYY"
                  value={period}
                  onChange={(v) => setPeriod([v[0] ? String(v[0]) : null, v[1] ? String(v[1]) : null])}
                />
              )}
              {info.params.summaries && (
                <Checkbox
                  label="Include the mentors’ notes"
                  description="Leave out for a copy shared outside the office."
                  checked={summaries}
                  onChange={(e) => setSummaries(e.currentTarget.checked)}
                />
              )}
              <FormAlert message={error} />
              <Button
                leftSection={<IconReport size={16} />}
                onClick={() => void generate()}
                loading={taskId !== null}
              >
                Make report
              </Button>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={8} mih="calc(100vh - 200px)">
          {taskId !== null ? (
            <Generating progress={progress} onCancel={info.kind === 'record-books' ? cancel : undefined} />
          ) : ready ? (
            <ReportPreview report={ready} />
          ) : (
            <Paper p="xl" h="100%">
              <Center h="100%">
                <Stack align="center" gap="xs" maw={380}>
                  <ThemeIcon size={56} radius="md" variant="light">
                    <IconReport size={30} />
                  </ThemeIcon>
                  <Text fw={600}>{info.title}</Text>
                  <Text size="sm" c="dimmed" ta="center">
                    {info.description} Choose the parameters and press “Make report”.
                  </Text>
                </Stack>
              </Center>
            </Paper>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}

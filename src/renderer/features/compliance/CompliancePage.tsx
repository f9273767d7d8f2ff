import { useState, type ReactElement } from 'react';
import { Badge, Button, Group, SegmentedControl, Select, Stack, Tabs, Text } from '@mantine/core';
import type { SortingState } from '@tanstack/react-table';
import { canCall, seesManyDepartments } from '../../../shared/permissions.ts';
import { call, errorMessage } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { DataTable } from '../../components/data-table/DataTable.tsx';
import { FormAlert } from '../../components/form/FormAlert.tsx';
import { IconReport } from '../../components/icons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyView, QueryState } from '../../components/StateViews.tsx';
import { formatDate } from '../../format.ts';
import { UrlDepartmentSelect } from '../departments/DepartmentSelect.tsx';
import { saveBase64 } from '../reports/download.ts';
import { useCall } from '../sessions/use-call.ts';
import { useUrlFilters } from '../students/url-filters.ts';
import { LetterTemplates } from './LetterTemplates.tsx';
import { MENTOR_COLUMNS, menteeColumns } from './compliance-columns.tsx';

// The compliance sheet (issue 12 item 3): per mentor and per mentee, who is short of the
// department's norms this semester and by how much, and the same as a PDF with the HOD's sign-off.
// HODs also keep the department's letter templates here (issue 12 item 4).

function PrintButton({ departmentId, mentorId }: { departmentId?: string; mentorId?: string }): ReactElement {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const print = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const file = await call('compliance:pdf', { departmentId, mentorId });
      saveBase64(file.fileName, 'application/pdf', file.pdfBase64);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-end">
      <Button leftSection={<IconReport size={16} />} loading={busy} onClick={() => void print()}>
        Print sheet (PDF)
      </Button>
      <FormAlert title="No PDF" message={error} />
    </Stack>
  );
}

function Sheet({ departmentId }: { departmentId?: string }): ReactElement {
  const [mentorId, setMentorId] = useState<string | null>(null);
  const [show, setShow] = useState<'short' | 'all'>('short');
  const [mentorSort, setMentorSort] = useState<SortingState>([]);
  const [menteeSort, setMenteeSort] = useState<SortingState>([]);
  const q = useCall('compliance:sheet', { departmentId, mentorId: mentorId ?? undefined });
  const sheet = q.data;
  const mentees = (sheet?.mentees ?? []).filter(
    (m) => show === 'all' || m.meetingsShort > 0 || m.contactOverdueBy > 0,
  );
  return (
    <QueryState isLoading={q.isPending} error={q.error} onRetry={() => void q.refetch()}>
      {sheet && (
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <Stack gap={2}>
              <Text size="sm">
                <b>{sheet.semester.label}</b> as of {formatDate(sheet.asOf)} · at least{' '}
                {sheet.norms.minMeetingsPerSemester} meetings per mentee · at most{' '}
                {sheet.norms.maxMenteesPerMentor} mentees per mentor · HIGH-risk students contacted every{' '}
                {sheet.norms.maxDaysWithoutContactHigh} days
              </Text>
              <Text size="xs" c="dimmed">
                A meeting is a completed session the student attended. Semesters run January–June and
                July–December.
              </Text>
            </Stack>
            <Group gap="sm" align="flex-end">
              <Select
                aria-label="Mentor"
                placeholder="All mentors"
                clearable
                w={220}
                data={(q.data?.mentors ?? []).map((m) => ({ value: m.mentorId, label: m.mentorName }))}
                value={mentorId}
                onChange={setMentorId}
              />
              <PrintButton departmentId={departmentId} mentorId={mentorId ?? undefined} />
            </Group>
          </Group>
          <DataTable
            label="Mentors"
            columns={MENTOR_COLUMNS}
            data={sheet.mentors}
            getRowId={(m) => m.mentorId}
            sorting={mentorSort}
            onSortingChange={setMentorSort}
            height={Math.min(320, 44 + sheet.mentors.length * 40)}
            empty={
              <EmptyView
                title="No active pairings"
                description="Assign mentors to students to see compliance."
              />
            }
          />
          <Group justify="space-between">
            <Text fw={600}>
              Mentees{' '}
              <Badge variant="light" color={mentees.length ? 'red' : 'teal'}>
                {sheet.mentees.filter((m) => m.meetingsShort > 0 || m.contactOverdueBy > 0).length} short
              </Badge>
            </Text>
            <SegmentedControl
              aria-label="Which mentees"
              value={show}
              onChange={(v) => setShow(v as 'short' | 'all')}
              data={[
                { value: 'short', label: 'Short of a norm' },
                { value: 'all', label: 'All mentees' },
              ]}
            />
          </Group>
          <DataTable
            label="Mentees"
            columns={menteeColumns(sheet.norms.minMeetingsPerSemester)}
            data={mentees}
            getRowId={(m) => m.assignmentId}
            sorting={menteeSort}
            onSortingChange={setMenteeSort}
            rowHeight={50}
            empty={
              <EmptyView title="Nobody is short" description="Every mentee meets the department’s norms." />
            }
          />
        </Stack>
      )}
    </QueryState>
  );
}

export function CompliancePage(): ReactElement {
  const { user } = useCurrentUser();
  const url = useUrlFilters();
  const multi = seesManyDepartments(user.role);
  const departmentId = multi ? url.get('department') || undefined : undefined;
  const templates = canCall(user.role, 'letters:save-template');
  const sheet =
    multi && !departmentId ? (
      <Text c="dimmed">Choose a department to see its compliance sheet.</Text>
    ) : (
      <Sheet key={departmentId ?? 'own'} departmentId={departmentId} />
    );
  return (
    <>
      <PageHeader
        title="Compliance"
        description={
          user.role === 'MENTOR'
            ? 'Your mentees against the department’s norms this semester.'
            : 'Who is short of the department’s mentoring norms this semester, and by how much.'
        }
        actions={
          multi && (
            <UrlDepartmentSelect
              aria-label="Department"
              placeholder="Choose a department"
              clearable={false}
              url={url}
              w={280}
            />
          )
        }
      />
      {templates ? (
        <Tabs defaultValue="sheet" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="sheet">Compliance sheet</Tabs.Tab>
            <Tabs.Tab value="letters">Letter templates</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="sheet">{sheet}</Tabs.Panel>
          <Tabs.Panel value="letters">
            {multi && !departmentId ? (
              <Text c="dimmed">Choose a department to manage its letter templates.</Text>
            ) : (
              <LetterTemplates departmentId={departmentId} />
            )}
          </Tabs.Panel>
        </Tabs>
      ) : (
        sheet
      )}
    </>
  );
}

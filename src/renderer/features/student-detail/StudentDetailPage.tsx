import type { ReactElement } from 'react';
import { Anchor, Badge, Button, Group, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { canCall, hasCapability } from '../../../shared/permissions.ts';
import type { StudentDetail } from '../../../shared/contract/students.contract.ts';
import { call } from '../../api.ts';
import { useCurrentUser } from '../../app/session.tsx';
import { IconArrowLeft, IconReport } from '../../components/icons.tsx';
import { QueryState } from '../../components/StateViews.tsx';
import { RiskBadge } from '../students/badges.tsx';
import { EditAcademicsButton, StudentFacts } from './Academics.tsx';
import { AlertsTab } from './AlertsTab.tsx';
import { AttachmentsTab } from './AttachmentsTab.tsx';
import { FeedbackTab } from './FeedbackTab.tsx';
import { GoalsTab } from './GoalsTab.tsx';
import { HandoverTab } from './HandoverTab.tsx';
import { NotesTab } from './NotesTab.tsx';
import { MentorHistoryTab } from './MentorHistoryTab.tsx';
import { SessionsTab } from './SessionsTab.tsx';
import { GuardiansTab } from '../guardians/GuardiansTab.tsx';
import { KudosButton } from '../kudos/KudosButton.tsx';

function Header({
  student,
  canEdit,
  canKudos,
}: {
  student: StudentDetail;
  canEdit: boolean;
  canKudos: boolean;
}): ReactElement {
  const navigate = useNavigate();
  const name = `${student.firstName} ${student.lastName}`;
  return (
    <Group justify="space-between" align="flex-end" mb="lg" wrap="nowrap">
      <Stack gap={4}>
        <Anchor component={Link} to="/students" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} /> Students
          </Group>
        </Anchor>
        <Group gap="sm">
          <Title order={1}>{name}</Title>
          <RiskBadge level={student.riskLevel} />
          {student.status !== 'ACTIVE' && (
            <Badge color={student.status === 'DISABLED' ? 'gray' : 'yellow'}>
              {student.status === 'DISABLED' ? 'Account disabled' : 'Invited, not signed in yet'}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {student.rollNumber}
          {student.program ? ` · ${student.program}` : ''}
          {student.yearOfStudy ? ` · Year ${student.yearOfStudy}` : ''}
          {student.departmentName ? ` · ${student.departmentName}` : ''}
        </Text>
      </Stack>
      <Group gap="sm" wrap="nowrap">
        {canEdit && <EditAcademicsButton student={student} />}
        {canKudos && <KudosButton studentId={student.id} studentName={name} />}
        <Button
          variant="default"
          leftSection={<IconReport size={16} />}
          onClick={() =>
            void navigate(
              `/reports?kind=student&student=${student.id}&studentName=${encodeURIComponent(`${name} · ${student.rollNumber}`)}`,
            )
          }
        >
          Student report (PDF)
        </Button>
      </Group>
    </Group>
  );
}

export function StudentDetailPage(): ReactElement {
  const { id = '' } = useParams();
  const { user } = useCurrentUser();
  const query = useQuery({ queryKey: ['students:get', id], queryFn: () => call('students:get', { id }) });
  const student = query.data;
  // A handover notification opens the record on its Handover tab (?tab=handover).
  const [search] = useSearchParams();
  const notes = canCall(user.role, 'notes:list');
  const handover = canCall(user.role, 'handover:summary');
  return (
    <QueryState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
      {student && (
        <>
          <Header
            student={student}
            canEdit={hasCapability(user.role, 'editAcademics')}
            canKudos={canCall(user.role, 'kudos:send')}
          />
          <StudentFacts student={student} />
          <Paper p="md">
            <Tabs defaultValue={search.get('tab') ?? 'mentors'} keepMounted={false}>
              <Tabs.List mb="md">
                <Tabs.Tab value="mentors">Mentor history</Tabs.Tab>
                <Tabs.Tab value="sessions">Sessions</Tabs.Tab>
                <Tabs.Tab value="goals">Goals</Tabs.Tab>
                <Tabs.Tab value="feedback">Feedback</Tabs.Tab>
                <Tabs.Tab value="alerts">Alerts</Tabs.Tab>
                <Tabs.Tab value="files">Files</Tabs.Tab>
                {canCall(user.role, 'guardians:list') && <Tabs.Tab value="guardians">Guardians</Tabs.Tab>}
                {notes && <Tabs.Tab value="notes">Notes</Tabs.Tab>}
                {handover && <Tabs.Tab value="handover">Handover</Tabs.Tab>}
              </Tabs.List>
              <Tabs.Panel value="mentors">
                <MentorHistoryTab student={student} canManage={canCall(user.role, 'assignments:assign')} />
              </Tabs.Panel>
              <Tabs.Panel value="sessions">
                <SessionsTab studentId={student.id} />
              </Tabs.Panel>
              <Tabs.Panel value="goals">
                <GoalsTab studentId={student.id} />
              </Tabs.Panel>
              <Tabs.Panel value="feedback">
                <FeedbackTab studentId={student.id} />
              </Tabs.Panel>
              <Tabs.Panel value="alerts">
                <AlertsTab studentId={student.id} />
              </Tabs.Panel>
              <Tabs.Panel value="files">
                <AttachmentsTab studentId={student.id} />
              </Tabs.Panel>
              <Tabs.Panel value="guardians">
                <GuardiansTab studentId={student.id} />
              </Tabs.Panel>
              {notes && (
                <Tabs.Panel value="notes">
                  <NotesTab studentId={student.id} canWrite={canCall(user.role, 'notes:create')} />
                </Tabs.Panel>
              )}
              {handover && (
                <Tabs.Panel value="handover">
                  <HandoverTab studentId={student.id} />
                </Tabs.Panel>
              )}
            </Tabs>
          </Paper>
        </>
      )}
    </QueryState>
  );
}

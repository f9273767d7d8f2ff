import type { ReactElement } from 'react';
import type { RoleName } from '../../shared/domain/enums.ts';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import {
  IconBell,
  IconBuilding,
  IconGauge,
  IconHistory,
  IconLayers,
  IconReport,
  IconUpload,
  IconCalendar,
  IconChecklist,
  IconClock,
  IconCloud,
  IconDatabase,
  IconDashboard,
  IconFlag,
  IconHome,
  IconInbox,
  IconKey,
  IconLink,
  IconMessage,
  IconNotebook,
  IconSchool,
  IconTarget,
  IconUserCheck,
  IconUsers,
} from '../components/icons.tsx';
import { AlertsPage } from '../features/alerts/AlertsPage.tsx';
import { AuditPage } from '../features/audit/AuditPage.tsx';
import { DepartmentsPage } from '../features/departments/DepartmentsPage.tsx';
import { InstitutionsPage } from '../features/institutions/InstitutionsPage.tsx';
import { ReportsPage } from '../features/reports/ReportsPage.tsx';
import { RiskSettingsPage } from '../features/risk-settings/RiskSettingsPage.tsx';
import { RosterImportPage } from '../features/roster-import/RosterImportPage.tsx';
import {
  DepartmentDashboardPage,
  OfficeDashboardPage,
} from '../features/dashboard-admin/OfficeDashboardPage.tsx';
import { AssignmentsPage } from '../features/assignments/AssignmentsPage.tsx';
import { MentorsPage } from '../features/mentors/MentorsPage.tsx';
import { PendingSessionsPage } from '../features/pending-sessions/PendingSessionsPage.tsx';
import { StudentDetailPage } from '../features/student-detail/StudentDetailPage.tsx';
import { StudentsPage } from '../features/students/StudentsPage.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { MentorDashboard } from '../features/dashboard-mentor/MentorDashboard.tsx';
import { StudentDashboard } from '../features/dashboard-student/StudentDashboard.tsx';
import { MenteesPage } from '../features/mentees/MenteesPage.tsx';
import { MenteePage } from '../features/mentees/MenteePage.tsx';
import { MyMentorPage } from '../features/my-mentor/MyMentorPage.tsx';
import { SessionsPage } from '../features/sessions/SessionsPage.tsx';
import { SessionDetailPage } from '../features/sessions/SessionDetailPage.tsx';
import { RequestsPage } from '../features/sessions/RequestsPage.tsx';
import { ExistingSessionFormPage, NewSessionPage } from '../features/session-form/SessionFormPage.tsx';
import { CalendarPage } from '../features/calendar/CalendarPage.tsx';
import { ActionItemsPage } from '../features/action-items/ActionItemsPage.tsx';
import { GoalsPage } from '../features/goals/GoalsPage.tsx';
import { FeedbackPage } from '../features/feedback/FeedbackPage.tsx';
import { NotificationsPage } from '../features/notifications/NotificationsPage.tsx';
import { SyncPage } from '../features/sync/SyncPage.tsx';
import { BackupsPage } from '../features/backups/BackupsPage.tsx';
import { CompliancePage } from '../features/compliance/CompliancePage.tsx';
import { DeliveryPrefsPage } from '../features/notifications/DeliveryPrefsPage.tsx';
import { OFFICE_ROLES, type NavItem } from './navigation.ts';

// Every signed-in page, once: its route, its place in the navigation, and the call it is built on
// (which decides the roles that see it). A feature's screens are added here when the feature lands.

export interface Page extends NavItem {
  icon: (props: { size?: number }) => ReactElement;
  element: ReactElement;
}

export const PAGES: readonly Page[] = [
  { path: '/', label: 'Home', section: 'main', icon: IconHome, element: <HomePage /> },
  // Mentor and student screens (each role's own calls decide who sees them).
  {
    path: '/mentor',
    label: 'Dashboard',
    call: 'dashboards:mentor',
    section: 'main',
    icon: IconDashboard,
    element: <MentorDashboard />,
  },
  {
    path: '/student',
    label: 'Dashboard',
    call: 'dashboards:student',
    section: 'main',
    icon: IconDashboard,
    element: <StudentDashboard />,
  },
  {
    path: '/mentees',
    label: 'My mentees',
    call: 'dashboards:mentor',
    section: 'main',
    icon: IconUsers,
    element: <MenteesPage />,
  },
  {
    path: '/mentees/:id',
    label: 'Mentee',
    call: 'dashboards:mentor',
    section: 'hidden',
    icon: IconUsers,
    element: <MenteePage />,
  },
  {
    path: '/my-mentor',
    label: 'My mentor',
    call: 'dashboards:student',
    section: 'main',
    icon: IconUserCheck,
    element: <MyMentorPage />,
  },
  {
    path: '/sessions',
    label: 'Sessions',
    call: 'sessions:record',
    section: 'main',
    icon: IconNotebook,
    element: <SessionsPage />,
  },
  {
    path: '/my-sessions',
    label: 'My sessions',
    call: 'sessions:request',
    section: 'main',
    icon: IconNotebook,
    element: <SessionsPage />,
  },
  {
    path: '/sessions/requests',
    label: 'Requests and pending',
    call: 'sessions:confirm',
    section: 'main',
    icon: IconInbox,
    element: <RequestsPage />,
  },
  {
    path: '/action-items',
    label: 'Action items',
    call: 'sessions:toggle-action-item',
    section: 'main',
    icon: IconChecklist,
    element: <ActionItemsPage />,
  },
  {
    path: '/sessions/new',
    label: 'New session',
    call: 'sessions:record',
    section: 'hidden',
    icon: IconNotebook,
    element: <NewSessionPage />,
  },
  {
    path: '/sessions/:id',
    label: 'Session',
    call: 'sessions:get',
    section: 'hidden',
    icon: IconNotebook,
    element: <SessionDetailPage />,
  },
  {
    path: '/sessions/:id/record',
    label: 'Record session',
    call: 'sessions:record',
    section: 'hidden',
    icon: IconNotebook,
    element: <ExistingSessionFormPage kind="complete" />,
  },
  {
    path: '/sessions/:id/edit',
    label: 'Edit session',
    call: 'sessions:update',
    section: 'hidden',
    icon: IconNotebook,
    element: <ExistingSessionFormPage kind="edit" />,
  },
  // Department office and administrators.
  {
    path: '/dashboard',
    label: 'Dashboard',
    call: 'dashboards:admin',
    section: 'main',
    icon: IconDashboard,
    element: <OfficeDashboardPage />,
  },
  {
    path: '/departments/:id/dashboard',
    label: 'Department dashboard',
    call: 'dashboards:department',
    section: 'hidden',
    icon: IconDashboard,
    element: <DepartmentDashboardPage />,
  },
  {
    path: '/students',
    label: 'Students',
    call: 'students:list',
    roles: OFFICE_ROLES,
    section: 'main',
    icon: IconSchool,
    element: <StudentsPage />,
  },
  {
    path: '/students/:id',
    label: 'Student',
    call: 'students:update-academics',
    section: 'hidden',
    icon: IconSchool,
    element: <StudentDetailPage />,
  },
  {
    path: '/mentors',
    label: 'Mentors',
    call: 'assignments:assign',
    section: 'main',
    icon: IconUserCheck,
    element: <MentorsPage />,
  },
  {
    path: '/assignments',
    label: 'Assignments',
    call: 'assignments:assign',
    section: 'main',
    icon: IconLink,
    element: <AssignmentsPage />,
  },
  {
    path: '/alerts',
    label: 'Alerts',
    call: 'alerts:list',
    roles: OFFICE_ROLES,
    section: 'main',
    icon: IconFlag,
    element: <AlertsPage />,
  },
  {
    path: '/pending-sessions',
    label: 'Pending sessions',
    // The office's chase list; a mentor sees its own pending sessions on its dashboard.
    call: 'assignments:assign',
    section: 'main',
    icon: IconClock,
    element: <PendingSessionsPage />,
  },
  {
    path: '/users',
    label: 'Users',
    call: 'users:list',
    section: 'main',
    icon: IconUsers,
    element: <UsersPage />,
  },
  {
    path: '/roster-import',
    label: 'Import roster',
    call: 'roster:commit',
    section: 'main',
    icon: IconUpload,
    element: <RosterImportPage />,
  },
  {
    path: '/reports',
    label: 'Reports',
    call: 'reports:department',
    section: 'main',
    icon: IconReport,
    element: <ReportsPage />,
  },
  {
    path: '/compliance',
    label: 'Compliance',
    call: 'compliance:sheet',
    section: 'main',
    icon: IconChecklist,
    element: <CompliancePage />,
  },
  {
    path: '/risk-thresholds',
    label: 'Risk thresholds',
    call: 'risk:set-thresholds',
    section: 'main',
    icon: IconGauge,
    element: <RiskSettingsPage />,
  },
  {
    path: '/institutions',
    label: 'Institutions',
    call: 'institutions:update',
    section: 'main',
    icon: IconBuilding,
    element: <InstitutionsPage />,
  },
  {
    path: '/departments',
    label: 'Departments',
    // A department office sees only its own department: the page is for those who add them.
    call: 'departments:create',
    section: 'main',
    icon: IconLayers,
    element: <DepartmentsPage />,
  },
  {
    path: '/audit',
    label: 'Audit log',
    call: 'audit:list',
    section: 'main',
    icon: IconHistory,
    element: <AuditPage />,
  },
  // Everybody, limited to their scope.
  {
    path: '/calendar',
    label: 'Calendar',
    call: 'sessions:calendar',
    section: 'main',
    icon: IconCalendar,
    element: <CalendarPage />,
  },
  {
    path: '/goals',
    label: 'Goals',
    call: 'goals:list',
    section: 'main',
    icon: IconTarget,
    element: <GoalsPage />,
  },
  {
    path: '/feedback',
    label: 'Feedback',
    call: 'feedback:list',
    section: 'main',
    icon: IconMessage,
    element: <FeedbackPage />,
  },
  {
    path: '/notifications',
    label: 'Notifications',
    call: 'notifications:list',
    section: 'account',
    icon: IconBell,
    element: <NotificationsPage />,
  },
  {
    path: '/settings/notifications',
    label: 'Notification delivery',
    call: 'notifications:set-prefs',
    section: 'account',
    icon: IconBell,
    element: <DeliveryPrefsPage />,
  },
  {
    path: '/sync',
    label: 'Sync',
    call: 'sync:status',
    section: 'account',
    icon: IconCloud,
    element: <SyncPage />,
  },
  {
    path: '/settings/backups',
    label: 'Backups',
    call: 'ops:backups',
    section: 'account',
    icon: IconDatabase,
    element: <BackupsPage />,
  },
  {
    path: '/account/password',
    label: 'Change password',
    call: 'auth:change-password',
    section: 'account',
    icon: IconKey,
    element: <ChangePasswordPage />,
  },
];

/** Roles whose home is their own dashboard: "/" opens it and the generic Home leaves the menu. */
export const ROLE_HOME: Partial<Record<RoleName, string>> = { MENTOR: '/mentor', STUDENT: '/student' };

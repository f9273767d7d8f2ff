import type { CONTRACT } from '../shared/contract/index.ts';
import type { HandlersFor } from './handler-types.ts';
import { authHandlers } from './auth/auth.service.ts';
import { setupHandlers } from './setup/setup.service.ts';
import { auditHandlers } from './audit/audit.service.ts';
import { departmentsHandlers } from './departments/departments.service.ts';
import { institutionsHandlers } from './institutions/institutions.service.ts';
import { mentorsHandlers } from './mentors/mentors.service.ts';
import { studentsHandlers } from './students/students.service.ts';
import { authAdminHandlers } from './users/reset.service.ts';
import { usersHandlers } from './users/users.service.ts';
import { syncHandlers } from './sync/sync.service.ts';
import { syncConnectionHandlers } from './sync/connection.service.ts';
import { reportsHandlers } from './reports/reports.service.ts';
import { rosterHandlers } from './roster/roster.service.ts';
import { exportsHandlers } from './roster/exports.service.ts';
import { assignmentsHandlers } from './assignments/assignments.service.ts';
import { sessionsHandlers } from './sessions/sessions.service.ts';
import { feedbackHandlers } from './feedback/feedback.service.ts';
import { goalsHandlers } from './goals/goals.service.ts';
import { riskHandlers } from './risk/risk.service.ts';
import { alertsHandlers } from './alerts/alerts.service.ts';
import { notificationsHandlers } from './notifications/notifications.service.ts';
import { attachmentsHandlers } from './attachments/attachments.service.ts';
import { dashboardsHandlers } from './dashboards/dashboards.service.ts';
import { demoHandlers } from './setup/demo.service.ts';
import { searchHandlers } from './search/search.service.ts';
import { opsHandlers } from './ops/ops.service.ts';
import { complianceHandlers } from './compliance/compliance.service.ts';
import { guardiansHandlers } from './guardians/guardians.service.ts';
import { kudosHandlers } from './kudos/kudos.service.ts';
import { notesHandlers } from './notes/notes.service.ts';
import { recordBooksHandlers } from './reports/record-books.service.ts';

/** Every call in the contract has exactly one handler; the type fails to compile otherwise. */
export const HANDLERS: HandlersFor<typeof CONTRACT> = {
  ...authHandlers,
  ...setupHandlers,
  ...authAdminHandlers,
  ...institutionsHandlers,
  ...departmentsHandlers,
  ...usersHandlers,
  ...studentsHandlers,
  ...mentorsHandlers,
  ...auditHandlers,
  ...syncHandlers,
  ...syncConnectionHandlers,
  ...reportsHandlers,
  ...rosterHandlers,
  ...exportsHandlers,
  ...assignmentsHandlers,
  ...sessionsHandlers,
  ...feedbackHandlers,
  ...goalsHandlers,
  ...riskHandlers,
  ...alertsHandlers,
  ...notificationsHandlers,
  ...attachmentsHandlers,
  ...dashboardsHandlers,
  ...demoHandlers,
  ...searchHandlers,
  ...opsHandlers,
  ...complianceHandlers,
  ...guardiansHandlers,
  ...kudosHandlers,
  ...notesHandlers,
  ...recordBooksHandlers,
};

import type { z } from 'zod';
import type { CallDef } from './define.ts';
import { authContract } from './auth.contract.ts';
import { setupContract } from './setup.contract.ts';
import { authAdminContract } from './auth-admin.contract.ts';
import { auditContract } from './audit.contract.ts';
import { departmentsContract } from './departments.contract.ts';
import { institutionsContract } from './institutions.contract.ts';
import { mentorsContract } from './mentors.contract.ts';
import { studentsContract } from './students.contract.ts';
import { usersContract } from './users.contract.ts';
import { syncContract } from './sync.contract.ts';
import { syncConnectionContract } from './sync-connection.contract.ts';
import { reportsContract } from './reports.contract.ts';
import { rosterContract } from './roster.contract.ts';
import { exportsContract } from './exports.contract.ts';
import { assignmentsContract } from './assignments.contract.ts';
import { sessionsContract } from './sessions.contract.ts';
import { feedbackContract } from './feedback.contract.ts';
import { goalsContract } from './goals.contract.ts';
import { riskContract } from './risk.contract.ts';
import { alertsContract } from './alerts.contract.ts';
import { notificationsContract } from './notifications.contract.ts';
import { attachmentsContract } from './attachments.contract.ts';
import { dashboardsContract } from './dashboards.contract.ts';
import { demoContract } from './demo.contract.ts';
import { searchContract } from './search.contract.ts';
import { opsContract } from './ops.contract.ts';
import { complianceContract } from './compliance.contract.ts';
import { guardiansContract } from './guardians.contract.ts';
import { kudosContract } from './kudos.contract.ts';
import { notesContract } from './notes.contract.ts';
import { recordBooksContract } from './record-books.contract.ts';

// The whole contract: one map from call name (`feature:verb`) to its definition. Each feature keeps
// its calls in `<feature>.contract.ts` and is spread in here. Preload allowlist, main-side parsing
// and the renderer's typed `call` all derive from this object; no call name is written twice.
export const CONTRACT = {
  ...authContract,
  ...setupContract,
  ...authAdminContract,
  ...institutionsContract,
  ...departmentsContract,
  ...usersContract,
  ...studentsContract,
  ...mentorsContract,
  ...auditContract,
  ...syncContract,
  ...syncConnectionContract,
  ...reportsContract,
  ...rosterContract,
  ...exportsContract,
  ...assignmentsContract,
  ...sessionsContract,
  ...feedbackContract,
  ...goalsContract,
  ...riskContract,
  ...alertsContract,
  ...notificationsContract,
  ...attachmentsContract,
  ...dashboardsContract,
  ...demoContract,
  ...searchContract,
  ...opsContract,
  ...complianceContract,
  ...guardiansContract,
  ...kudosContract,
  ...notesContract,
  ...recordBooksContract,
} satisfies Record<string, CallDef>;

export type Contract = typeof CONTRACT;
export type CallName = keyof Contract & string;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;
export const CALL_NAMES = Object.keys(CONTRACT) as CallName[];

import type { Actor } from '../context.ts';
import { isAdminRole } from '../auth/actor.ts';
import { scopeFeedback, scopeSessions, type Predicate } from '../scope/index.ts';

/**
 * scopeFeedback for a query that already joins each feedback row's session. For admins,
 * scopeFeedback is "the feedback's session is in scope" (mentoring.scope.ts); stated on the joined
 * session it is the same rule, and SQLite then plans it from the session's own indexes instead of
 * materialising every session id in the department for each query (≈0.5 s at 58,000 sessions).
 * Mentors and students keep scopeFeedback itself: their rule is about giver, recipient and
 * visibility. tests/reports/feedback-scope.test.ts proves both forms select the same rows.
 */
export function feedbackInScope(actor: Actor, feedbackAlias: string, sessionAlias: string): Predicate {
  return isAdminRole(actor.role) ? scopeSessions(actor, sessionAlias) : scopeFeedback(actor, feedbackAlias);
}

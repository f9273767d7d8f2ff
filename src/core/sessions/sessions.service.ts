import type { sessionsContract } from '../../shared/contract/sessions.contract.ts';
import type { HandlersFor } from '../handler-types.ts';
import { getSession } from './sessions-access.ts';
import { cancel, confirm, request, reschedule, schedule } from './sessions-plan.service.ts';
import { complete, record, setNextMeeting, toggleActionItem, update } from './sessions-record.service.ts';
import { calendar, listSessions, pendingSessions } from './sessions.repo.ts';

// Mentoring sessions (issue 4 item 2). Every read goes through scopeSessions (a mentor keeps
// read-only access to what it recorded on ENDED assignments); writes through the writable scopes.

export const sessionsHandlers: HandlersFor<typeof sessionsContract> = {
  'sessions:schedule': schedule,
  'sessions:record': record,
  'sessions:update': update,
  'sessions:complete': complete,
  'sessions:cancel': cancel,
  'sessions:reschedule': reschedule,
  'sessions:set-next-meeting': setNextMeeting,
  'sessions:request': request,
  'sessions:confirm': confirm,
  'sessions:toggle-action-item': toggleActionItem,
  'sessions:list': (ctx, input) => listSessions(ctx.db, ctx.actor, input),
  'sessions:calendar': (ctx, input) => calendar(ctx.db, ctx.actor, input),
  'sessions:get': (ctx, input) => getSession(ctx, input.id),
  'sessions:history': (ctx, input) => listSessions(ctx.db, ctx.actor, input),
  'sessions:pending': (ctx, input) => pendingSessions(ctx.db, ctx.actor, { ...input, now: ctx.now }),
};

import type { CONTRACT } from '../shared/contract/index.ts';
import type { HandlersFor } from './handler-types.ts';
import { authHandlers } from './auth/auth.service.ts';
import { setupHandlers } from './setup/setup.service.ts';

/** Every call in the contract has exactly one handler; the type fails to compile otherwise. */
export const HANDLERS: HandlersFor<typeof CONTRACT> = {
  ...authHandlers,
  ...setupHandlers,
};

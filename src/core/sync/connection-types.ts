import type {
  ConnectionFields,
  ConnectionTestDto,
  ConnectionViewDto,
  JoinInput,
  SyncSummaryDto,
} from '../../shared/contract/sync-connection.contract.ts';
import type { CurrentUser } from '../../shared/domain/user.ts';
import type { Actor, SessionState } from '../context.ts';

export interface JoinResult {
  user: CurrentUser;
  idleTimeoutMinutes: number;
  institution: { name: string; code: string };
  sync: SyncSummaryDto;
  message: string;
}

/**
 * What the sync:* connection calls need from the shell that owns this computer's central connection
 * (connection.ts implements it). Absent in cores built without one (CLI, RBAC tests): the calls say so.
 */
export interface SyncControl {
  getConnection(): Promise<ConnectionViewDto>;
  testConnection(fields: ConnectionFields): Promise<ConnectionTestDto>;
  setConnection(
    fields: ConnectionFields,
    actor: Actor,
  ): Promise<{
    plan: ConnectionTestDto['plan'] & string;
    uploaded: { table: string; rows: number }[];
    sync: SyncSummaryDto | null;
    message: string;
  }>;
  /** A fresh install joins central as the person signing in; signs `session` in when done. */
  join(input: JoinInput, session: SessionState): Promise<JoinResult>;
  disconnect(): Promise<{ pending: number }>;
  syncNow(): Promise<SyncSummaryDto>;
}

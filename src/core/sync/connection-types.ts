import type {
  ConnectionFields,
  ConnectionTestDto,
  ConnectionViewDto,
  SyncSummaryDto,
} from '../../shared/contract/sync-connection.contract.ts';
import type { Actor } from '../context.ts';

/**
 * What the sync:* connection calls need from the shell that owns this computer's central connection
 * (connection.ts implements it). Absent in cores built without one (CLI, RBAC tests): the calls say so.
 */
export interface SyncControl {
  getConnection(): Promise<ConnectionViewDto>;
  testConnection(fields: ConnectionFields, actor: Actor): Promise<ConnectionTestDto>;
  setConnection(
    fields: ConnectionFields,
    actor: Actor,
  ): Promise<{
    plan: ConnectionTestDto['plan'] & string;
    uploaded: { table: string; rows: number }[];
    sync: SyncSummaryDto | null;
    message: string;
  }>;
  disconnect(): Promise<{ pending: number }>;
  syncNow(): Promise<SyncSummaryDto>;
}

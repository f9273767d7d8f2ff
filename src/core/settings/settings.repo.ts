import type { Kysely } from 'kysely';
import {
  DEFAULT_RISK_THRESHOLDS,
  riskThresholds,
  type RiskThresholds,
} from '../../shared/contract/risk.contract.ts';
import type { Database } from '../db/schema.ts';
import { careDb } from './settings.tables.ts';

export interface StoredThresholds {
  thresholds: RiskThresholds;
  isDefault: boolean;
  updatedAt: string | null;
  updatedById: string | null;
}

/**
 * Stored JSON merged over the defaults rule by rule, so a rule added in a later version starts at
 * its default. A value that no longer parses (edited by hand in SQL) falls back to the defaults
 * for that rule rather than breaking every write that evaluates risk.
 */
export function parseThresholds(text: string | null): RiskThresholds {
  if (!text) return DEFAULT_RISK_THRESHOLDS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return DEFAULT_RISK_THRESHOLDS;
  }
  if (raw === null || typeof raw !== 'object') return DEFAULT_RISK_THRESHOLDS;
  const merged: Record<string, unknown> = { ...DEFAULT_RISK_THRESHOLDS };
  for (const key of Object.keys(DEFAULT_RISK_THRESHOLDS) as (keyof RiskThresholds)[]) {
    const one = riskThresholds.shape[key].safeParse((raw as Record<string, unknown>)[key]);
    if (one.success) merged[key] = one.data;
  }
  return merged as RiskThresholds;
}

export async function readThresholds(db: Kysely<Database>, departmentId: string): Promise<StoredThresholds> {
  const row = await careDb(db)
    .selectFrom('department_settings')
    .select(['riskThresholds', 'updatedAt', 'updatedById'])
    .where('departmentId', '=', departmentId)
    .executeTakeFirst();
  if (!row)
    return { thresholds: DEFAULT_RISK_THRESHOLDS, isDefault: true, updatedAt: null, updatedById: null };
  return {
    thresholds: parseThresholds(row.riskThresholds),
    isDefault: false,
    updatedAt: row.updatedAt,
    updatedById: row.updatedById,
  };
}

/** Thresholds of several departments at once (missing departments get the defaults). */
export async function readThresholdsMany(
  db: Kysely<Database>,
  departmentIds: readonly string[],
): Promise<Map<string, RiskThresholds>> {
  const out = new Map<string, RiskThresholds>();
  if (departmentIds.length === 0) return out;
  const rows = await careDb(db)
    .selectFrom('department_settings')
    .select(['departmentId', 'riskThresholds'])
    .where('departmentId', 'in', [...departmentIds])
    .execute();
  for (const r of rows) out.set(r.departmentId, parseThresholds(r.riskThresholds));
  return out;
}

export async function writeThresholds(
  db: Kysely<Database>,
  departmentId: string,
  thresholds: RiskThresholds,
  by: string,
  now: string,
): Promise<void> {
  const cdb = careDb(db);
  const json = JSON.stringify(thresholds);
  const updated = await cdb
    .updateTable('department_settings')
    .set({ riskThresholds: json, updatedById: by, updatedAt: now })
    .where('departmentId', '=', departmentId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await cdb
    .insertInto('department_settings')
    .values({ departmentId, riskThresholds: json, updatedById: by, createdAt: now, updatedAt: now })
    .execute();
}

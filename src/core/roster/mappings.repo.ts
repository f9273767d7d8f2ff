import type { Kysely } from 'kysely';
import type { Database, IsoDateTime, JsonText } from '../db/schema.ts';
import type { ColumnMapping, RosterKind } from './mapping.ts';

// roster_mappings (migration 0006): the mapping a department last committed, per roster kind.
// Typed here, not in db/schema.ts, so the seed description stays exactly the seed.

interface RosterMappingsTable {
  departmentId: string;
  kind: string;
  mapping: JsonText;
  updatedById: string | null;
  createdAt: IsoDateTime | undefined;
  updatedAt: IsoDateTime;
}

// A type alias, not an interface: withTables needs the implicit index signature.
type RosterTables = { roster_mappings: RosterMappingsTable };

const rosterDb = (db: Kysely<Database>): Kysely<Database & RosterTables> => db.withTables<RosterTables>();

export interface SavedMapping {
  mapping: ColumnMapping;
  updatedAt: string;
}

/** Only string → string pairs survive: a row edited by hand in SQL cannot break an import. */
function parseMapping(text: string): ColumnMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

export async function readMapping(
  db: Kysely<Database>,
  departmentId: string,
  kind: RosterKind,
): Promise<SavedMapping | null> {
  const row = await rosterDb(db)
    .selectFrom('roster_mappings')
    .select(['mapping', 'updatedAt'])
    .where('departmentId', '=', departmentId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? { mapping: parseMapping(row.mapping), updatedAt: row.updatedAt } : null;
}

export async function saveMapping(
  db: Kysely<Database>,
  row: { departmentId: string; kind: RosterKind; mapping: ColumnMapping; userId: string; now: string },
): Promise<void> {
  const rdb = rosterDb(db);
  const mapping = JSON.stringify(row.mapping);
  // Update first, insert when missing: one statement shape on both dialects (no upsert syntax).
  const updated = await rdb
    .updateTable('roster_mappings')
    .set({ mapping, updatedById: row.userId, updatedAt: row.now })
    .where('departmentId', '=', row.departmentId)
    .where('kind', '=', row.kind)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await rdb
    .insertInto('roster_mappings')
    .values({
      departmentId: row.departmentId,
      kind: row.kind,
      mapping,
      updatedById: row.userId,
      createdAt: row.now,
      updatedAt: row.now,
    })
    .execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { centralIdsByLink, localIdsByLink } from './rows.ts';
import type { SyncScope } from './scope.ts';
import { LINKS, type SyncedTable } from './tables.ts';

// Rows whose scope changed although they did not (decision 7). When a row that others hang on enters
// or leaves the cache (a student moves department, an assignment ends, a session is deleted), the rows
// hanging on it are re-judged: their ids are gathered from central (through the scope) and from the
// cache along the links in tables.ts, then resolved by id like any changed row. Deleted parents also
// follow the non-scope links, because MySQL applies ON DELETE CASCADE / SET NULL without triggers.

export type IdSets = Map<SyncedTable, Set<string>>;

export function addId(sets: IdSets, table: SyncedTable, id: string): boolean {
  let s = sets.get(table);
  if (!s) sets.set(table, (s = new Set()));
  if (s.has(id)) return false;
  s.add(id);
  return true;
}

export interface Roots {
  /** Rows that entered or left the cache, or whose user's links changed: follow scope links. */
  scope: IdSets;
  /** Rows deleted on central: follow every link once (cascades), then scope links. */
  deleted: IdSets;
}

interface Frontier {
  table: SyncedTable;
  ids: string[];
  allLinks: boolean;
}

/** Ids of every cached or in-scope central row hanging (transitively) on the roots. */
export async function descendants(
  centralDb: Kysely<Database>,
  localDb: Kysely<Database>,
  scope: SyncScope,
  roots: Roots,
): Promise<IdSets> {
  const found: IdSets = new Map();
  let frontier: Frontier[] = [
    ...[...roots.scope].map(([table, ids]) => ({ table, ids: [...ids], allLinks: false })),
    ...[...roots.deleted].map(([table, ids]) => ({ table, ids: [...ids], allLinks: true })),
  ].filter((f) => f.ids.length > 0);
  while (frontier.length > 0) {
    const next: Frontier[] = [];
    for (const f of frontier) {
      for (const link of LINKS) {
        if (link.parent !== f.table || (!link.scope && !f.allLinks)) continue;
        const [remote, cached] = await Promise.all([
          centralIdsByLink(centralDb, scope, link, f.ids),
          localIdsByLink(localDb, link, f.ids),
        ]);
        const fresh = [...remote, ...cached].filter((id) => addId(found, link.child, id));
        if (fresh.length > 0) next.push({ table: link.child, ids: fresh, allLinks: false });
      }
    }
    frontier = next;
  }
  return found;
}

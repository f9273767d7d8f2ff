import type { Kysely } from 'kysely';
import { recordedStatus } from '../db/migrate.ts';
import type { Database } from '../db/schema.ts';

// A laptop and central must run the same schema steps: a laptop upgraded before IT migrated central
// would otherwise fail every round on a missing column (migration 0017's sync_changes.parentId) with
// a raw SQL message, and one older than central could read rows it does not understand. Connecting
// refuses both (connection-upload.ts planConnect); this checks a laptop that is already connected,
// once per central connection pool, on the round's second connection beside the roles check.

/** Central's schema is not this build's: nothing is synced, local work stays queued. */
export class CentralSchemaError extends Error {
  override name = 'CentralSchemaError';
}

export async function checkCentralSchema(db: Kysely<Database>): Promise<void> {
  const status = await recordedStatus(db);
  if (status.pending.length > 0) {
    throw new CentralSchemaError(
      'The central database is behind this version of SMMS. Ask IT to run "smms migrate" on it; until then your changes stay on this computer.',
    );
  }
  if (status.unknown.length > 0) {
    throw new CentralSchemaError(
      'The central database was upgraded by a newer SMMS. Update this app to sync again; until then your changes stay on this computer.',
    );
  }
}

import type { Insertable, Kysely } from 'kysely';
import type { Database, SeedTables } from '../db/schema.ts';

/** The tables demo data fills, parents before children (the order rows must reach the database). */
export const DEMO_TABLES = [
  'institutions',
  'departments',
  'users',
  'user_profiles',
  'mentor_profiles',
  'student_profiles',
  'mentor_assignments',
  'session_records',
  'session_feedback',
  'goals',
  'goal_updates',
  'alerts',
  'notifications',
  'audit_logs',
] as const satisfies readonly (keyof SeedTables)[];

export type DemoTable = (typeof DEMO_TABLES)[number];
export type DemoRow<T extends DemoTable> = Insertable<SeedTables[T]>;
export type TableCounts = Record<DemoTable, number>;

// SQLite refuses statements with more than 32,766 bound values; stay well under it.
const MAX_PARAMS = 30_000;

/**
 * Buffers generated rows per table and writes them as multi-row INSERTs. A flush writes every
 * table in DEMO_TABLES order, so a child row never reaches the database before its parent and the
 * foreign keys stay switched on. Memory stays bounded by the batch size, whatever the scale.
 */
export class BatchWriter {
  readonly counts: TableCounts = Object.fromEntries(DEMO_TABLES.map((t) => [t, 0])) as TableCounts;
  readonly #buffers = new Map<DemoTable, object[]>(DEMO_TABLES.map((t) => [t, []]));
  #pending = 0;

  constructor(readonly batchSize: number = 1000) {}

  add<T extends DemoTable>(table: T, row: DemoRow<T>): void {
    this.#buffers.get(table)!.push(row);
    this.#pending++;
  }

  /** True once some table has a full batch waiting. */
  get full(): boolean {
    if (this.#pending < this.batchSize) return false;
    for (const rows of this.#buffers.values()) if (rows.length >= this.batchSize) return true;
    return false;
  }

  async flush(db: Kysely<Database>): Promise<void> {
    for (const table of DEMO_TABLES) {
      const rows = this.#buffers.get(table)!;
      if (rows.length === 0) continue;
      const perInsert = Math.max(1, Math.min(this.batchSize, Math.floor(MAX_PARAMS / columnCount(rows))));
      for (let i = 0; i < rows.length; i += perInsert) {
        const chunk = rows.slice(i, i + perInsert);
        // The buffer for `table` only ever receives DemoRow<table> (see add), so this cast is sound.
        await db
          .insertInto(table)
          .values(chunk as DemoRow<'users'>[])
          .execute();
      }
      this.counts[table] += rows.length;
      this.#buffers.set(table, []);
    }
    this.#pending = 0;
  }
}

function columnCount(rows: object[]): number {
  return Math.max(1, Object.keys(rows[0]!).length);
}

import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import { isSqlite } from './dialect.ts';
import type { Database } from './schema.ts';

// Multi-row inserts for the bulk writers (roster import, the risk run after it, their audit rows and
// notifications). Kysely builds and compiles a syntax tree node per value: for 500 rows × 10 columns
// that is most of the cost of the statement, and the garbage it leaves is most of the rest. On
// SQLite the statement text is written here directly (same text for every full chunk, so the
// connection's statement cache prepares it once) and the values are bound as they are. MariaDB keeps
// Kysely's path: its plugins (ISO → DATETIME) must see the values.

const CHUNK = 500;

type Value = string | number | bigint | Buffer | null;

function bindable(v: unknown): Value {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as Value;
}

export async function bulkInsert<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  chunk = CHUNK,
): Promise<void> {
  if (rows.length === 0) return;
  if (!isSqlite(db)) {
    for (let i = 0; i < rows.length; i += chunk) {
      // Kysely cannot narrow the row type of a table named by a type parameter.
      const chunkRows = rows.slice(i, i + chunk) as Parameters<
        ReturnType<typeof db.insertInto<T>>['values']
      >[0];
      await db.insertInto(table).values(chunkRows).execute();
    }
    return;
  }
  const columns = Object.keys(rows[0]!);
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk) as Record<string, unknown>[];
    const params: Value[] = [];
    for (const r of part) for (const c of columns) params.push(bindable(r[c]));
    const text = head + Array.from({ length: part.length }, () => tuple).join(', ');
    await db.executeQuery(CompiledQuery.raw(text, params));
  }
}

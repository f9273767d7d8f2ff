import { connect } from '../core/db/connect.ts';
import { ensureMysqlDatabase, migrateToLatest } from '../core/db/migrate.ts';
import { parseDbUrl, redactUrl } from '../core/db/url.ts';

// Placeholder: the full CLI (verbs, --help on each, demo) lands with the foundation issue.
export async function main(argv: string[]): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb !== 'migrate') {
    console.error('usage: smms migrate --db <url>');
    return 1;
  }
  const i = rest.indexOf('--db');
  const raw = i >= 0 ? rest[i + 1] : undefined;
  if (!raw) {
    console.error('smms migrate: --db <url> is required');
    return 1;
  }
  const url = parseDbUrl(raw);
  if (url.kind === 'mysql') await ensureMysqlDatabase(url);
  const db = connect(url);
  try {
    const r = await migrateToLatest(db);
    console.log(r.alreadyCurrent ? `${redactUrl(raw)}: already up to date` : `applied ${r.applied.join(', ')}`);
    return 0;
  } finally {
    await db.close();
  }
}

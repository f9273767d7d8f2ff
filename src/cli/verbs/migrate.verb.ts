import { LATEST_SCHEMA, migrateToLatest } from '../../core/db/migrate.ts';
import { DB_OPTION, dbUrlArg, withDatabase } from '../database.ts';
import type { Verb } from '../verb.ts';

export const migrateVerb: Verb = {
  name: 'migrate',
  summary: 'Create or upgrade the database schema',
  usage: 'smms migrate --db <url>',
  description: [
    'Brings the database to the schema this version of SMMS uses. On MySQL/MariaDB it first creates',
    'the database (utf8mb4) if it is missing, so run it with an account that has DDL rights. Running',
    'it again is harmless ("already up to date"); a database upgraded by a newer SMMS is refused and',
    'left untouched. An existing SMMS database from the original system is adopted as it is.',
  ].join('\n'),
  options: { db: DB_OPTION },
  examples: [
    'smms migrate --db sqlite:data/smms.sqlite',
    'smms migrate --db mysql://admin:secret@db-host:3306/smms',
  ],
  async run(values, io) {
    const raw = dbUrlArg(values.db, 'migrate');
    return withDatabase(raw, { createMysqlDatabase: true }, async ({ db, label, created }) => {
      if (created) io.out(`Created database "${db.url.kind === 'mysql' ? db.url.database : ''}".`);
      const result = await migrateToLatest(db, {
        onStep: (name, i, total) => io.err(`applying ${name} (${i + 1}/${total})`),
      });
      if (result.alreadyCurrent) {
        io.out(`${label}: already up to date (schema ${LATEST_SCHEMA}).`);
      } else {
        io.out(`${label}: applied ${result.applied.length} schema step(s):`);
        for (const name of result.applied) io.out(`  ${name}`);
      }
      return 0;
    });
  },
};

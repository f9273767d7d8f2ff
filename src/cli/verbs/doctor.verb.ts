import { parseDbUrl, redactUrl } from '../../core/db/url.ts';
import { doctorCentral } from '../../core/ops/doctor-central.ts';
import { doctorLocal, exitCodeOf, formatReport, type Check } from '../../core/ops/doctor.ts';
import { sqlitePathOf } from '../../core/ops/sqlite-file.ts';
import { CliError, type Verb } from '../verb.ts';

// `smms doctor`: one report a department office can read out on the phone.

export const doctorVerb: Verb = {
  name: 'doctor',
  summary: 'Check a database (and central): integrity, schema, triggers, grants, clock, backups',
  usage: 'smms doctor --db <url> [--central mysql://...] [--json]',
  description: [
    'Local SQLite (--db sqlite:<file>): opens the file read-only and checks integrity_check, the schema',
    'version, WAL mode, sync state, backups and free disk space. Nothing is written.',
    'Central MySQL/MariaDB (--db or --central mysql://...): connection and TLS, schema version, the',
    'change-capture triggers, the account’s rights compared with what the app needs (smms',
    'central:grants), clock skew against this computer, and whether the binary log settings allow',
    'smms migrate to create triggers (log_bin_trust_function_creators).',
    '',
    'Exit code: 0 everything in order, 1 at least one problem, 2 only warnings.',
  ].join('\n'),
  options: {
    db: { type: 'string', value: '<url>', help: 'sqlite:<file> or mysql://... (or set SMMS_DB).' },
    central: { type: 'string', value: '<url>', help: 'Also check this central database (or SMMS_CENTRAL).' },
    json: { type: 'boolean', help: 'Print the checks as JSON.' },
  },
  examples: [
    'smms doctor --db sqlite:smms.sqlite',
    'smms doctor --db sqlite:smms.sqlite --central mysql://smms_app:pw@db-host:3306/smms?ssl=true',
  ],
  async run(values, io) {
    const dbRaw = typeof values.db === 'string' ? values.db : process.env.SMMS_DB;
    const centralRaw = typeof values.central === 'string' ? values.central : process.env.SMMS_CENTRAL;
    if (!dbRaw && !centralRaw)
      throw new CliError('smms doctor: --db <url> is required. See smms doctor --help.');
    const checks: Check[] = [];
    const labels: Partial<Record<Check['area'], string>> = {};
    const localPath = dbRaw ? sqlitePathOf(dbRaw) : null;
    if (localPath) {
      labels.local = localPath;
      checks.push(...doctorLocal(localPath));
    }
    const central = [dbRaw && !localPath ? dbRaw : undefined, centralRaw].find(Boolean);
    if (central) {
      const url = parseDbUrl(central);
      if (url.kind !== 'mysql') throw new CliError('smms doctor: --central must be a mysql:// URL.');
      labels.central = redactUrl(central);
      checks.push(...(await doctorCentral(url)));
    }
    if (values.json) io.out(JSON.stringify({ checks, exitCode: exitCodeOf(checks) }, null, 2));
    else io.out(formatReport(checks, labels));
    return exitCodeOf(checks);
  },
};

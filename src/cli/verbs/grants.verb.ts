import { parseDbUrl, redactUrl } from '../../core/db/url.ts';
import { applyGrants } from '../../core/ops/grants-apply.ts';
import {
  generatePassword,
  grantsSql,
  GrantsInputError,
  personUserName,
  type Account,
  type GrantsPlan,
} from '../../core/ops/grants.ts';
import { friendlyMessage } from '../errors.ts';
import { CliError, type Io, type ParsedValues, type Verb } from '../verb.ts';

// `smms central:grants`: the SQL for the least-privilege central accounts (SYNC.md), printed for a
// DBA to read and run, or applied straight away with an administrator's URL.

const text = (v: ParsedValues[string]): string | undefined => (typeof v === 'string' && v ? v : undefined);

function account(user: string, envName: string): Account {
  return { user, password: process.env[envName] || generatePassword() };
}

function planFrom(values: ParsedValues, adminDatabase: string | undefined): GrantsPlan {
  const database = text(values.database) ?? adminDatabase;
  if (!database) {
    throw new CliError(
      'smms central:grants: --database <name> is required (or give --admin with a database).',
    );
  }
  const emails = (text(values.user) ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return {
    database,
    host: text(values.host) ?? '%',
    requireSsl: values['require-ssl'] === true,
    app: account(text(values['app-user']) ?? 'smms_app', 'SMMS_APP_PASSWORD'),
    migrate: account(text(values['migrate-user']) ?? 'smms_migrate', 'SMMS_MIGRATE_PASSWORD'),
    people: emails.map((email) => ({ email, user: personUserName(email), password: generatePassword() })),
  };
}

function printUrls(io: Io, plan: GrantsPlan, server: string, only?: ReadonlySet<string>): void {
  const ssl = plan.requireSsl ? '?ssl=true' : '';
  for (const a of [plan.migrate, plan.app, ...plan.people]) {
    if (only && !only.has(a.user)) {
      io.out(`  ${a.user}: already existed; its password was not changed.`);
      continue;
    }
    io.out(`  ${a.user}: mysql://${a.user}:${a.password}@${server}/${plan.database}${ssl}`);
  }
}

export const grantsVerb: Verb = {
  name: 'central:grants',
  summary: 'Print (or apply) the SQL for least-privilege central MySQL accounts: app, migration, per person',
  usage: 'smms central:grants --database <name> [--user <email>[,<email>]] [--admin mysql://admin@host/db]',
  description: [
    'Creates two accounts on the central server: the app account every laptop and office PC uses',
    '(SELECT/INSERT/UPDATE/DELETE on the app tables, only SELECT and INSERT on audit_logs, read-only',
    'change log, no DDL) and a migration account for smms migrate (DDL and TRIGGER on the database).',
    '--user adds a personal account with the app account’s rights for each email (an SMMS user), so one',
    'person can be shut out without changing everybody’s password. Scope (which rows someone may see)',
    'is still enforced by the app, not by MySQL.',
    '',
    'Without --admin the SQL is printed for a DBA to review and run (after smms migrate: grants are per',
    'table). With --admin it is run at once and the connection URLs are printed. Accounts that already',
    'exist keep their password unless --reset-passwords; their rights are re-granted exactly. Run it',
    'again after each upgrade that adds tables. Passwords are generated, or taken from',
    'SMMS_APP_PASSWORD / SMMS_MIGRATE_PASSWORD.',
  ].join('\n'),
  options: {
    database: {
      type: 'string',
      value: '<name>',
      help: 'The central database (default: the one in --admin).',
    },
    admin: {
      type: 'string',
      value: '<url>',
      help: 'Apply now as this administrator (mysql://root:pw@host/db).',
    },
    host: { type: 'string', value: '<pattern>', help: 'Where the accounts may connect from (default %).' },
    user: {
      type: 'string',
      value: '<emails>',
      help: 'Personal accounts for these SMMS users (comma-separated).',
    },
    'app-user': { type: 'string', value: '<name>', help: 'App account name (default smms_app).' },
    'migrate-user': {
      type: 'string',
      value: '<name>',
      help: 'Migration account name (default smms_migrate).',
    },
    'require-ssl': { type: 'boolean', help: 'The accounts may only connect over TLS.' },
    'reset-passwords': { type: 'boolean', help: 'Give existing accounts the new passwords too.' },
  },
  examples: [
    'smms central:grants --database smms --host 10.20.% > grants.sql',
    'smms central:grants --admin mysql://root:secret@db-host:3306/smms --require-ssl',
    'smms central:grants --admin mysql://root:secret@db-host:3306/smms --user hod.cse@college.edu',
  ],
  async run(values, io) {
    const adminRaw = text(values.admin);
    const admin = adminRaw ? parseDbUrl(adminRaw) : undefined;
    if (admin && admin.kind !== 'mysql')
      throw new CliError('smms central:grants: --admin must be a mysql:// URL.');
    try {
      const plan = planFrom(values, admin?.kind === 'mysql' ? admin.database : undefined);
      const reset = values['reset-passwords'] === true;
      if (!admin || admin.kind !== 'mysql') {
        io.out(
          `-- SMMS central accounts for database ${plan.database}. Run as an administrator, after smms migrate.`,
        );
        for (const line of grantsSql(plan, { resetPasswords: reset })) io.out(line);
        io.err('Connection URLs (keep them safe; accounts that already exist keep their old password):');
        printUrls({ out: io.err, err: io.err }, plan, '<host>:3306');
        return 0;
      }
      const r = await applyGrants(admin, plan, { resetPasswords: reset });
      io.out(
        `Applied ${r.statements.filter((s) => !s.startsWith('--')).length} statements on ${redactUrl(adminRaw!)}.`,
      );
      printUrls(io, plan, `${admin.host}:${admin.port}`, reset ? undefined : new Set(r.created));
      for (const w of r.warnings) io.err(`warning: ${w}`);
      return 0;
    } catch (err) {
      if (err instanceof GrantsInputError) throw new CliError(`smms central:grants: ${err.message}`);
      const message = friendlyMessage(err, admin);
      if (message !== null) throw new CliError(message);
      throw err;
    }
  },
};

import { createHash, randomBytes } from 'node:crypto';

// Least-privilege MySQL/MariaDB accounts for central (SYNC.md "Credentials and transport"):
// - the app account every laptop uses: DML on the app's tables, INSERT/SELECT only on audit_logs
//   (the trail is append-only even for the app), read-only on the change log, no DDL at all;
// - a separate migration account for `smms migrate`: DDL and TRIGGER on the database;
// - optional per-person accounts with the app's rights, so one lost laptop can be shut out without
//   changing everybody's password, and the server's logs name the person.
// Grants are per table, so MySQL cannot give "everything except UPDATE on audit_logs" any other way;
// the classification below must name every table: tests/ops/grants.test.ts compares it with a freshly
// migrated server, so a migration adding a table fails until someone decides its rights here.

export type Dml = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const ALL_DML: Dml[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

export const APP_TABLE_PRIVILEGES: Readonly<Record<string, readonly Dml[]>> = {
  institutions: ALL_DML,
  departments: ALL_DML,
  department_settings: ALL_DML,
  users: ALL_DML,
  user_profiles: ALL_DML,
  mentor_profiles: ALL_DML,
  student_profiles: ALL_DML,
  mentor_assignments: ALL_DML,
  session_records: ALL_DML,
  session_feedback: ALL_DML,
  goals: ALL_DML,
  goal_updates: ALL_DML,
  notifications: ALL_DML,
  alerts: ALL_DML,
  attachments: ALL_DML,
  attachment_blobs: ALL_DML,
  password_resets: ALL_DML,
  roster_mappings: ALL_DML,
  student_notes: ALL_DML,
  department_note_settings: ALL_DML,
  department_norms: ALL_DML,
  guardian_contacts: ALL_DML,
  guardian_contact_log: ALL_DML,
  letter_templates: ALL_DML,
  kudos: ALL_DML,
  notification_prefs: ALL_DML,
  notification_digest_items: ALL_DML,
  audit_logs: ['SELECT', 'INSERT'],
  roles: ['SELECT'],
  // Written only by the triggers, which run with their definer's (the migration account's) rights.
  sync_changes: ['SELECT'],
  sync_counter: ['SELECT'],
  // A push writes a batch's records as APPLIED before its calls run, then corrects the rare rejected,
  // conflicting or unreached entry (sync/push-records.ts), all in the batch's transaction.
  sync_mutations: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
  sync_clients: ['SELECT', 'INSERT', 'UPDATE'],
  // The app checks the schema version; only `smms migrate` writes it.
  smms_migrations: ['SELECT'],
  smms_migrations_lock: [],
};

export const MIGRATION_PRIVILEGES = [
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'CREATE',
  'ALTER',
  'DROP',
  'INDEX',
  'REFERENCES',
  'TRIGGER',
  'CREATE VIEW',
  'SHOW VIEW',
  'LOCK TABLES',
] as const;

export interface Account {
  user: string;
  password: string;
  /** Whether CREATE USER ran (false: the account existed and keeps its password). */
  created?: boolean;
}

export interface GrantsPlan {
  database: string;
  host: string;
  requireSsl: boolean;
  app: Account;
  migrate: Account;
  people: (Account & { email: string })[];
  /** Tables that exist on the server (when known); tables missing there are left out. */
  tables?: readonly string[];
}

const USER_NAME = /^[A-Za-z0-9_.-]{1,32}$/;
const HOST = /^[A-Za-z0-9_.%:-]{1,255}$/;
const DATABASE = /^[A-Za-z0-9_$-]{1,64}$/;

export class GrantsInputError extends Error {
  override name = 'GrantsInputError';
}

export function validatePlan(plan: GrantsPlan): void {
  if (!DATABASE.test(plan.database))
    throw new GrantsInputError(`"${plan.database}" is not a usable database name.`);
  if (!HOST.test(plan.host))
    throw new GrantsInputError(`"${plan.host}" is not a host pattern (e.g. % or 10.0.%).`);
  for (const a of [plan.app, plan.migrate, ...plan.people]) {
    if (!USER_NAME.test(a.user)) {
      throw new GrantsInputError(
        `"${a.user}" is not a usable MySQL user name (letters, digits, _ . -; at most 32).`,
      );
    }
  }
  for (const a of [plan.app, plan.migrate, ...plan.people]) {
    // Passwords travel inside SQL string literals; quotes and backslashes depend on sql_mode.
    if (/['"\\\s]/.test(a.password))
      throw new GrantsInputError(`The password for ${a.user} may not contain quotes, backslashes or spaces.`);
  }
  if (plan.app.user === plan.migrate.user)
    throw new GrantsInputError('The app and migration accounts must differ.');
}

export const generatePassword = (): string => randomBytes(18).toString('base64url');

/** smms_<local part>_<6 hex of the address>: readable in the server's logs, unique, ≤ 32 chars. */
export function personUserName(email: string): string {
  const local =
    email
      .split('@')[0]!
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 18) || 'user';
  const tag = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 6);
  return `smms_${local}_${tag}`;
}

const str = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const ident = (s: string): string => `\`${s.replace(/`/g, '``')}\``;

function accountSql(plan: GrantsPlan, a: Account, resetPassword: boolean): string[] {
  const who = `${str(a.user)}@${str(plan.host)}`;
  const ssl = plan.requireSsl ? ' REQUIRE SSL' : '';
  const lines = [`CREATE USER IF NOT EXISTS ${who} IDENTIFIED BY ${str(a.password)}${ssl};`];
  if (resetPassword) lines.push(`ALTER USER ${who} IDENTIFIED BY ${str(a.password)}${ssl};`);
  else if (plan.requireSsl) lines.push(`ALTER USER ${who} REQUIRE SSL;`);
  // Start from nothing so a re-run also takes away rights that are no longer in the list.
  lines.push(`REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${who};`);
  return lines;
}

function appGrants(plan: GrantsPlan, user: string): string[] {
  const who = `${str(user)}@${str(plan.host)}`;
  const present = plan.tables ? new Set(plan.tables) : null;
  return Object.entries(APP_TABLE_PRIVILEGES)
    .filter(([table, privs]) => privs.length > 0 && (!present || present.has(table)))
    .map(
      ([table, privs]) => `GRANT ${privs.join(', ')} ON ${ident(plan.database)}.${ident(table)} TO ${who};`,
    );
}

/** The SQL for every account in the plan, in the order it must run. */
export function grantsSql(plan: GrantsPlan, options: { resetPasswords?: boolean } = {}): string[] {
  validatePlan(plan);
  const reset = options.resetPasswords ?? false;
  const migrateWho = `${str(plan.migrate.user)}@${str(plan.host)}`;
  const lines = [
    `-- Migration account (smms migrate): DDL and triggers on ${plan.database}, nothing elsewhere.`,
    ...accountSql(plan, plan.migrate, reset),
    `GRANT ${MIGRATION_PRIVILEGES.join(', ')} ON ${ident(plan.database)}.* TO ${migrateWho};`,
    `-- App account (every laptop and office PC): DML on app tables, audit_logs append-only, no DDL.`,
    ...accountSql(plan, plan.app, reset),
    ...appGrants(plan, plan.app.user),
  ];
  for (const p of plan.people) {
    lines.push(`-- Personal account for ${p.email.replace(/[\r\n]/g, '')}: the app account's rights.`);
    lines.push(...accountSql(plan, p, reset), ...appGrants(plan, p.user));
  }
  return lines;
}

/** Tables on the server that the classification does not name (a newer schema than this build). */
export function unclassifiedTables(tables: readonly string[]): string[] {
  return tables.filter((t) => !Object.hasOwn(APP_TABLE_PRIVILEGES, t));
}

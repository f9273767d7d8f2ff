import { CONTRACT } from '../../shared/contract/index.ts';
import { openCore } from '../../core/open-core.ts';
import { dbUrlArg } from '../database.ts';
import { DB_OPTION } from '../database.ts';
import { readPassword } from '../read-password.ts';
import { CliError, type Verb } from '../verb.ts';
import { packageVersion } from '../../core/package-root.ts';

// `smms call <name>`: one contract call through the same dispatch door as the app (RBAC, scope,
// audit, outbox on a synced laptop). Prints the Result as JSON; exit 0 when ok, 1 when not.

function parseInput(raw: string | boolean | undefined): unknown {
  if (typeof raw !== 'string') return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new CliError(`smms call: --input is not valid JSON. Example: --input '{"page":1}'`);
  }
}

export const callVerb: Verb = {
  name: 'call',
  summary: 'Make one app call as a user and print the result as JSON',
  usage: "smms call <name> --db <url> [--user <email>] [--input '<json>']",
  description: [
    'Signs in as --user (password from SMMS_PASSWORD, or asked on the terminal), makes the call',
    'through the same door as the app — roles, scope, validation and audit all apply — and prints',
    '{ "ok": true, "data": ... } or { "ok": false, "error": ... }. Exit code 0 on ok, 1 otherwise.',
    'Without --user only PUBLIC calls (setup:status, auth:login, ...) can be made. On a synced laptop',
    'database, writes are queued for central exactly as in the app. smms calls lists every call.',
  ].join('\n'),
  options: {
    db: DB_OPTION,
    user: { type: 'string', value: '<email>', help: 'Sign in as this user.' },
    input: { type: 'string', value: '<json>', help: 'The call input as JSON (default {}).' },
  },
  positionals: ['name'],
  examples: [
    'smms calls',
    `SMMS_PASSWORD=... smms call students:list --db sqlite:smms.sqlite --user hod.cse@demo.smms --input '{"page":1,"pageSize":20}'`,
  ],
  async run(values, io, positionals) {
    const name = positionals[0];
    if (!name) throw new CliError('smms call: name the call, e.g. smms call users:list. See smms calls.');
    if (!Object.hasOwn(CONTRACT, name)) {
      throw new CliError(`smms call: there is no call "${name}". smms calls lists them.`);
    }
    const input = parseInput(values.input);
    const dbUrl = dbUrlArg(values.db, 'call');
    const email = typeof values.user === 'string' ? values.user : undefined;
    const password = email ? await readPassword('call') : '';
    const { core } = await openCore({
      dbUrl,
      appVersion: packageVersion(),
      platform: `${process.platform} cli`,
    });
    try {
      const session = core.openSession({ userAgent: 'cli' });
      if (email) {
        const login = await core.dispatch('auth:login', { email, password }, session);
        if (!login.ok) {
          io.out(JSON.stringify(login, null, 2));
          return 1;
        }
      }
      const result = await core.dispatch(name, input, session);
      io.out(JSON.stringify(result, null, 2));
      return result.ok ? 0 : 1;
    } finally {
      await core.close();
    }
  },
};

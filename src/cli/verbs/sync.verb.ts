import { OfflineError, SyncAuthError, isConnectionError } from '../../core/sync/central.ts';
import { StandaloneDataError } from '../../core/sync/engine.ts';
import { runSyncOnce, syncStatus } from '../../core/sync/runner.ts';
import { CliError, type ParsedValues, type Verb } from '../verb.ts';

// `smms sync`: one full push + pull of a synced laptop database against central, printed as JSON.

function required(values: ParsedValues, name: string, env?: string): string {
  const v = values[name];
  const raw = typeof v === 'string' ? v : env ? process.env[env] : undefined;
  if (!raw) {
    const hint = env ? ` (or set ${env})` : '';
    throw new CliError(`smms sync: --${name} is required${hint}. See smms sync --help.`);
  }
  return raw;
}

function passwordFromEnv(): string {
  const pw = process.env.SMMS_PASSWORD;
  if (!pw)
    throw new CliError('smms sync: set SMMS_PASSWORD to the account’s password. See smms sync --help.');
  return pw;
}

function asCliError(err: unknown): unknown {
  if (err instanceof SyncAuthError || err instanceof StandaloneDataError) return new CliError(err.message);
  if (err instanceof OfflineError || isConnectionError(err)) {
    return new CliError(
      'smms sync: the central database cannot be reached; nothing was lost, try again later.',
    );
  }
  return err;
}

export const syncVerb: Verb = {
  name: 'sync',
  summary: 'Push this laptop’s queued changes to central and pull central’s changes (or --status)',
  usage:
    'smms sync --local sqlite:<file> --central mysql://... --user <email>   |   smms sync --status --local sqlite:<file>',
  description: [
    'Runs one sync round of a synced laptop database: queued changes are replayed on the central',
    'MySQL database through the same rules as the app, then central changes in the user’s scope are',
    'pulled. Prints a JSON summary: pushed, applied, rejected, conflicts, pulled, evicted, cursor and',
    'durationMs. The password is read from SMMS_PASSWORD so it stays out of shell history.',
    'With --status, prints the local sync state (queued, rejected, conflicting changes, cursor) without',
    'contacting central.',
  ].join('\n'),
  options: {
    local: { type: 'string', value: '<url>', help: 'The laptop database, sqlite:<file>.' },
    central: {
      type: 'string',
      value: '<url>',
      help: 'mysql://user:password@host:3306/database (or SMMS_CENTRAL).',
    },
    user: { type: 'string', value: '<email>', help: 'The account to sync as (password in SMMS_PASSWORD).' },
    status: { type: 'boolean', help: 'Only print the local sync state.' },
  },
  examples: [
    'SMMS_PASSWORD=... smms sync --local sqlite:laptop.sqlite --central mysql://smms_app:pw@db:3306/smms --user asha@college.edu',
    'smms sync --status --local sqlite:laptop.sqlite',
  ],
  async run(values, io) {
    const localUrl = required(values, 'local');
    try {
      if (values.status) {
        io.out(JSON.stringify(await syncStatus(localUrl), null, 2));
        return 0;
      }
      const summary = await runSyncOnce({
        localUrl,
        centralUrl: required(values, 'central', 'SMMS_CENTRAL'),
        email: required(values, 'user'),
        password: passwordFromEnv(),
      });
      io.out(JSON.stringify(summary, null, 2));
      return 0;
    } catch (err) {
      throw asCliError(err);
    }
  },
};

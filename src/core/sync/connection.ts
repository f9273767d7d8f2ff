import type { Core } from '../app.ts';
import { systemClock, type Clock } from '../clock.ts';
import type { Actor, SessionState } from '../context.ts';
import { connect, type Db } from '../db/connect.ts';
import type { DbUrl } from '../db/url.ts';
import type { OnlineRoute, WriteHooks } from '../dispatch.ts';
import { AppError } from '../errors.ts';
import { silentLogger, type Logger } from '../log.ts';
import { doctorCentral } from '../ops/doctor-central.ts';
import type {
  ConnectionFields,
  ConnectionTestDto,
  ConnectionViewDto,
  JoinInput,
  SyncSummaryDto,
} from '../../shared/contract/sync-connection.contract.ts';
import { installCapture, outboxHooks } from './capture.ts';
import { foreignKeysOff } from './local-core.ts';
import { isConnectionError } from './central.ts';
import type { ConnectionStores } from './connection-store.ts';
import {
  ALREADY_SET_UP,
  checkJoin,
  downloadFailed,
  finishJoin,
  isUnsetUp,
  offline,
  undoJoin,
  unfinishedJoin,
} from './connection-join.ts';
import type { JoinResult, SyncControl } from './connection-types.ts';
import { planConnect, uploadStandalone } from './connection-upload.ts';
import { syncOnce, type SyncReport } from './engine.ts';
import { countOutbox, ensureClientId, getState, isSyncedMode, setState } from './local-state.ts';
import { SyncLoop } from './loop.ts';
import { onlineRoute } from './online-calls.ts';
import { loadColumns } from './tables.ts';
import { sql } from 'kysely';

// This computer's central connection, owned by the shell's main process (Electron, browser shell):
// the settings and secret stores, the central pool, the sync loop, and the switch from standalone to
// synced while the app runs. The core it serves is built with its `hooks` (outbox capture, live only
// once synced), its `online` route (calls that must run on central) and itself as `sync` (the
// sync:* connection calls).

const SETTINGS_KEY = 'central';
const SECRET_KEY = 'central.password';

type Settings = Omit<ConnectionFields, 'password'>;

export interface SyncConnectionOptions {
  local: Db;
  stores: ConnectionStores;
  appVersion: string;
  log?: Logger;
  clock?: Clock;
  intervalMs?: number;
  debounceMs?: number;
}

/** Keeps a connection in the stores: settings in one, the password in the secret store. */
export async function saveConnection(
  stores: ConnectionStores,
  fields: ConnectionFields & { password: string },
): Promise<void> {
  const { password, ...settings } = fields;
  await stores.settings.set(SETTINGS_KEY, JSON.stringify(settings));
  await stores.secrets.set(SECRET_KEY, password);
}

function urlOf(s: Settings, password: string): Extract<DbUrl, { kind: 'mysql' }> {
  return {
    kind: 'mysql',
    host: s.host,
    port: s.port,
    user: s.user,
    password,
    database: s.database,
    ssl: s.ssl,
  };
}

function summaryOf(r: SyncReport, at: string): SyncSummaryDto {
  const { pushed, applied, rejected, conflicts, pulled, evicted, cursor, snapshot, durationMs } = r;
  return {
    pushed,
    applied,
    rejected,
    conflicts,
    pulled,
    evicted,
    cursor,
    snapshot,
    durationMs,
    finishedAt: at,
  };
}

export class SyncConnection implements SyncControl {
  readonly hooks: WriteHooks;
  readonly online: OnlineRoute;
  readonly #o: SyncConnectionOptions & { log: Logger; clock: Clock };
  #core: Core | null = null;
  #central: Db | null = null;
  #loop: SyncLoop | null = null;
  /** The local database is a synced cache (outbox capture on, online calls go to central). */
  #synced = false;
  #captureReady = false;
  #joining = false;

  constructor(options: SyncConnectionOptions) {
    this.#o = {
      ...options,
      log: options.log ?? silentLogger,
      clock: options.clock ?? systemClock,
    };
    const outbox = outboxHooks(() => this.#loop?.notifyLocalWrite());
    this.hooks = {
      beforeHandler: async (trx, call) => {
        if (this.#synced) await outbox.beforeHandler?.(trx, call);
      },
      beforeCommit: async (trx, call, result) => {
        if (this.#synced) await outbox.beforeCommit?.(trx, call, result);
      },
    };
    this.online = onlineRoute({
      central: () => (!this.#synced ? null : (this.#central ?? 'unreachable')),
      refresh: async () => {
        await this.#loop?.syncNow();
      },
    });
  }

  /** The core built with this connection's hooks; its events carry the loop's status. */
  bind(core: Core): void {
    this.#core = core;
  }

  /** At start-up: a synced database with a saved connection resumes syncing. */
  async start(): Promise<void> {
    if (await unfinishedJoin(this.#o.local)) {
      this.#o.log.warn('a join did not finish: its partial download was removed');
      await this.#abandonJoin();
    }
    if (!(await isSyncedMode(this.#o.local.kysely))) return;
    await this.#prepareCache();
    this.#synced = true;
    const saved = await this.#saved();
    const userId = await getState(this.#o.local.kysely, 'userId');
    if (saved && userId) await this.#attach(urlOf(saved.settings, saved.password), userId);
  }

  async close(): Promise<void> {
    await this.#detach();
  }

  /**
   * Where the app's reminder pass runs now (notifications/reminder-timer.ts): the local database of a
   * standalone install; central for a synced one; nowhere while a synced install has no central.
   */
  reminderTarget(): Db | 'skip' {
    if (!this.#synced) return this.#o.local;
    return this.#central ?? 'skip';
  }

  async #saved(): Promise<{ settings: Settings; password: string } | null> {
    const raw = await this.#o.stores.settings.get(SETTINGS_KEY);
    const password = await this.#o.stores.secrets.get(SECRET_KEY);
    if (!raw || password === null) return null;
    return { settings: JSON.parse(raw) as Settings, password };
  }

  /** Outbox capture objects on the local connection (as createSyncedLocalCore does). */
  async #prepareCache(): Promise<void> {
    if (this.#captureReady) return;
    const db = this.#o.local.kysely;
    await foreignKeysOff(this.#o.local);
    await installCapture(db, await loadColumns(db));
    await ensureClientId(db);
    this.#captureReady = true;
  }

  async #attach(url: DbUrl, userId: string): Promise<void> {
    await this.#detach();
    const central = connect(url, { poolSize: 2 });
    this.#central = central;
    // SyncLoop fills in its defaults by spreading: an explicit undefined would override them.
    const timing = Object.fromEntries(
      Object.entries({ intervalMs: this.#o.intervalMs, debounceMs: this.#o.debounceMs }).filter(
        ([, v]) => v !== undefined,
      ),
    );
    const loop = new SyncLoop({
      local: this.#o.local,
      userId,
      ...timing,
      log: this.#o.log,
      clock: this.#o.clock,
      run: (onProgress) =>
        syncOnce({ local: this.#o.local, central, userId, appVersion: this.#o.appVersion, onProgress }),
      onStatus: (status) => this.#core?.emit({ type: 'sync:status', status }),
    });
    this.#loop = loop;
    await loop.start();
  }

  async #detach(): Promise<void> {
    const loop = this.#loop;
    const central = this.#central;
    this.#loop = null;
    this.#central = null;
    await loop?.stop();
    await central?.close();
  }

  async getConnection(): Promise<ConnectionViewDto> {
    const raw = await this.#o.stores.settings.get(SETTINGS_KEY);
    const s = raw ? (JSON.parse(raw) as Settings) : null;
    return {
      connection: s ? { host: s.host, port: s.port, database: s.database, user: s.user, ssl: s.ssl } : null,
      passwordSaved: (await this.#o.stores.secrets.get(SECRET_KEY)) !== null,
      passwordProtection: this.#o.stores.secrets.protection,
      manageable: true,
    };
  }

  /** The password to use: the one typed, or the saved one when the server and account are unchanged. */
  async #password(fields: ConnectionFields): Promise<string> {
    if (fields.password !== undefined) return fields.password;
    const saved = await this.#saved();
    const same =
      saved &&
      saved.settings.host === fields.host &&
      saved.settings.port === fields.port &&
      saved.settings.user === fields.user;
    // No password typed and none saved for this account: try without one (the server says if it needs one).
    return same ? saved.password : '';
  }

  async testConnection(fields: ConnectionFields): Promise<ConnectionTestDto> {
    const url = urlOf(fields, await this.#password(fields));
    const checks = (await doctorCentral(url)).map(({ name, status, detail }) => ({ name, status, detail }));
    const ok = !checks.some((c) => c.status === 'fail');
    if (!ok) {
      return {
        ok,
        checks,
        central: null,
        plan: null,
        planMessage: 'Fix the problems above before saving.',
      };
    }
    const central = connect(url, { poolSize: 1 });
    try {
      const p = await planConnect(this.#o.local, central);
      return { ok: p.plan !== 'refuse', checks, central: p.contents, plan: p.plan, planMessage: p.message };
    } catch (err) {
      if (isConnectionError(err)) throw offline();
      throw err;
    } finally {
      await central.close();
    }
  }

  async setConnection(fields: ConnectionFields, actor: Actor) {
    const password = await this.#password(fields);
    const url = urlOf(fields, password);
    const central = connect(url, { poolSize: 2 });
    let uploaded: { table: string; rows: number }[] = [];
    let plan: 'upload' | 'reconnect';
    try {
      const p = await planConnect(this.#o.local, central);
      if (p.plan === 'refuse') throw new AppError('CONFLICT', p.message);
      // Unreachable with a signed-in admin (their own row is data); a fresh install uses sync:join.
      if (p.plan === 'join') throw new AppError('CONFLICT', p.message);
      plan = p.plan;
      if (p.plan === 'upload') {
        uploaded = await uploadStandalone(this.#o.local, central, (progress) =>
          this.#core?.emit({
            type: 'sync:status',
            status: {
              state: 'syncing',
              progress: { phase: 'push', ...progress },
              pending: 0,
              lastSuccessAt: null,
            },
          }),
        );
        // From here on this database is central's cache: the first round takes the snapshot over it.
        await setState(this.#o.local.kysely, 'snapshotStartedAt', this.#o.clock.now().toISOString());
      }
    } catch (err) {
      await central.close();
      if (isConnectionError(err)) throw offline();
      throw err;
    }
    await central.close();
    await saveConnection(this.#o.stores, { ...fields, password });
    await this.#prepareCache();
    await setState(this.#o.local.kysely, 'mode', 'synced');
    this.#synced = true;
    await this.#attach(url, actor.userId);
    let sync: SyncSummaryDto | null = null;
    try {
      sync = await this.syncNow();
    } catch (err) {
      this.#o.log.warn('first sync after connecting failed', { error: (err as Error).message });
    }
    const rows = uploaded.reduce((n, t) => n + t.rows, 0);
    const message =
      plan === 'upload'
        ? `Connected. ${rows} records were uploaded to the central database${sync ? ' and this computer is in sync.' : '; the first sync will be retried.'}`
        : `Connected.${sync ? ' This computer is in sync.' : ' The first sync will be retried.'}`;
    return { plan, uploaded, sync, message };
  }

  async join(input: JoinInput, session: SessionState): Promise<JoinResult> {
    if (this.#joining)
      throw new AppError('CONFLICT', 'This computer is already joining. Wait for it to finish.');
    this.#joining = true;
    try {
      return await this.#join(input, session);
    } finally {
      this.#joining = false;
    }
  }

  async #join(input: JoinInput, session: SessionState): Promise<JoinResult> {
    const local = this.#o.local;
    if (!(await isUnsetUp(local.kysely)) || this.#synced) throw new AppError('CONFLICT', ALREADY_SET_UP);
    const fields = input.connection;
    const url = urlOf(fields, fields.password ?? '');
    const { signedIn, institution } = await checkJoin(local, url, input, session, this.#o);
    await setState(local.kysely, 'joinStartedAt', this.#o.clock.now().toISOString());
    await saveConnection(this.#o.stores, { ...fields, password: url.password });
    await this.#prepareCache();
    await setState(local.kysely, 'mode', 'synced');
    this.#synced = true;
    await this.#attach(url, signedIn.user.id);
    const report = await this.#loop!.syncNow();
    if (!report) {
      const status = this.#loop?.status;
      await this.#abandonJoin();
      throw downloadFailed(status);
    }
    await finishJoin(local);
    // The person proved their password on central a moment ago: asking again would add nothing.
    session.userId = signedIn.user.id;
    session.lastActivityMs = this.#o.clock.now().getTime();
    return {
      ...signedIn,
      institution,
      sync: summaryOf(report, this.#o.clock.now().toISOString()),
      message: `Joined ${institution.name}. ${report.pulled} records were downloaded to this computer, and it keeps them in sync.`,
    };
  }

  /** Back to a fresh standalone install: no cache, no connection, foreign keys enforced again. */
  async #abandonJoin(): Promise<void> {
    await this.#detach();
    this.#synced = false;
    await undoJoin(this.#o.local);
    await this.#o.stores.secrets.delete(SECRET_KEY);
    await this.#o.stores.settings.delete(SETTINGS_KEY);
    await sql`PRAGMA foreign_keys = ON`.execute(this.#o.local.kysely);
    this.#captureReady = false;
  }

  async disconnect(): Promise<{ pending: number }> {
    await this.#detach();
    await this.#o.stores.secrets.delete(SECRET_KEY);
    await this.#o.stores.settings.delete(SETTINGS_KEY);
    // The database stays central's cache (mode synced): reconnecting catches up; queued changes wait.
    const counts = await countOutbox(this.#o.local.kysely);
    this.#core?.emit({
      type: 'sync:status',
      status: {
        state: 'offline',
        pending: counts.PENDING,
        lastSuccessAt: null,
        lastError: 'Not connected to a central database.',
      },
    });
    return { pending: counts.PENDING };
  }

  async syncNow(): Promise<SyncSummaryDto> {
    const loop = this.#loop;
    if (!loop) {
      throw new AppError(
        this.#synced ? 'OFFLINE' : 'CONFLICT',
        this.#synced
          ? 'This computer has no saved central connection. An administrator can enter it on the Sync page.'
          : 'This computer is standalone: there is no central database to sync with.',
      );
    }
    const report = await loop.syncNow();
    if (!report) {
      const status = loop.status;
      throw new AppError(
        status.state === 'offline' ? 'OFFLINE' : 'CONFLICT',
        status.lastError ?? 'Sync failed.',
      );
    }
    return summaryOf(report, this.#o.clock.now().toISOString());
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { openLocalCore, type Core } from '../../src/core/app.ts';
import { connect } from '../../src/core/db/connect.ts';
import { migrateToLatest } from '../../src/core/db/migrate.ts';
import { uuidv7 } from '../../src/core/ids.ts';
import { syncOnce } from '../../src/core/sync/engine.ts';
import { createSyncedLocalCore } from '../../src/core/sync/local-core.ts';
import { attachSyncLoop } from '../../src/core/sync/runner.ts';
import { makeDepartment, makeInstitution, makeUser, type MadeUser } from '../fixtures/builders.ts';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { tcpRelay } from '../helpers/tcp-relay.ts';
import { generateDemo, type DemoResult, type ScaleName } from '../../src/core/demo/generate.ts';
import { startWebShell, type WebShell } from '../../src/web/server.ts';
import { ADMIN, LAPTOP_PASSWORD } from './accounts.ts';
import { testLogger } from './run-logs.ts';

// Each test: a fresh SQLite file in a temp folder, a core on it, the browser shell serving the
// built renderer, both logging as in production into the run's log folder (run-logs.ts). The page
// fails the test on any console error or uncaught exception, which includes Content-Security-Policy
// violations.

export { ADMIN };

export const ORG = {
  institution: { name: 'Riverside College of Engineering', code: 'RCE' },
  department: { name: 'Computer Science and Engineering', code: 'CSE' },
};

export interface AppUnderTest {
  core: Core;
  shell: WebShell;
  /** Opens the app the way a user does: with the printed link. */
  open(page: Page): Promise<void>;
  /** First-run setup straight through the core, for specs that start at the login screen. */
  seedAdmin(): Promise<void>;
  /**
   * Loads the deterministic demo institution into the empty database (instead of seedAdmin). `asOf`
   * defaults to today, so "this month" and "pending" on the dashboards have rows.
   */
  seedDemo(options?: { scale?: ScaleName; asOf?: string }): Promise<DemoResult>;
  /** Runs calls as the seeded administrator (setup data for a spec), straight through the core. */
  asAdmin<T>(work: (dispatch: AdminDispatch, admin: { departmentId: string }) => Promise<T>): Promise<T>;
}

export type AdminDispatch = (name: string, input: unknown) => Promise<unknown>;

const ROOT = join(import.meta.dirname, '../..');
/** The built renderer the shells serve; another build can be pointed at to compare (perf probe). */
const RENDERER_DIR = process.env.SMMS_E2E_RENDERER_DIR ?? join(ROOT, 'out/renderer');

/**
 * A mentor's laptop in synced mode: a MariaDB central made for the test (one department, its
 * office, a mentor and an assigned student), reached through a TCP relay the test can cut and
 * restore; a local SQLite cache with the first snapshot taken; the sync loop the desktop shell
 * runs (attachSyncLoop); the browser shell serving the app over that synced core.
 */
export interface SyncedLaptop {
  core: Core;
  shell: WebShell;
  central: TestDb;
  mentor: MadeUser & { name: string };
  student: MadeUser & { name: string };
  open(page: Page): Promise<void>;
  /** Central becomes unreachable: the relay stops listening and drops its open connections. */
  centralDown(): Promise<void>;
  centralUp(): Promise<void>;
}

async function seedCentral(central: TestDb) {
  const k = central.kysely;
  const inst = await makeInstitution(k, ORG.institution);
  const dept = await makeDepartment(k, inst.id, ORG.department);
  const at = { institutionId: inst.id, departmentId: dept.id };
  const office = await makeUser(k, 'DEPARTMENT_ADMIN', { ...at, firstName: 'Meera', lastName: 'Iyer' });
  const mentor = await makeUser(k, 'MENTOR', {
    ...at,
    email: 'ravi.kumar@riverside.edu',
    password: LAPTOP_PASSWORD,
    firstName: 'Ravi',
    lastName: 'Kumar',
  });
  const student = await makeUser(k, 'STUDENT', { ...at, firstName: 'Asha', lastName: 'Nair' });
  const now = new Date().toISOString();
  await k
    .insertInto('mentor_assignments')
    .values({
      id: uuidv7(),
      mentorId: mentor.id,
      studentId: student.id,
      departmentId: dept.id,
      assignedById: office.id,
      status: 'ACTIVE',
      assignedAt: now,
      endedAt: null,
      notes: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  return { mentor: { ...mentor, name: 'Ravi Kumar' }, student: { ...student, name: 'Asha Nair' } };
}

export const test = base.extend<{ app: AppUnderTest; laptop: SyncedLaptop; consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    // Chromium logs most CSP refusals itself; the event also catches the ones it only reports
    // (e.g. a style element inserted by a library), and names the directive.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(
          `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} ${e.sample} at ${e.sourceFile}:${e.lineNumber}`,
        );
      });
    });
    await use(errors);
    expect(errors, 'console errors (CSP violations included)').toEqual([]);
  },
  app: async ({ consoleErrors: _watch, page }, use, testInfo) => {
    const dir = mkdtempSync(join(tmpdir(), 'smms-e2e-'));
    const log = testLogger(testInfo);
    const core = await openLocalCore({ dbUrl: `sqlite:${join(dir, 'smms.sqlite')}`, appVersion: 'e2e', log });
    const shell = await startWebShell({ core, staticDir: RENDERER_DIR, log });
    await use({
      core,
      shell,
      open: async (page) => {
        await page.goto(shell.url);
      },
      seedAdmin: async () => {
        const session = core.openSession();
        const r = await core.dispatch('setup:initialize', { ...ORG, admin: ADMIN }, session);
        core.closeSession(session);
        if (!r.ok) throw new Error(`seed failed: ${r.error.message}`);
      },
      seedDemo: (options = {}) =>
        generateDemo(core.db, {
          scale: options.scale ?? 'small',
          asOf: options.asOf ?? new Date().toISOString().slice(0, 10),
        }),
      asAdmin: async (work) => {
        const session = core.openSession();
        const dispatch: AdminDispatch = async (name, input) => {
          const r = await core.dispatch(name, input, session);
          if (!r.ok)
            throw new Error(`${name} failed: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
          return r.data;
        };
        try {
          const login = (await dispatch('auth:login', { email: ADMIN.email, password: ADMIN.password })) as {
            user: { departmentId: string };
          };
          return await work(dispatch, { departmentId: login.user.departmentId });
        } finally {
          core.closeSession(session);
        }
      },
    });
    // The page goes first, as in `laptop`: stopping the shell under an open page drops its event
    // stream, and whether the browser logs that network error before the console check runs is a
    // race (the teardown flake). A closed page logs nothing more.
    await page.close();
    await shell.close();
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  },
  laptop: async ({ consoleErrors: _watch, page }, use, testInfo) => {
    const log = testLogger(testInfo);
    const central = await freshDb('mysql');
    const people = await seedCentral(central);
    if (central.url.kind !== 'mysql') throw new Error('central must be MariaDB');
    const { host, port, user, password, database } = central.url;
    const relay = await tcpRelay(host, port);
    const auth = password ? `${user}:${encodeURIComponent(password)}` : user;
    const centralUrl = `mysql://${auth}@127.0.0.1:${relay.port}/${database}`;
    const dir = mkdtempSync(join(tmpdir(), 'smms-e2e-laptop-'));
    const db = connect(`sqlite:${join(dir, 'laptop.sqlite')}`);
    await migrateToLatest(db);
    const synced = await createSyncedLocalCore({ db, appVersion: 'e2e', log });
    // The first snapshot, as when IT connects the laptop: it brings the mentor's own password hash,
    // so signing in works offline too.
    const first = connect(centralUrl, { poolSize: 2 });
    await syncOnce({ local: db, central: first, userId: people.mentor.id, appVersion: 'e2e', log });
    await first.close();
    const loop = await attachSyncLoop({
      synced,
      db,
      centralUrl,
      userId: people.mentor.id,
      appVersion: 'e2e',
      intervalMs: 5000,
      debounceMs: 300,
      log,
    });
    const shell = await startWebShell({ core: synced.core, staticDir: RENDERER_DIR, log });
    await use({
      core: synced.core,
      shell,
      central,
      ...people,
      open: async (page) => {
        await page.goto(shell.url);
      },
      centralDown: relay.down,
      centralUp: relay.up,
    });
    // The page goes first: a shell that stops under an open event stream makes the browser log a
    // network error, which would fail the console check for a reason that is not the app's.
    await page.close();
    await shell.close();
    await loop.close();
    await synced.core.close();
    await relay.close();
    await central.drop();
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

export const screenshot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: join(ROOT, 'tests/e2e/screenshots', `${name}.png`) });

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { openLocalCore, type Core } from '../../src/core/app.ts';
import { generateDemo, type DemoResult, type ScaleName } from '../../src/core/demo/generate.ts';
import { startWebShell, type WebShell } from '../../src/web/server.ts';

// Each test: a fresh SQLite file in a temp folder, a core on it, the browser shell serving the
// built renderer. The page fails the test on any console error or uncaught exception, which
// includes Content-Security-Policy violations.

export const ADMIN = {
  firstName: 'Asha',
  lastName: 'Rao',
  email: 'asha.rao@riverside.edu',
  password: 'Mentoring-Office-2026',
};

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

export const test = base.extend<{ app: AppUnderTest; consoleErrors: string[] }>({
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
    await use(errors);
    expect(errors, 'console errors (CSP violations included)').toEqual([]);
  },
  app: async ({ consoleErrors: _watch }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'smms-e2e-'));
    const core = await openLocalCore({ dbUrl: `sqlite:${join(dir, 'smms.sqlite')}`, appVersion: 'e2e' });
    const shell = await startWebShell({ core, staticDir: join(ROOT, 'out/renderer') });
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
    await shell.close();
    await core.close();
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

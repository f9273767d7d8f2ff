import { expect, type Page } from '@playwright/test';
import type { DemoResult } from '../../src/core/demo/generate.ts';
import type { AppUnderTest } from './fixtures.ts';

// Shared by the department-office and admin specs: run calls as a given account straight through
// the core (to set up or check what the UI did), and move around the signed-in app.

export async function callAs<T = unknown>(
  app: AppUnderTest,
  login: { email: string; password: string },
  name: string,
  input: unknown,
): Promise<T> {
  const session = app.core.openSession();
  try {
    const signed = await app.core.dispatch('auth:login', login, session);
    if (!signed.ok) throw new Error(`login failed: ${signed.error.message}`);
    const r = await app.core.dispatch(name, input, session);
    if (!r.ok) throw new Error(`${name} failed: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
    return r.data as T;
  } finally {
    app.core.closeSession(session);
  }
}

/** Loads the demo college and returns it with its department admin's sign-in. */
export async function seedDemoHod(
  app: AppUnderTest,
): Promise<{ demo: DemoResult; hod: { email: string; password: string } }> {
  const demo = await app.seedDemo();
  const email = demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!.email;
  return { demo, hod: { email, password: demo.password } };
}

export async function openSection(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** The body rows of a DataTable (header row excluded). */
export const bodyRows = (page: Page, table: string) =>
  page.getByRole('table', { name: table }).locator('tbody tr[data-index]');

import { expect, screenshot, signIn, test } from './fixtures.ts';
import { callAs, openSection } from './hod-support.ts';

// The HOD's dashboard on the demo department: the figures match the core's, the charts are drawn,
// and each number opens the list behind it.

interface DepartmentDashboard {
  department: { name: string };
  risk: Record<'LOW' | 'MEDIUM' | 'HIGH', number>;
  openAlerts: Record<'INFO' | 'WARN' | 'CRITICAL', number>;
  pendingSessions: { total: number };
  mentors: { name: string; active: number; maxMentees: number }[];
}

test('the department dashboard shows the figures and charts, and opens the lists behind them', async ({
  page,
  app,
}) => {
  const demo = await app.seedDemo();
  const hod = {
    email: demo.accounts.find((a) => a.role === 'DEPARTMENT_ADMIN')!.email,
    password: demo.password,
  };
  const d = await callAs<DepartmentDashboard>(app, hod, 'dashboards:department', {});

  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(d.department.name);

  const students = d.risk.LOW + d.risk.MEDIUM + d.risk.HIGH;
  await expect(page.getByRole('link', { name: `Students: ${students}. Open the list` })).toBeVisible();
  await expect(page.getByRole('link', { name: `High risk: ${d.risk.HIGH}. Open the list` })).toBeVisible();
  const alerts = d.openAlerts.INFO + d.openAlerts.WARN + d.openAlerts.CRITICAL;
  await expect(page.getByRole('link', { name: `Open alerts: ${alerts}. Open the list` })).toBeVisible();
  await expect(
    page.getByRole('link', { name: `Pending sessions: ${d.pendingSessions.total}. Open the list` }),
  ).toBeVisible();

  // Charts: the donut has a slice per non-empty level, the bar charts have bars.
  const risk = page.getByRole('region', { name: 'Risk distribution' });
  await expect(
    risk.getByRole('img', { name: /Risk distribution: High \d+, Medium \d+, Low \d+/ }),
  ).toBeVisible();
  const slices = Object.values(d.risk).filter((n) => n > 0).length;
  await expect(risk.locator('.recharts-pie-sector')).toHaveCount(slices);
  await expect(
    page.getByRole('region', { name: 'Sessions per month' }).locator('.recharts-bar-rectangle').first(),
  ).toBeVisible();
  const workload = page.getByRole('region', { name: 'Mentor workload' });
  for (const m of d.mentors) await expect(workload.getByText(m.name, { exact: true })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Open alerts' })
      .getByRole('link', { name: `Critical: ${d.openAlerts.CRITICAL} open alerts` }),
  ).toBeVisible();
  await screenshot(page, 'hod-dashboard');

  // Click-through: the High slice of the legend opens the students list filtered to HIGH risk.
  await risk.getByRole('button', { name: `High risk: ${d.risk.HIGH} students` }).click();
  await expect(page).toHaveURL(/#\/students\?risk=HIGH/);
  await expect(page.getByText(`${d.risk.HIGH} matching`, { exact: false })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Risk' })).toHaveValue('High');

  await openSection(page, 'Dashboard');
  await page.getByRole('link', { name: /^Pending sessions: / }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pending sessions');
  await expect(page.getByText(`${d.pendingSessions.total} pending sessions`)).toBeVisible();
  await screenshot(page, 'hod-pending-sessions');
});

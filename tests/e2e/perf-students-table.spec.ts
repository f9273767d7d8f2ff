import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, signIn, test, ADMIN } from './fixtures.ts';

// Probe: the Students table with 10,000 students in the department (imported through the core's
// roster import, as an office would). Measures, in the page's own clock (performance.now):
// - time from clicking "Students" in the menu to the first rows on screen (target ≤ 300 ms);
// - frame times while scrolling the loaded page of rows top to bottom (jank: long frames);
// - time to the rows of another page and of a new sort over all 10,000 (server side).
// Prints the figures (see the end of the test for why they are not pass/fail).

const STUDENTS = 10_000;

function roster(n: number): string {
  const lines = ['Roll Number,First Name,Last Name,Email,Program,Year,GPA,Attendance %'];
  for (let i = 1; i <= n; i += 1) {
    const roll = `24PRF${String(i).padStart(5, '0')}`;
    const gpa = (4 + ((i * 37) % 600) / 100).toFixed(2);
    const att = (55 + ((i * 53) % 450) / 10).toFixed(1);
    lines.push(
      `${roll},Student${i},Perf${i % 97},${roll.toLowerCase()}@perf.edu,B.Tech CSE,${1 + (i % 4)},${gpa},${att}`,
    );
  }
  return lines.join('\r\n');
}

// The app's time, not Playwright's: trace recording snapshots the DOM while the page works.
test.use({ trace: 'off' });

declare global {
  interface Window {
    /** Resolves with performance.now() once the Students table shows rows and is not busy. */
    smmsProbeRows?: () => Promise<number>;
  }
}

test('10,000 students: the table stays virtualised; first-screen, scroll, paging and sort figures', async ({
  page,
  app,
}) => {
  test.setTimeout(240_000);
  await app.seedAdmin();
  const imported = await app.asAdmin(async (dispatch, { departmentId }) => {
    const base64 = Buffer.from(roster(STUDENTS), 'utf8').toString('base64');
    return (await dispatch('roster:commit', {
      file: { name: 'perf.csv', base64 },
      kind: 'students',
      departmentId,
      mode: 'abort-on-error',
    })) as { created: number };
  });
  expect(imported.created).toBe(STUDENTS);

  // The core alone: one page of 100 rows (count over all 10,000 included), as the table asks.
  const coreMs: number[] = [];
  await app.asAdmin(async (dispatch) => {
    for (let i = 0; i < 3; i += 1) {
      const t0 = performance.now();
      await dispatch('students:list', { page: 1, pageSize: 100, sort: 'name', dir: 'asc' });
      coreMs.push(performance.now() - t0);
    }
  });

  // Cold each time: a freshly loaded window (empty query cache), then "Students" in the menu.
  const firstScreen: number[] = [];
  const breakdown: { calls: unknown[]; longTasks: unknown[] }[] = [];
  // The renderer's main-thread CPU time, layouts and style recalculations from the click to the
  // rows (Chromium's own counters): unlike the wall-clock figure they hardly move when other work
  // shares the machine, so two builds can be compared on a busy CI box.
  const cpu: { threadMs: number; scriptMs: number; layouts: number; styleRecalcs: number }[] = [];
  const cdp = await page.context().newCDPSession(page);
  const metrics = async (): Promise<Record<string, number>> => {
    await cdp.send('Performance.enable'); // again after each reload; a no-op otherwise
    return Object.fromEntries(
      (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value] as const),
    );
  };
  for (let run = 0; run < 3; run += 1) {
    await app.open(page);
    // A reload keeps the core session; only the first window signs in.
    if (run === 0) await signIn(page, ADMIN.email, ADMIN.password);
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    await page.evaluate(() => {
      window.smmsProbeRows = () =>
        new Promise((resolve) => {
          const ready = (): boolean =>
            !!document.querySelector('table[aria-label="Students"] tbody tr[data-index]') &&
            !document.querySelector('table[aria-label="Students"][aria-busy="true"]');
          const check = (): void =>
            ready() ? resolve(performance.now()) : void requestAnimationFrame(check);
          requestAnimationFrame(check);
        });
    });
    const before = await metrics();
    const probe = await page.evaluate(async () => {
      const link = [...document.querySelectorAll('nav a')].find(
        (a) => a.textContent?.trim() === 'Students',
      ) as HTMLElement;
      // What happens on the way: every call the page makes (start/end from the click) and the
      // main thread's long tasks (rendering), so a slow first screen says where its time went.
      const calls: { name: string; start: number; end: number }[] = [];
      const longTasks: { start: number; ms: number }[] = [];
      const realFetch = window.fetch;
      const t0 = performance.now();
      window.fetch = async (url, init) => {
        const start = performance.now() - t0;
        const res = await realFetch(url, init);
        if (String(url).endsWith('/call')) {
          const name = (JSON.parse(String(init?.body)) as { name: string }).name;
          calls.push({ name, start: Math.round(start), end: Math.round(performance.now() - t0) });
        }
        return res;
      };
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          longTasks.push({ start: Math.round(e.startTime - t0), ms: Math.round(e.duration) });
      });
      observer.observe({ type: 'longtask' });
      link.click();
      const ms = (await window.smmsProbeRows!()) - t0;
      observer.disconnect();
      window.fetch = realFetch;
      return { ms, calls, longTasks: longTasks.filter((t) => t.start >= 0) };
    });
    const after = await metrics();
    const delta = (name: string): number => (after[name] ?? 0) - (before[name] ?? 0);
    cpu.push({
      threadMs: Math.round(delta('ThreadTime') * 1000),
      scriptMs: Math.round(delta('ScriptDuration') * 1000),
      layouts: delta('LayoutCount'),
      styleRecalcs: delta('RecalcStyleCount'),
    });
    firstScreen.push(probe.ms);
    breakdown.push({ calls: probe.calls, longTasks: probe.longTasks });
  }
  await expect(
    page.getByText(`${STUDENTS.toLocaleString('en-GB')} in your scope`, { exact: false }),
  ).toBeVisible();

  // Scroll the loaded page (100 rows, virtualised) top to bottom with the mouse wheel, as a user
  // does, while the page records the interval between animation frames.
  const table = page.getByRole('table', { name: 'Students' });
  await table.locator('tbody tr[data-index]').first().hover();
  await page.evaluate(() => {
    const w = window as unknown as { smmsFrames: number[]; smmsFramesOn: boolean };
    w.smmsFrames = [];
    w.smmsFramesOn = true;
    let last = performance.now();
    const tick = (now: number): void => {
      w.smmsFrames.push(now - last);
      last = now;
      if (w.smmsFramesOn) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < 40; i += 1) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate(() => {
    const w = window as unknown as { smmsFrames: number[]; smmsFramesOn: boolean };
    w.smmsFramesOn = false;
    const box = document.querySelector('table[aria-label="Students"]')!.parentElement!;
    return {
      times: w.smmsFrames.slice(1),
      rendered: document.querySelectorAll('table[aria-label="Students"] tbody tr[data-index]').length,
      atBottom: box.scrollTop + box.clientHeight >= box.scrollHeight - 2,
    };
  });
  expect(frames.atBottom, 'the wheel reached the end of the page of rows').toBe(true);

  // Server paging and sorting over all 10,000.
  const timeTo = async (action: string): Promise<number> =>
    page.evaluate(async (action) => {
      const t0 = performance.now();
      const busy = () => document.querySelector('table[aria-label="Students"][aria-busy="true"]');
      if (action === 'next')
        (document.querySelector('button[aria-label="next page"]') as HTMLElement).click();
      else
        (
          [...document.querySelectorAll('th button')].find(
            (b) => b.textContent?.trim() === 'GPA',
          ) as HTMLElement
        ).click();
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      while (!busy()) await new Promise((r) => setTimeout(r, 1));
      while (busy()) await new Promise((r) => requestAnimationFrame(() => r(null)));
      return (await window.smmsProbeRows!()) - t0;
    }, action);
  const nextPage = await timeTo('next');
  const sortGpa = await timeTo('sort');

  const sorted = [...frames.times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
  const max = sorted.at(-1)!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  const report = {
    students: STUDENTS,
    coreListMs: coreMs.map((n) => Math.round(n)),
    firstScreenColdMs: firstScreen.map((n) => Math.round(n)),
    firstScreenRendererCpu: cpu,
    firstScreenBreakdown: breakdown,
    scroll: {
      frames: sorted.length,
      meanMs: +mean.toFixed(1),
      p95Ms: +p95.toFixed(1),
      maxMs: +max.toFixed(1),
      rowsInDom: frames.rendered,
    },
    nextPageMs: Math.round(nextPage),
    sortByGpaMs: Math.round(sortGpa),
  };
  console.log(`PERF students-table ${JSON.stringify(report)}`);

  // Timings are figures, not pass/fail (a shared CI machine is not a department PC): they are
  // printed above and kept in test-results/students-table-probe.json; the README's Performance
  // section quotes a quiet-machine run against the 300 ms first-screen target. What must hold
  // everywhere: the table is virtualised (the DOM holds a window of rows, not the whole page).
  writeFileSync(
    join(test.info().project.outputDir, 'students-table-probe.json'),
    JSON.stringify(report, null, 2),
  );
  expect(frames.rendered).toBeLessThan(60);
  expect(firstScreen).toHaveLength(3);
});

import { expect, screenshot, signIn, test } from './fixtures.ts';
import { callAs, openSection, seedDemoHod } from './hod-support.ts';
import { savedPdf } from './pdf-support.ts';

// Issue 12 on the demo college: the HOD prints the Mentor Record Books of a class from the Reports
// page (progress, cancel, then the whole class as one PDF, one book per student on its own pages).

interface ClassRow {
  program: string;
  yearOfStudy: number;
  students: number;
}
interface StudentRow {
  firstName: string;
  lastName: string;
  rollNumber: string;
}

test('HOD: prints the record books of a class, and can cancel a print', async ({ page, app }) => {
  test.setTimeout(90_000);
  const { hod } = await seedDemoHod(app);
  const classes = await callAs<{ items: ClassRow[] }>(app, hod, 'record-books:classes', {});
  // The largest class: enough books that the print runs long enough to watch and to cancel.
  const klass = classes.items.reduce((a, b) => (b.students > a.students ? b : a));
  expect(klass.students).toBeGreaterThan(5);
  const students = await callAs<{ rows: StudentRow[] }>(app, hod, 'students:list', {
    program: klass.program,
    yearOfStudy: klass.yearOfStudy,
    sort: 'rollNumber',
    pageSize: 100,
  });
  expect(students.rows).toHaveLength(klass.students);

  await app.open(page);
  await signIn(page, hod.email, hod.password);
  await openSection(page, 'Reports');
  // The choice follows the address (a router transition), so the radio turns checked a moment later.
  const kind = page.getByRole('radio', { name: 'Mentor record books' });
  await kind.click();
  await expect(kind).toBeChecked();
  await page.getByRole('button', { name: 'Make report' }).click();
  await expect(page.getByText('Choose a class, or a mentor for that mentor’s mentees.')).toBeVisible();

  await page.getByRole('combobox', { name: 'Class' }).click();
  await page
    .getByRole('option', {
      name: `${klass.program} · Year ${klass.yearOfStudy} (${klass.students} students)`,
      exact: true,
    })
    .click();

  // Cancel: the print stops between books or around drawing, and no file is offered.
  await page.getByRole('button', { name: 'Make report' }).click();
  await expect(page.getByRole('progressbar', { name: 'Report progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Cancelled: no file was made.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save as PDF' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Make report' }).click();
  await expect(page.getByText(/Reading record book \d+ of \d+|Laying out pages|Drawing pages/)).toBeVisible();
  await screenshot(page, 'hod-record-books-progress');
  await expect(page.getByRole('button', { name: 'Save as PDF' })).toBeVisible({ timeout: 30_000 });
  await screenshot(page, 'hod-record-books-ready');
  // Named by department code, program and year (the department once, not twice).
  const fileName = `record-books_CSE_${klass.program.replace(/[^A-Za-z0-9]+/g, '-')}-Year-${klass.yearOfStudy}.pdf`;
  await expect(page.getByText(fileName, { exact: true })).toBeVisible();
  const pdf = await savedPdf(
    page,
    () => page.getByRole('button', { name: 'Save as PDF' }).click(),
    'hod-record-books',
  );

  // One book per student in roll-number order, each starting on a page of its own.
  const starts = students.rows.map((s) =>
    pdf.pages.findIndex((p) => p.includes(`Mentor Record Book · ${s.rollNumber} · ${klass.program}`)),
  );
  expect(starts.every((at) => at >= 0)).toBe(true);
  expect(starts).toEqual([...starts].sort((a, b) => a - b));
  expect(new Set(starts).size).toBe(klass.students);
  for (const [i, s] of students.rows.entries())
    expect(pdf.pages[starts[i]!]).toContain(`${s.firstName} ${s.lastName}`);
  expect(pdf.pages.length).toBeGreaterThanOrEqual(klass.students);
  // Every page after the first names the student whose book it belongs to (loose pages find their book).
  for (let p = 1; p < pdf.pages.length; p++) {
    const book = students.rows[starts.filter((at) => at <= p).length - 1]!;
    expect(pdf.pages[p], `page ${p + 1}`).toContain(
      `Record book of ${book.firstName} ${book.lastName} · ${book.rollNumber}`,
    );
  }
  await expect(page.getByText(new RegExp(`\\.pdf · ${pdf.pages.length} pages · `))).toBeVisible();
  // Every book ends with the three signature blocks.
  for (const label of [
    'Head of Department',
    'Parent / Guardian',
    'Reviewed and signed at the end of the semester.',
  ])
    expect(pdf.text.split(label).length - 1).toBe(klass.students);
});

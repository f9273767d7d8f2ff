import { join } from 'node:path';
import { capturedCore } from './lib/captured-core.ts';
import { isEntry } from './lib/child.ts';
import { standalone } from './lib/context.ts';
import { sample } from './lib/timing.ts';
import type { Bench, Measurement } from './lib/types.ts';

// Mentor Record Books (issue 12 item 1): 120 books in one batch PDF, target ≤ 20 s. On a copy of the
// dataset, the 120 students with the most sessions in the HOD's department are put in a class of their
// own ("Bench class", year 1), so the batch has exactly 120 books and every book is a full one; each
// also gets a STAFF and a RESTRICTED note so the notes section and its audit are part of the time.
// Timed through core.dispatch as the HOD (reading, laying out, drawing, PDF bytes). Quick mode: 40
// books (the small demo has 49 students with sessions), target scaled to the same time per book.

const FULL_BOOKS = 120;
const QUICK_BOOKS = 40;

export const recordBooksBench: Bench = {
  name: 'record-books',
  modes: ['quick', 'full'],
  async run(ctx) {
    const BOOKS = ctx.mode === 'quick' ? QUICK_BOOKS : FULL_BOOKS;
    const file = await ctx.datasets.sqliteCopy(ctx.scale, join(ctx.tmp, 'record-books.sqlite'));
    const c = await capturedCore(file, `${ctx.asOf}T09:00:00.000Z`);
    try {
      const hod = c.raw
        .prepare(
          `select u.id, u.departmentId from users u join roles r on r.id = u.roleId
           where r.name = 'DEPARTMENT_ADMIN' order by u.email limit 1`,
        )
        .get() as { id: string; departmentId: string };
      const students = c.raw
        .prepare(
          `select a.studentId as id, min(a.mentorId) as mentorId from mentor_assignments a
           join session_records s on s.assignmentId = a.id
           where a.departmentId = ? group by a.studentId order by count(*) desc, a.studentId limit ?`,
        )
        .all(hod.departmentId, BOOKS) as { id: string; mentorId: string }[];
      if (students.length < BOOKS) throw new Error(`only ${students.length} students with sessions`);
      const now = `${ctx.asOf}T08:00:00.000Z`;
      const setClass = c.raw.prepare(
        `update student_profiles set program = 'Bench class', yearOfStudy = 1 where userId = ?`,
      );
      const note = c.raw.prepare(
        `insert into student_notes (id, studentId, authorId, sessionId, visibility, category, body, createdAt, updatedAt)
         values (?, ?, ?, null, ?, 'OTHER', ?, ?, ?)`,
      );
      c.raw.transaction(() => {
        for (const s of students) {
          setClass.run(s.id);
          note.run(`bench-s-${s.id}`, s.id, s.mentorId, 'STAFF', 'Prefers morning meetings.', now, now);
          note.run(`bench-r-${s.id}`, s.id, hod.id, 'RESTRICTED', 'Medical condition on file.', now, now);
        }
      })();
      const session = c.core.openTrustedSession(hod.id);
      let pages = 0;
      let books = 0;
      const once = async (): Promise<void> => {
        const r = await c.core.dispatch(
          'reports:record-books',
          { program: 'Bench class', yearOfStudy: 1 },
          session,
        );
        if (!r.ok) throw new Error(`reports:record-books: ${r.error.code} ${r.error.message}`);
        ({ pages, books } = r.data as { pages: number; books: number });
      };
      const { samples, cpu } = await sample(once, { runs: ctx.mode === 'quick' ? 1 : 3, warmup: 0 });
      ctx.log(
        `record-books: ${samples.map((s) => s.toFixed(0)).join(' ')} ms, ${books} books, ${pages} pages`,
      );
      const m: Measurement = {
        id: `report.record-books.${BOOKS}`,
        title: `${BOOKS} Mentor Record Books in one PDF (HOD, students with the most sessions)`,
        unit: 'ms',
        samples,
        target: { maxMedian: (20_000 * BOOKS) / FULL_BOOKS },
        details: { books, pages, cpuMs: cpu.map(Math.round) },
      };
      return [m];
    } finally {
      await c.close();
    }
  },
};

if (isEntry(import.meta.url)) await standalone(recordBooksBench);

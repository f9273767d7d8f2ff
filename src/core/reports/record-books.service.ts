import type { recordBooksContract } from '../../shared/contract/record-books.contract.ts';
import type { AuthedContext } from '../context.ts';
import type { HandlersFor } from '../handler-types.ts';
import { loadHandover } from '../notes/handover.queries.ts';
import { scopeDepartments, scopeStudents } from '../scope/index.ts';
import { AppError, notFound } from '../errors.ts';
import { slug } from './format.ts';
import type { ReportHeader } from './frame.ts';
import { buildHandover } from './handover-report.ts';
import { beginTask, cancelTask, drawProgress, progressFor, STAGE } from './progress.ts';
import { buildRecordBooks, type RecordBook } from './record-book-report.ts';
import { listBookStudents, loadRecordBooks } from './record-book.queries.ts';
import { prepareRenderWorker, renderPdf } from './render.ts';
import { departmentLabel, departmentSlug, resolveTarget } from './target.queries.ts';

// reports:record-books (batch Mentor Record Books), reports:handover (the handover packet PDF),
// record-books:classes (what the Reports page offers) and record-books:cancel.

/** Lets queued IPC (a cancel) run between books: the SQLite driver's awaits are microtasks only. */
const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const READ_CHUNK = 20;

async function header(ctx: AuthedContext, departmentId: string | null, title: string, subject: string) {
  const t = await resolveTarget(ctx, departmentId ? { departmentId } : {});
  const h: ReportHeader = {
    institution: t.institution,
    department: departmentLabel(t),
    title,
    subject,
    period: null,
    generatedBy: t.generatedBy,
    generatedAt: ctx.now,
    confidential: true,
  };
  return { h, dept: departmentSlug(t) };
}

// Cancelling uses the reports' task registry (progress.ts): the running call checks between books
// (reading) and before and after drawing. Nothing is written, so stopping leaves nothing behind.
function stopIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CONFLICT', 'Printing was cancelled; no file was produced.');
}

export const recordBooksHandlers: HandlersFor<typeof recordBooksContract> = {
  async 'reports:record-books'(ctx, input) {
    const progress = progressFor(input.taskId);
    const task = beginTask(input.taskId, ctx.actor.userId);
    try {
      // The render thread boots and loads pdfmake and the fonts while the books are read.
      prepareRenderWorker();
      progress(STAGE.read, STAGE.done, 'Finding students');
      const list = await listBookStudents(ctx, input);
      const books: RecordBook[] = [];
      const n = list.studentIds.length;
      // Read a few books at a time: each section is one query per chunk (the scope predicates cost
      // as much for one student as for twenty), and a cancel is still seen between chunks.
      for (let start = 0; start < n; start += READ_CHUNK) {
        await breathe();
        stopIfCancelled(task.signal);
        const chunk = await loadRecordBooks(ctx, list.studentIds.slice(start, start + READ_CHUNK));
        for (const data of chunk) {
          const current = data.assignments.filter((a) => a.status !== 'ENDED').map((a) => a.mentor);
          books.push({ ...data, currentMentor: current.length ? current.join(', ') : null });
          const i = books.length;
          progress(Math.floor((STAGE.layout * i) / n), STAGE.done, `Reading record book ${i} of ${n}`);
        }
      }
      const { h, dept } = await header(ctx, list.departmentId, 'Mentor Record Book', list.label);
      await breathe();
      stopIfCancelled(task.signal);
      progress(STAGE.layout, STAGE.done, 'Laying out pages');
      // A cancel while drawing stops the render at its next page, as for the other reports (a batch
      // of 120 books is ~700 pages and several seconds of drawing).
      const pdf = await renderPdf(buildRecordBooks(h, books), {
        onProgress: drawProgress(progress),
        signal: task.signal,
      });
      stopIfCancelled(task.signal);
      progress(STAGE.done, STAGE.done, 'Done');
      // The department is already in the name: a class is its program and year only.
      const what =
        n === 1
          ? books[0]!.profile.rollNumber
          : input.mentorId
            ? list.label
            : `${input.program} Year ${input.yearOfStudy}`;
      return {
        fileName: `record-books_${slug(dept)}_${slug(what)}.pdf`,
        pdfBase64: pdf.buffer.toString('base64'),
        pages: pdf.pages,
        books: n,
      };
    } finally {
      task.end();
    }
  },
  async 'record-books:classes'(ctx, input) {
    let q = ctx.db
      .selectFrom('student_profiles as sp')
      .innerJoin('users as u', 'u.id', 'sp.userId')
      .innerJoin('departments as d', 'd.id', 'u.departmentId')
      .select(['d.id as departmentId', 'd.name as department', 'sp.program', 'sp.yearOfStudy'])
      .select((eb) => eb.fn.countAll<number>().as('students'))
      .where(scopeStudents(ctx.actor, 'sp'))
      .where(scopeDepartments(ctx.actor, 'd'))
      .where('sp.program', 'is not', null)
      .where('sp.yearOfStudy', 'is not', null)
      .groupBy(['d.id', 'd.name', 'sp.program', 'sp.yearOfStudy'])
      .orderBy('d.name')
      .orderBy('sp.program')
      .orderBy('sp.yearOfStudy');
    if (input.departmentId) q = q.where('d.id', '=', input.departmentId);
    const rows = await q.execute();
    return {
      items: rows.map((r) => ({
        departmentId: r.departmentId,
        department: r.department,
        program: r.program!,
        yearOfStudy: Number(r.yearOfStudy),
        students: Number(r.students),
      })),
    };
  },
  async 'reports:handover'(ctx, input) {
    const progress = progressFor(input.taskId);
    prepareRenderWorker();
    progress(STAGE.read, STAGE.done, 'Reading records');
    const student = await ctx.db
      .selectFrom('student_profiles as sp')
      .innerJoin('users as u', 'u.id', 'sp.userId')
      .select(['sp.userId', 'u.departmentId'])
      .where('sp.userId', '=', input.studentId)
      .where(scopeStudents(ctx.actor, 'sp'))
      .executeTakeFirst();
    if (!student) throw notFound('Student');
    const data = await loadHandover(ctx, student.userId);
    const subject = `${data.student.name} · ${data.student.rollNumber}`;
    const { h, dept } = await header(ctx, student.departmentId, 'Handover Packet', subject);
    progress(STAGE.layout, STAGE.done, 'Laying out pages');
    const pdf = await renderPdf(buildHandover(h, data), { onProgress: drawProgress(progress) });
    progress(STAGE.done, STAGE.done, 'Done');
    return {
      fileName: `handover_${slug(dept)}_${slug(data.student.rollNumber)}.pdf`,
      pdfBase64: pdf.buffer.toString('base64'),
      pages: pdf.pages,
    };
  },
  async 'record-books:cancel'(ctx, input) {
    return { cancelled: cancelTask(input.taskId, ctx.actor.userId) };
  },
};

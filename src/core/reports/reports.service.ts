import type { ReportFile } from '../../shared/contract/reports.contract.ts';
import type { reportsContract } from '../../shared/contract/reports.contract.ts';
import type { AuthedContext } from '../context.ts';
import type { HandlersFor } from '../handler-types.ts';
import { isAdminRole } from '../auth/actor.ts';
import { buildDepartmentReport } from './department-report.ts';
import { loadDepartmentSummary } from './department.queries.ts';
import { buildDossier } from './dossier-report.ts';
import { loadDossier } from './dossier.queries.ts';
import type { ReportDocument, ReportHeader } from './frame.ts';
import { slug } from './format.ts';
import { buildMentorLoadReport } from './mentor-load-report.ts';
import { loadMentorLoad } from './mentor-load.queries.ts';
import { resolvePeriod, type Period } from './period.ts';
import { beginTask, cancelTask, drawProgress, progressFor, STAGE } from './progress.ts';
import { prepareRenderWorker, renderPdf } from './render.ts';
import { buildRiskReport } from './risk-report.ts';
import { loadRiskReport } from './risk.queries.ts';
import { buildSessionReport } from './session-report.ts';
import { loadSessionRows } from './sessions.queries.ts';
import {
  departmentLabel,
  departmentSlug,
  resolveTarget,
  type ReportTarget,
  type TargetInput,
} from './target.queries.ts';

// The reports:* handlers: resolve what the report is about (in scope), read its data with the
// scope predicates, build the document (pure), render it. Progress goes out under the call's
// taskId (see progress.ts).

type Built = { doc: ReportDocument; fileName: string };

// The data is read here, in the call (scope predicates, one consistent read); only drawing the PDF
// leaves this thread (render.ts), so the shell stays responsive and the report can be cancelled.
// Also used by the compliance sheet and guardian letters.
export async function produce(
  ctx: AuthedContext,
  taskId: string | undefined,
  build: () => Promise<Built>,
): Promise<ReportFile> {
  const progress = progressFor(taskId);
  const task = beginTask(taskId, ctx.actor.userId);
  try {
    prepareRenderWorker();
    progress(STAGE.read, STAGE.done, 'Reading records');
    const { doc, fileName } = await build();
    progress(STAGE.layout, STAGE.done, 'Laying out pages');
    const pdf = await renderPdf(doc, { onProgress: drawProgress(progress), signal: task.signal });
    progress(STAGE.done, STAGE.done, 'Done');
    return { fileName, pdfBase64: pdf.buffer.toString('base64'), pages: pdf.pages };
  } finally {
    task.end();
  }
}

export function header(
  ctx: AuthedContext,
  t: ReportTarget,
  title: string,
  period: Period | null,
  subject?: string,
): ReportHeader {
  return {
    institution: t.institution,
    department: departmentLabel(t),
    title,
    subject,
    period: period?.label ?? null,
    generatedBy: t.generatedBy,
    generatedAt: ctx.now,
    confidential: ctx.actor.role !== 'STUDENT',
  };
}

function subjectOf(t: ReportTarget, ctx: AuthedContext): string | undefined {
  // A mentor's report covers its own mentees (its scope) unless it names one of them.
  if (ctx.actor.role === 'MENTOR' && !t.mentor && !t.student) return `Mentees of ${t.reader}`;
  const parts = [
    t.mentor ? `Mentor: ${t.mentor.name}` : null,
    t.student ? `Student: ${t.student.name} (${t.student.rollNumber})` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(' · ') : undefined;
}

const fileName = (kind: string, t: ReportTarget, p: Period | null, extra?: string): string =>
  `${[kind, departmentSlug(t), extra, p ? `${p.from}-to-${p.to}` : null]
    .filter(Boolean)
    .map((s) => slug(s!))
    .join('_')}.pdf`;

const target = (ctx: AuthedContext, input: TargetInput): Promise<ReportTarget> => resolveTarget(ctx, input);

export const reportsHandlers: HandlersFor<typeof reportsContract> = {
  async 'reports:sessions'(ctx, input) {
    return produce(ctx, input.taskId, async () => {
      const t = await target(ctx, input);
      const period = resolvePeriod(input, ctx.now);
      // Students never reach this call; staff see summaries per sessionSummary() in SQL.
      const showSummary =
        input.includeSummaries && (isAdminRole(ctx.actor.role) || ctx.actor.role === 'MENTOR');
      const rows = await loadSessionRows(ctx, t, period, showSummary);
      const doc = buildSessionReport({
        header: header(ctx, t, 'Mentoring Session Report', period, subjectOf(t, ctx)),
        rows,
        showSummary,
      });
      return { doc, fileName: fileName('sessions', t, period, t.mentor?.name ?? t.student?.rollNumber) };
    });
  },
  async 'reports:risk'(ctx, input) {
    return produce(ctx, input.taskId, async () => {
      const t = await target(ctx, input);
      const period = resolvePeriod(input, ctx.now);
      const data = await loadRiskReport(ctx, t, period);
      const h = header(ctx, t, 'Students at Risk', period, subjectOf(t, ctx));
      const doc = buildRiskReport({ header: h, period, generatedAt: ctx.now, ...data });
      return { doc, fileName: fileName('risk', t, period, t.mentor?.name) };
    });
  },
  async 'reports:mentor-load'(ctx, input) {
    return produce(ctx, input.taskId, async () => {
      const t = await target(ctx, input);
      const period = resolvePeriod(input, ctx.now);
      const mentors = await loadMentorLoad(ctx, t, period);
      const doc = buildMentorLoadReport({
        header: header(ctx, t, 'Mentor Load Report', period, subjectOf(t, ctx)),
        mentors,
      });
      return { doc, fileName: fileName('mentor-load', t, period, t.mentor?.name) };
    });
  },
  async 'reports:student'(ctx, input) {
    return produce(ctx, input.taskId, async () => {
      const t = await target(ctx, { studentId: input.studentId });
      const period = input.from || input.to ? resolvePeriod(input, ctx.now) : null;
      const dossier = await loadDossier(ctx, t.student!.id, period);
      const h = header(
        ctx,
        t,
        'Student Mentoring Dossier',
        period,
        `${t.student!.name} · ${t.student!.rollNumber}`,
      );
      return {
        doc: buildDossier({ header: h, ...dossier }),
        fileName: fileName('dossier', t, period, t.student!.rollNumber),
      };
    });
  },
  async 'reports:department'(ctx, input) {
    return produce(ctx, input.taskId, async () => {
      const t = await target(ctx, input);
      const period = resolvePeriod(input, ctx.now);
      const summary = await loadDepartmentSummary(ctx, t, period);
      const doc = buildDepartmentReport({
        header: header(ctx, t, 'Department Mentoring Summary', period),
        ...summary,
      });
      return { doc, fileName: fileName('department-summary', t, period) };
    });
  },
  async 'reports:cancel'(ctx, input) {
    return { cancelled: cancelTask(input.taskId, ctx.actor.userId) };
  },
};

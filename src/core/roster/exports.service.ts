import {
  EXPORT_MAX_ROWS,
  EXPORT_TABLES,
  type exportsContract,
} from '../../shared/contract/exports.contract.ts';
import type { ExportInput } from '../../shared/contract/exports.contract.ts';
import type { FileDownload } from '../../shared/contract/roster.contract.ts';
import { canCall } from '../../shared/permissions.ts';
import type { AuthedContext } from '../context.ts';
import { AppError, forbidden } from '../errors.ts';
import type { HandlersFor } from '../handler-types.ts';
import { alertsHandlers } from '../alerts/alerts.service.ts';
import { auditHandlers } from '../audit/audit.service.ts';
import { goalsHandlers } from '../goals/goals.service.ts';
import { mentorsHandlers } from '../mentors/mentors.service.ts';
import { sessionsHandlers } from '../sessions/sessions.service.ts';
import { studentsHandlers } from '../students/students.service.ts';
import { LAYOUTS, type TableLayout } from './export-tables.ts';
import { csvSink, xlsxSink, type TableSink } from './write-table-stream.ts';

// exports:table. The rows come from the table's own list handler (same scope, filters and sort
// as the screen), a page at a time, straight into a streaming writer.

const PAGE = 2000;

type Fetch<R> = (page: number, pageSize: number) => Promise<{ rows: R[]; total: number }>;

function tooMany(total: number): AppError {
  const n = (x: number): string => x.toLocaleString('en-US');
  return new AppError(
    'VALIDATION',
    `This view has ${n(total)} rows; an export holds at most ${n(EXPORT_MAX_ROWS)}. Narrow the filters (a department, a date range, a status) and export again.`,
  );
}

/** Pages through the list until every row counted on the first page is written (or a page runs short). */
async function pump<R>(fetch: Fetch<R>, layout: TableLayout<R>, sink: TableSink): Promise<number> {
  const first = await fetch(1, PAGE);
  if (first.total > EXPORT_MAX_ROWS) throw tooMany(first.total);
  const cells = (rows: R[]) => rows.map((r) => layout.columns.map(([, value]) => value(r)));
  await sink.addRows(cells(first.rows));
  let written = first.rows.length;
  for (let page = 2; written < first.total && written < EXPORT_MAX_ROWS; page++) {
    const next = await fetch(page, PAGE);
    if (next.rows.length === 0) break;
    await sink.addRows(cells(next.rows));
    written += next.rows.length;
  }
  return written;
}

async function rowsInto(ctx: AuthedContext, input: ExportInput, sink: TableSink): Promise<number> {
  switch (input.table) {
    case 'students':
      return pump(
        (page, pageSize) => studentsHandlers['students:list'](ctx, { ...input.filter, page, pageSize }),
        LAYOUTS.students,
        sink,
      );
    case 'mentors':
      return pump(
        (page, pageSize) => mentorsHandlers['mentors:list'](ctx, { ...input.filter, page, pageSize }),
        LAYOUTS.mentors,
        sink,
      );
    case 'sessions':
      return pump(
        (page, pageSize) => sessionsHandlers['sessions:list'](ctx, { ...input.filter, page, pageSize }),
        LAYOUTS.sessions,
        sink,
      );
    case 'alerts':
      return pump(
        (page, pageSize) => alertsHandlers['alerts:list'](ctx, { ...input.filter, page, pageSize }),
        LAYOUTS.alerts,
        sink,
      );
    case 'audit':
      return pump(
        (page, pageSize) => auditHandlers['audit:list'](ctx, { ...input.filter, page, pageSize }),
        LAYOUTS.audit,
        sink,
      );
    case 'goals':
      return pump(
        (page, pageSize) => goalsHandlers['goals:list'](ctx, { ...input.filter, page, pageSize }),
        LAYOUTS.goals,
        sink,
      );
  }
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

export async function exportTable(ctx: AuthedContext, input: ExportInput): Promise<FileDownload> {
  if (!canCall(ctx.actor.role, EXPORT_TABLES[input.table])) {
    throw forbidden('Your role cannot open this table, so it cannot export it either.');
  }
  const layout: TableLayout<unknown> = LAYOUTS[input.table] as TableLayout<unknown>;
  const headers = layout.columns.map(([h]) => h);
  const sink = input.format === 'xlsx' ? await xlsxSink(headers, layout.title) : csvSink(headers);
  const rows = await rowsInto(ctx, input, sink);
  const bytes = await sink.finish();
  return {
    fileName: `${layout.title} ${ctx.now.slice(0, 10)}.${input.format}`,
    mimeType: MIME[input.format],
    base64: bytes.toString('base64'),
    rows,
  };
}

export const exportsHandlers: HandlersFor<typeof exportsContract> = {
  'exports:table': exportTable,
};

import { z } from 'zod';
import { ALL_ROLES, defineCall } from './define.ts';
import { alertsContract } from './alerts.contract.ts';
import { auditContract } from './audit.contract.ts';
import { goalsContract } from './goals.contract.ts';
import { mentorsContract } from './mentors.contract.ts';
import { sessionsContract } from './sessions.contract.ts';
import { studentsContract } from './students.contract.ts';
import { EXPORT_FORMATS, fileDownload } from './roster.contract.ts';

// Exports of table screens (issue 7 item 6): the table's current filter and sort, exactly as its
// list call takes them (without paging), to .xlsx or .csv. Each table is allowed to whoever may
// make its list call, and holds what that call would show them, page after page.

export const EXPORT_MAX_ROWS = 100_000;

// A list call's input without page and pageSize; a missing filter takes the list's defaults.
const NO_PAGING = { page: true, pageSize: true } as const;

const table = <N extends string, F extends z.ZodType>(name: N, filter: F) =>
  z.strictObject({ table: z.literal(name), format: z.enum(EXPORT_FORMATS), filter });

export const EXPORT_TABLES = {
  students: 'students:list',
  mentors: 'mentors:list',
  sessions: 'sessions:list',
  alerts: 'alerts:list',
  audit: 'audit:list',
  goals: 'goals:list',
} as const;
export type ExportTable = keyof typeof EXPORT_TABLES;

export const exportInput = z.discriminatedUnion('table', [
  table('students', studentsContract['students:list'].input.omit(NO_PAGING).prefault({})),
  table('mentors', mentorsContract['mentors:list'].input.omit(NO_PAGING).prefault({})),
  table('sessions', sessionsContract['sessions:list'].input.omit(NO_PAGING).prefault({})),
  table('alerts', alertsContract['alerts:list'].input.omit(NO_PAGING).prefault({})),
  table('audit', auditContract['audit:list'].input.omit(NO_PAGING).prefault({})),
  table('goals', goalsContract['goals:list'].input.omit(NO_PAGING).prefault({})),
]);
export type ExportInput = z.output<typeof exportInput>;

export const exportsContract = {
  'exports:table': defineCall({
    summary: `A table screen's current filter as .xlsx or .csv (at most ${EXPORT_MAX_ROWS.toLocaleString('en-US')} rows).`,
    input: exportInput,
    output: fileDownload,
    roles: ALL_ROLES,
    write: false,
  }),
};

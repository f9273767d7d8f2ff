import { Link } from 'react-router';
import { createColumnHelper } from '@tanstack/react-table';
import type { CallInput } from '../../../shared/contract/index.ts';
import type { StudentRow } from '../../../shared/contract/students.contract.ts';
import { formatGpa, formatPercent } from '../../format.ts';
import { RISK } from './badges.tsx';
import classes from './students-table.module.css';

export type StudentSortKey = NonNullable<CallInput<'students:list'>['sort']>;

const column = createColumnHelper<StudentRow>();

export const mentorNames = (s: StudentRow): string =>
  s.mentors
    .map((m) => `${m.firstName} ${m.lastName}${m.assignmentStatus === 'PAUSED' ? ' (paused)' : ''}`)
    .join(', ');

export const studentColumns = [
  column.accessor((s) => `${s.lastName}, ${s.firstName}`, {
    id: 'name' satisfies StudentSortKey,
    header: 'Name',
    size: 210,
    cell: (c) => {
      const s = c.row.original;
      return (
        <>
          <Link to={`/students/${s.id}`} className={classes.name}>
            {s.firstName} {s.lastName}
          </Link>
          {s.status !== 'ACTIVE' && (
            <span className={`${classes.tag} ${classes[s.status]}`}>
              {s.status === 'DISABLED' ? 'Disabled' : 'Invited'}
            </span>
          )}
        </>
      );
    },
  }),
  column.accessor('rollNumber', {
    id: 'rollNumber' satisfies StudentSortKey,
    header: 'Roll number',
    size: 120,
  }),
  column.accessor('program', {
    id: 'program' satisfies StudentSortKey,
    header: 'Program',
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('yearOfStudy', {
    id: 'yearOfStudy' satisfies StudentSortKey,
    header: 'Year',
    size: 70,
    meta: { align: 'right' },
    cell: (c) => c.getValue() ?? '—',
  }),
  column.accessor('gpa', {
    id: 'gpa' satisfies StudentSortKey,
    header: 'GPA',
    size: 76,
    meta: { align: 'right' },
    cell: (c) => formatGpa(c.getValue()),
  }),
  column.accessor('attendancePct', {
    id: 'attendancePct' satisfies StudentSortKey,
    header: 'Attendance',
    size: 112,
    meta: { align: 'right' },
    cell: (c) => formatPercent(c.getValue()),
  }),
  column.accessor('riskLevel', {
    id: 'riskLevel' satisfies StudentSortKey,
    header: 'Risk',
    size: 90,
    cell: (c) => (
      <span className={`${classes.risk} ${classes[c.getValue()]}`}>{RISK[c.getValue()].label}</span>
    ),
  }),
  column.accessor(mentorNames, {
    id: 'mentors',
    header: 'Mentor',
    enableSorting: false,
    size: 190,
    cell: (c) => c.getValue() || <span className={classes.unassigned}>Unassigned</span>,
  }),
];

/** Department column, for admins who see more than one department. */
export const departmentColumn = column.accessor('departmentName', {
  header: 'Department',
  enableSorting: false,
  size: 150,
  cell: (c) => c.getValue() ?? '—',
});

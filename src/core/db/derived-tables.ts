// Local tables derived from others and kept by triggers (migration 0018's local_session_counts).
// A bulk load sets their triggers aside with the loaded table's indexes (deferred-indexes.ts): any
// trigger on a table makes SQLite keep a statement journal for every row written, a copy of each
// page the row changes (session_records has ten indexes): 45 µs a row, 2.6 s of an office's first
// sync. After the load the table is counted again from scratch, in two statements.

export interface DerivedTable {
  /** Its triggers' names start with this; they are set aside and put back as they were. */
  triggerPrefix: string;
  /** Statements that make it equal to what its triggers keep, whatever it held. */
  refill: readonly string[];
}

export const DERIVED_TABLES: readonly DerivedTable[] = [
  {
    triggerPrefix: 'local_session_counts_',
    refill: [
      'delete from local_session_counts',
      `insert into local_session_counts (departmentId, status, sessionDate, n)
        select a.departmentId, s.status, s.sessionDate, count(*)
        from session_records s join mentor_assignments a on a.id = s.assignmentId
        group by a.departmentId, s.status, s.sessionDate`,
    ],
  },
];

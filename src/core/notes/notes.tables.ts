import type { ColumnType } from 'kysely';
import type { IsoDateTime } from '../db/schema.ts';

// Tables added by migration 0007 (additive). student_notes is synced, and the sync module's table list
// is typed against Database, so these are part of Database (db/schema.ts extends NotesTables).

import type { NOTE_CATEGORIES, NOTE_VISIBILITIES } from '../../shared/contract/notes.contract.ts';

export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

export interface StudentNotesTable {
  id: string;
  studentId: string;
  authorId: string;
  sessionId: string | null;
  visibility: ColumnType<NoteVisibility, NoteVisibility | undefined, NoteVisibility>;
  category: ColumnType<NoteCategory, NoteCategory | undefined, NoteCategory>;
  body: string;
  createdAt: ColumnType<IsoDateTime, IsoDateTime | undefined, IsoDateTime>;
  updatedAt: IsoDateTime;
}

export interface DepartmentNoteSettingsTable {
  departmentId: string;
  /** 1 = a former mentor's STAFF notes stay readable by the student's new mentor(s). */
  notesFollowHandover: ColumnType<number, number | undefined, number>;
  updatedById: string | null;
  createdAt: ColumnType<IsoDateTime, IsoDateTime | undefined, IsoDateTime>;
  updatedAt: IsoDateTime;
}

export interface NotesTables {
  student_notes: StudentNotesTable;
  department_note_settings: DepartmentNoteSettingsTable;
}

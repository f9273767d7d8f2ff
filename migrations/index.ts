import type { Migration } from 'kysely';
import * as m0001 from './0001_seed_schema.ts';
import * as m0002 from './0002_sync_bookkeeping.ts';
import * as m0003 from './0003_central_change_capture.ts';
import * as m0004 from './0004_local_sync_refetch.ts';
import * as m0005 from './0005_care_settings_and_blobs.ts';
import * as m0006 from './0006_roster_mappings.ts';
import * as m0007 from './0007_restricted_notes.ts';
import * as m0008 from './0008_guardians_compliance_kudos.ts';
import * as m0009 from './0009_note_settings_capture.ts';
import * as m0010 from './0010_session_assignment_status_index.ts';
import * as m0011 from './0011_session_scope_index.ts';
import * as m0012 from './0012_feedback_read_indexes.ts';
import * as m0013 from './0013_goals_page_index.ts';
import * as m0014 from './0014_pending_sessions_index.ts';
import * as m0015 from './0015_audit_logs_uncaptured.ts';
import * as m0016 from './0016_session_calendar_index.ts';
import * as m0017 from './0017_session_change_parent.ts';
import * as m0018 from './0018_local_session_counts.ts';

// Static list so the Electron bundle, the CLI and the tests all run the same migrations.
// Names sort in run order. Append only.
export const MIGRATIONS: Record<string, Migration> = {
  '0001_seed_schema': m0001,
  '0002_sync_bookkeeping': m0002,
  '0003_central_change_capture': m0003,
  '0004_local_sync_refetch': m0004,
  '0005_care_settings_and_blobs': m0005,
  '0006_roster_mappings': m0006,
  '0007_restricted_notes': m0007,
  '0008_guardians_compliance_kudos': m0008,
  '0009_note_settings_capture': m0009,
  '0010_session_assignment_status_index': m0010,
  '0011_session_scope_index': m0011,
  '0012_feedback_read_indexes': m0012,
  '0013_goals_page_index': m0013,
  '0014_pending_sessions_index': m0014,
  '0015_audit_logs_uncaptured': m0015,
  '0016_session_calendar_index': m0016,
  '0017_session_change_parent': m0017,
  '0018_local_session_counts': m0018,
};

import type { ReactElement } from 'react';
import type { Attendance, SessionMode, SessionStatus } from '../../../shared/domain/enums.ts';
import { SESSION_MODE, SESSION_STATUS, ToneBadge, type Tone } from '../students/badges.tsx';

// Session words and colours; the shared tones come from the office screens' badges so a
// "Completed" session looks the same everywhere.

export { SESSION_MODE };

export const ATTENDANCE: Readonly<Record<Attendance, Tone>> = {
  PRESENT: { label: 'Present', color: 'teal' },
  ABSENT: { label: 'Absent', color: 'red' },
};

const REQUESTED: Tone = { label: 'Requested', color: 'violet' };

export function SessionStatusBadge({
  status,
  requested = false,
}: {
  status: SessionStatus;
  requested?: boolean;
}): ReactElement {
  return <ToneBadge tone={requested && status === 'SCHEDULED' ? REQUESTED : SESSION_STATUS[status]} />;
}

export const MODE_OPTIONS: { value: SessionMode; label: string }[] = (
  Object.keys(SESSION_MODE) as SessionMode[]
).map((value) => ({ value, label: SESSION_MODE[value] }));

export const ATTENDANCE_OPTIONS: { value: Attendance; label: string }[] = [
  { value: 'PRESENT', label: 'Present' },
  { value: 'ABSENT', label: 'Did not come' },
];

import type { ReactElement } from 'react';
import { Badge } from '@mantine/core';
import type {
  AlertCategory,
  AlertSeverity,
  AssignmentStatus,
  AvailabilityStatus,
  RiskLevel,
  SessionMode,
  SessionStatus,
} from '../../../shared/domain/enums.ts';

// Words and colours for the enums the office screens show, in one place so a "High" risk or a
// "Critical" alert looks the same on every screen and chart.

export interface Tone {
  label: string;
  color: string;
}

export const RISK: Readonly<Record<RiskLevel, Tone>> = {
  LOW: { label: 'Low', color: 'teal' },
  MEDIUM: { label: 'Medium', color: 'orange' },
  HIGH: { label: 'High', color: 'red' },
};

export const SEVERITY: Readonly<Record<AlertSeverity, Tone>> = {
  INFO: { label: 'Info', color: 'blue' },
  WARN: { label: 'Warning', color: 'orange' },
  CRITICAL: { label: 'Critical', color: 'red' },
};

export const AVAILABILITY: Readonly<Record<AvailabilityStatus, Tone>> = {
  AVAILABLE: { label: 'Available', color: 'teal' },
  LIMITED: { label: 'Limited', color: 'yellow' },
  UNAVAILABLE: { label: 'Unavailable', color: 'gray' },
};

export const ASSIGNMENT_STATUS: Readonly<Record<AssignmentStatus, Tone>> = {
  ACTIVE: { label: 'Active', color: 'teal' },
  PAUSED: { label: 'Paused', color: 'yellow' },
  ENDED: { label: 'Ended', color: 'gray' },
};

export const SESSION_STATUS: Readonly<Record<SessionStatus, Tone>> = {
  SCHEDULED: { label: 'Scheduled', color: 'blue' },
  COMPLETED: { label: 'Completed', color: 'teal' },
  CANCELLED: { label: 'Cancelled', color: 'gray' },
};

export const SESSION_MODE: Readonly<Record<SessionMode, string>> = {
  IN_PERSON: 'In person',
  ONLINE: 'Online',
  PHONE: 'Phone',
};

export const ALERT_CATEGORY: Readonly<Record<AlertCategory, string>> = {
  ATTENDANCE: 'Attendance',
  GPA: 'GPA',
  BEHAVIOR: 'Behaviour',
  GRIEVANCE: 'Grievance',
};

export function ToneBadge({ tone, size = 'sm' }: { tone: Tone; size?: 'xs' | 'sm' | 'md' }): ReactElement {
  return (
    <Badge color={tone.color} size={size} variant="light">
      {tone.label}
    </Badge>
  );
}

export function RiskBadge({ level }: { level: RiskLevel }): ReactElement {
  return <ToneBadge tone={RISK[level]} />;
}

export function SeverityBadge({ severity }: { severity: AlertSeverity }): ReactElement {
  return <ToneBadge tone={SEVERITY[severity]} />;
}

/** Options for a Select over an enum, in the enum's order. */
export function toneOptions<K extends string>(map: Readonly<Record<K, Tone>>): { value: K; label: string }[] {
  return (Object.keys(map) as K[]).map((value) => ({ value, label: map[value].label }));
}

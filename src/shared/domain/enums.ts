// The seed's enums, verbatim (SCHEMA.md). Migrations keep their own frozen copies on purpose.
export const ROLE_NAMES = [
  'SUPER_ADMIN',
  'INSTITUTION_ADMIN',
  'DEPARTMENT_ADMIN',
  'MENTOR',
  'STUDENT',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

export const USER_STATUSES = ['ACTIVE', 'DISABLED', 'INVITED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const AVAILABILITY_STATUSES = ['AVAILABLE', 'LIMITED', 'UNAVAILABLE'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATUSES)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ASSIGNMENT_STATUSES = ['ACTIVE', 'PAUSED', 'ENDED'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const SESSION_MODES = ['IN_PERSON', 'ONLINE', 'PHONE'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];

export const ATTENDANCE_VALUES = ['PRESENT', 'ABSENT'] as const;
export type Attendance = (typeof ATTENDANCE_VALUES)[number];

export const SESSION_STATUSES = ['SCHEDULED', 'COMPLETED', 'CANCELLED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const FEEDBACK_TYPES = ['MENTOR_TO_STUDENT', 'STUDENT_TO_MENTOR'] as const;
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

export const FEEDBACK_VISIBILITIES = ['MENTOR', 'STUDENT', 'DEPARTMENT_ADMIN'] as const;
export type FeedbackVisibility = (typeof FEEDBACK_VISIBILITIES)[number];

export const GOAL_CATEGORIES = ['ACADEMIC', 'BEHAVIORAL', 'CAREER', 'WELLNESS'] as const;
export type GoalCategory = (typeof GOAL_CATEGORIES)[number];

export const GOAL_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'AT_RISK', 'COMPLETED'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const NOTIFICATION_TYPES = [
  'SESSION_REMINDER',
  'GOAL_DUE',
  'ALERT',
  'ASSIGNMENT',
  'FEEDBACK',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const ALERT_SEVERITIES = ['INFO', 'WARN', 'CRITICAL'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_CATEGORIES = ['ATTENDANCE', 'GPA', 'BEHAVIOR', 'GRIEVANCE'] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];

export const ALERT_STATUSES = ['OPEN', 'CLOSED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ATTACHMENT_RELATED_TYPES = ['SESSION', 'FEEDBACK', 'GOAL', 'ASSIGNMENT'] as const;
export type AttachmentRelatedType = (typeof ATTACHMENT_RELATED_TYPES)[number];

import { z } from 'zod';
import { ADMIN_ROLES, defineCall } from './define.ts';
import {
  ALERT_SEVERITIES,
  ASSIGNMENT_STATUSES,
  AVAILABILITY_STATUSES,
  GOAL_STATUSES,
  RISK_LEVELS,
  SESSION_MODES,
} from '../domain/enums.ts';
import { id } from '../domain/fields.ts';

// The numbers and lists each role's home screen shows (issue 4 item 8). Months are calendar months
// in UTC. Every figure is limited to the caller's scope.

const count = z.number().int().min(0);
const bySeverity = z.object(
  Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, count])) as Record<
    (typeof ALERT_SEVERITIES)[number],
    typeof count
  >,
);
const byRisk = z.object(
  Object.fromEntries(RISK_LEVELS.map((s) => [s, count])) as Record<
    (typeof RISK_LEVELS)[number],
    typeof count
  >,
);
const byGoalStatus = z.object(
  Object.fromEntries(GOAL_STATUSES.map((s) => [s, count])) as Record<
    (typeof GOAL_STATUSES)[number],
    typeof count
  >,
);
const sessionMonth = z.object({
  month: z.string(),
  completed: count,
  scheduled: count,
  cancelled: count,
});

export const actionItemDto = z.object({
  sessionId: z.string(),
  sessionDate: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  text: z.string(),
  dueOn: z.string().nullable(),
});

const syncHealth = z.discriminatedUnion('side', [
  z.object({
    side: z.literal('central'),
    head: z.number().int(),
    clients: z.array(
      z.object({
        clientId: z.string(),
        userId: z.string(),
        userName: z.string(),
        appVersion: z.string().nullable(),
        lastPushAt: z.string().nullable(),
        lastPullAt: z.string().nullable(),
        /** Changes central holds that this client has not pulled yet. */
        behind: z.number().int(),
      }),
    ),
    /** Clients that have not pulled for more than 7 days. */
    stale: count,
  }),
  z.object({
    side: z.literal('local'),
    mode: z.string(),
    lastSuccessAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
    outbox: z.object({ pending: count, rejected: count, conflict: count }),
    oldestPendingAt: z.string().nullable(),
  }),
]);

const person = z.object({ id: z.string(), name: z.string() });

export const dashboardsContract = {
  'dashboards:admin': defineCall({
    summary: 'Office overview for your scope: people, assignments, sessions, alerts, risk, sync health.',
    input: z.strictObject({}),
    output: z.object({
      asOf: z.string(),
      counts: z.object({
        institutions: count,
        departments: count,
        mentors: count,
        students: count,
        invitedUsers: count,
        disabledUsers: count,
        activeAssignments: count,
        unassignedStudents: count,
        sessionsThisMonth: count,
      }),
      openAlerts: bySeverity,
      risk: byRisk,
      sync: syncHealth,
    }),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'dashboards:department': defineCall({
    summary:
      'One department: mentees per mentor, sessions this month vs last, open alerts, risk distribution, pending sessions.',
    input: z.strictObject({ departmentId: id.optional() }),
    output: z.object({
      asOf: z.string(),
      department: person,
      mentors: z.array(
        person.extend({
          active: count,
          paused: count,
          maxMentees: count,
          availabilityStatus: z.enum(AVAILABILITY_STATUSES),
        }),
      ),
      sessions: z.object({ thisMonth: sessionMonth, lastMonth: sessionMonth }),
      openAlerts: bySeverity,
      risk: byRisk,
      pendingSessions: z.object({
        total: count,
        /** The oldest first, at most 20. */
        rows: z.array(
          z.object({
            id: z.string(),
            sessionDate: z.string(),
            topic: z.string(),
            mentor: person,
            student: person,
          }),
        ),
      }),
    }),
    roles: ADMIN_ROLES,
    write: false,
  }),
  'dashboards:mentor': defineCall({
    summary:
      'My mentees with risk, last session and next meeting; my open action items and upcoming sessions.',
    input: z.strictObject({}),
    output: z.object({
      asOf: z.string(),
      counts: z.object({
        mentees: count,
        highRisk: count,
        mediumRisk: count,
        openAlerts: count,
        /** Scheduled in the past and never completed or cancelled. */
        pendingSessions: count,
        /** Scheduled within the next 7 days. */
        upcomingSessions: count,
        openActionItems: count,
      }),
      mentees: z.array(
        z.object({
          studentId: z.string(),
          name: z.string(),
          rollNumber: z.string(),
          riskLevel: z.enum(RISK_LEVELS),
          assignmentStatus: z.enum(ASSIGNMENT_STATUSES),
          lastSessionAt: z.string().nullable(),
          nextSessionAt: z.string().nullable(),
          nextMeetingOn: z.string().nullable(),
          openActionItems: count,
        }),
      ),
      upcoming: z.array(
        z.object({
          id: z.string(),
          sessionDate: z.string(),
          topic: z.string(),
          mode: z.enum(SESSION_MODES),
          student: person,
        }),
      ),
      actionItems: z.array(actionItemDto),
    }),
    roles: ['MENTOR'],
    write: false,
  }),
  'dashboards:student': defineCall({
    summary: 'My mentor, my next session, my goals’ progress and my open action items.',
    input: z.strictObject({}),
    output: z.object({
      asOf: z.string(),
      mentors: z.array(
        person.extend({
          email: z.string(),
          phone: z.string().nullable(),
          designation: z.string().nullable(),
          assignmentStatus: z.enum(ASSIGNMENT_STATUSES),
        }),
      ),
      upcoming: z
        .object({
          id: z.string(),
          sessionDate: z.string(),
          mode: z.enum(SESSION_MODES),
          location: z.string().nullable(),
          topic: z.string(),
          mentor: person,
        })
        .nullable(),
      goals: z.object({
        total: count,
        byStatus: byGoalStatus,
        /** Mean progressPct over goals not yet completed (null when there are none). */
        averageProgress: z.number().nullable(),
        overdue: count,
        open: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            status: z.enum(GOAL_STATUSES),
            progressPct: count,
            targetDate: z.string().nullable(),
            overdue: z.boolean(),
          }),
        ),
      }),
      actionItems: z.array(actionItemDto),
      unreadNotifications: count,
    }),
    roles: ['STUDENT'],
    write: false,
  }),
};

import { describe, expect, it } from 'vitest';
import { notificationTarget } from './notification-target.ts';

describe('where a notification leads', () => {
  it('opens the session, goal or mentee it is about', () => {
    expect(notificationTarget({ type: 'SESSION_REMINDER', payload: { sessionId: 's1' } }, 'STUDENT')).toBe(
      '/sessions/s1',
    );
    expect(
      notificationTarget({ type: 'FEEDBACK', payload: { feedbackId: 'f', sessionId: 's2' } }, 'MENTOR'),
    ).toBe('/sessions/s2');
    expect(
      notificationTarget({ type: 'GOAL_DUE', payload: { goalId: 'g1', studentId: 'x' } }, 'STUDENT'),
    ).toBe('/goals?goal=g1');
    expect(notificationTarget({ type: 'ALERT', payload: { studentId: 'st' } }, 'MENTOR')).toBe('/mentees/st');
    expect(
      notificationTarget({ type: 'ASSIGNMENT', payload: { kind: 'handover', studentId: 'st' } }, 'MENTOR'),
    ).toBe('/mentees/st?tab=handover');
  });

  it('stays put when the payload names nothing it can open', () => {
    expect(notificationTarget({ type: 'ALERT', payload: null }, 'MENTOR')).toBeNull();
    expect(
      notificationTarget({ type: 'ALERT', payload: { studentId: 'st' } }, 'DEPARTMENT_ADMIN'),
    ).toBeNull();
    expect(notificationTarget({ type: 'SESSION_REMINDER', payload: 'junk' }, 'STUDENT')).toBeNull();
  });
});

describe('issue 12 payloads', () => {
  it('kudos, compliance reminders and digests', () => {
    expect(
      notificationTarget({ type: 'FEEDBACK', payload: { kind: 'KUDOS', kudosId: 'k' } }, 'STUDENT'),
    ).toBe('/student');
    expect(
      notificationTarget(
        { type: 'ALERT', payload: { kind: 'COMPLIANCE', rule: 'CONTACT', studentId: 's1' } },
        'MENTOR',
      ),
    ).toBe('/mentees/s1');
    expect(
      notificationTarget(
        { type: 'ALERT', payload: { kind: 'COMPLIANCE', rule: 'LOAD', mentorId: 'm1' } },
        'DEPARTMENT_ADMIN',
      ),
    ).toBe('/compliance');
    expect(
      notificationTarget({ type: 'GOAL_DUE', payload: { kind: 'DIGEST', items: [] } }, 'STUDENT'),
    ).toBeNull();
    const summary = { type: 'ALERT' as const, payload: { kind: 'ALERT_SUMMARY', count: 40 } };
    expect(notificationTarget(summary, 'DEPARTMENT_ADMIN')).toBe('/alerts');
    expect(notificationTarget(summary, 'MENTOR')).toBe('/mentees');
  });
});

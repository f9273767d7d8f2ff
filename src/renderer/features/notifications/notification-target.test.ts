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

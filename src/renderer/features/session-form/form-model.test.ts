import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../shared/contract/index.ts';
import type { SessionDetail } from '../../../shared/contract/sessions.contract.ts';
import {
  buildCall,
  emptyValues,
  fieldForIssue,
  incompleteDates,
  relevantIssues,
  newItemKey,
  valuesFromSession,
  type SessionFormValues,
} from './form-model.ts';

const recorded: SessionDetail = {
  id: 's1',
  assignmentId: 'a1',
  assignmentStatus: 'ACTIVE',
  departmentId: 'd1',
  mentorId: 'm1',
  mentorName: 'M',
  studentId: 'st1',
  studentName: 'S',
  rollNumber: '21CS1',
  sessionDate: '2026-03-02T04:30:00.000Z',
  mode: 'IN_PERSON',
  location: 'Room 4',
  topic: 'Attendance plan',
  attendance: 'PRESENT',
  status: 'COMPLETED',
  requested: false,
  createdById: 'm1',
  nextMeetingOn: null,
  actionItemsOpen: 1,
  summary: 'Talked about labs.',
  actionItems: [{ text: 'Meet the lab in-charge', done: false, dueOn: '2026-03-09' }],
  createdAt: '2026-03-02T05:00:00.000Z',
  updatedAt: '2026-03-02T05:00:00.000Z',
};

describe('session form → call', () => {
  it('records a new meeting with every field, and the contract accepts it', () => {
    const v: SessionFormValues = {
      ...emptyValues('a1', { date: '2026-03-02', time: '10:00' }),
      topic: 'Mid-term results',
      summary: 'Went through the marks.',
      actionItems: [
        { key: newItemKey(), text: 'Revise unit 3', done: false, dueOn: '2026-03-09' },
        { key: newItemKey(), text: '  ', done: false, dueOn: '' },
      ],
    };
    const c = buildCall('record', v, v);
    expect(c.name).toBe('sessions:record');
    expect(c.input).toMatchObject({
      assignmentId: 'a1',
      topic: 'Mid-term results',
      attendance: 'PRESENT',
      actionItems: [{ text: 'Revise unit 3', done: false, dueOn: '2026-03-09' }],
      nextMeetingOn: null,
    });
    expect(CONTRACT['sessions:record'].input.safeParse(c.input).success).toBe(true);
  });

  it('sends only what a correction changed', () => {
    const from = valuesFromSession(recorded);
    const v = { ...from, summary: 'Talked about labs and the library.' };
    expect(buildCall('edit', v, from, 's1')).toEqual({
      name: 'sessions:update',
      input: { id: 's1', summary: 'Talked about labs and the library.' },
    });
    const ticked = { ...from, actionItems: from.actionItems.map((i) => ({ ...i, done: true })) };
    expect(buildCall('edit', ticked, from, 's1').input).toEqual({
      id: 's1',
      actionItems: [{ text: 'Meet the lab in-charge', done: true, dueOn: '2026-03-09' }],
    });
    expect(
      CONTRACT['sessions:update'].input.safeParse(buildCall('edit', from, from, 's1').input).success,
    ).toBe(false);
  });

  it('completes a scheduled session with its attendance even when nothing else changed', () => {
    const from = valuesFromSession({ ...recorded, status: 'SCHEDULED', summary: null, actionItems: [] });
    const c = buildCall('complete', { ...from, attendance: 'ABSENT' }, from, 's1');
    expect(c).toEqual({ name: 'sessions:record', input: { sessionId: 's1', attendance: 'ABSENT' } });
  });

  it('finds the input of a core issue, skipping blank action item rows', () => {
    const v: SessionFormValues = {
      ...emptyValues('a1'),
      actionItems: [
        { key: 'k1', text: '', done: false, dueOn: '' },
        { key: 'k2', text: '', done: false, dueOn: '2026-03-09' },
      ],
    };
    expect(fieldForIssue('actionItems.0.text', v)).toBe('item.k2.text');
    expect(fieldForIssue('sessionDate', v)).toBe('when');
    expect(fieldForIssue('nextMeetingOn', v)).toBe('next');
    expect(fieldForIssue('topic', v)).toBe('topic');
  });

  it('drops the combined "needs the date, topic and mode" issue once only the topic is missing', () => {
    const issues = [
      { path: 'topic', message: 'Enter a topic.' },
      { path: 'sessionDate', message: 'A new record needs the date, topic and mode.' },
    ];
    const dated = emptyValues('a1', { date: '2026-03-02', time: '10:00' });
    expect(relevantIssues(issues, dated).map((i) => i.path)).toEqual(['topic']);
    expect(relevantIssues(issues, emptyValues('a1')).map((i) => i.path)).toEqual(['topic', 'sessionDate']);
  });

  it('asks for both halves of a date-time', () => {
    const v = {
      ...emptyValues('a1', { date: '2026-03-02', time: '' }),
      next: { date: '2026-03-09', time: '' },
    };
    expect(incompleteDates('record', v)).toEqual({
      when: 'Choose the day and the time.',
      next: 'Give both the day and the time, or clear the day.',
    });
    expect(incompleteDates('schedule', { ...v, when: { date: '2026-03-02', time: '10:00' } })).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import type { ReportHeader } from '../../src/core/reports/frame.ts';
import { buildSessionReport, totalsByMentor } from '../../src/core/reports/session-report.ts';
import type { SessionRow } from '../../src/core/reports/sessions.queries.ts';
import { buildRiskReport } from '../../src/core/reports/risk-report.ts';
import type { RiskData, RiskStudentRow } from '../../src/core/reports/risk.queries.ts';
import { changesOver, type LevelEvent } from '../../src/core/reports/risk-changes.ts';
import { buildMentorLoadReport, loadBand } from '../../src/core/reports/mentor-load-report.ts';
import type { MentorLoadRow } from '../../src/core/reports/mentor-load.queries.ts';
import { buildDossier } from '../../src/core/reports/dossier-report.ts';
import type { DossierData } from '../../src/core/reports/dossier.types.ts';
import { buildDepartmentReport, topConcerns } from '../../src/core/reports/department-report.ts';
import { makePeriod, previousPeriod } from '../../src/core/reports/period.ts';
import { allText, tableStartingWith, tables } from './support/doc.ts';

// The pure builders on fixed data: the document definition has the expected rows and totals, and
// the columns a reader may not see are not there at all.

const header: ReportHeader = {
  institution: { name: 'Sahyadri College of Engineering', code: 'SCE', address: 'Pune 411041' },
  department: 'Computer Science and Engineering',
  title: 'Test Report',
  period: '1 Mar 2026 – 31 Mar 2026',
  generatedBy: 'Dr. Lakshmi Narayanan (Department administrator)',
  generatedAt: '2026-03-20T04:30:00.000Z',
  confidential: true,
};
const period = makePeriod('2026-03-01', '2026-03-31');

function session(over: Partial<SessionRow>): SessionRow {
  return {
    id: 's',
    sessionDate: '2026-03-03T04:30:00.000Z',
    mode: 'IN_PERSON',
    topic: 'Backlog plan',
    attendance: 'PRESENT',
    status: 'COMPLETED',
    summary: 'Notes',
    actionsDone: 0,
    actionsOpen: 0,
    mentorId: 'm1',
    mentorName: 'Dr. Meera Iyer',
    studentName: 'Śrīnivās Rāmānujan',
    rollNumber: 'CSE2201',
    ...over,
  };
}

const SESSIONS: SessionRow[] = [
  session({ id: 'a', actionsDone: 1, actionsOpen: 2 }),
  session({ id: 'b', attendance: 'ABSENT', summary: 'STAFF-NOTE-B' }),
  session({ id: 'c', status: 'SCHEDULED', summary: null }),
  session({
    id: 'd',
    mentorId: 'm2',
    mentorName: 'Prof. Rahul Deshpande',
    studentName: 'Zoya Fernandes',
    status: 'CANCELLED',
  }),
];

describe('session report builder', () => {
  it('totals per mentor: attendance counted only for completed sessions', () => {
    const { perMentor, all } = totalsByMentor(SESSIONS);
    expect(
      perMentor.map((t) => [
        t.mentorName,
        t.sessions,
        t.completed,
        t.scheduled,
        t.cancelled,
        t.present,
        t.absent,
      ]),
    ).toEqual([
      ['Dr. Meera Iyer', 3, 2, 1, 0, 1, 1],
      ['Prof. Rahul Deshpande', 1, 0, 0, 1, 0, 0],
    ]);
    expect([all.sessions, all.actionsDone, all.actionsOpen]).toEqual([4, 1, 2]);
  });

  it('has the totals table with a Total row and one register per mentor with its name as a header row', () => {
    const doc = buildSessionReport({ header, rows: SESSIONS, showSummary: true });
    expect(doc.pageOrientation).toBe('landscape');
    const totals = tableStartingWith(doc, 'Mentor', 'Sessions');
    expect(totals.rows).toEqual([
      ['Dr. Meera Iyer', '3', '2', '1', '0', '1', '1', '1', '2'],
      ['Prof. Rahul Deshpande', '1', '0', '0', '1', '0', '0', '0', '0'],
      ['Total', '4', '2', '1', '1', '1', '1', '1', '2'],
    ]);
    const registers = tables(doc).filter((t) => t.headings[0] === 'Date');
    expect(registers).toHaveLength(2);
    expect(registers.every((t) => t.headerRows === 2)).toBe(true);
    expect(registers[0]!.headings).toContain('Summary (staff only)');
    expect(registers[0]!.rows.map((r) => r[4])).toEqual(['Present', 'Absent', '—']);
    expect(registers[0]!.rows[0]![6]).toBe('1 done · 2 open');
    expect(allText(doc)).toContain('STAFF-NOTE-B');
  });

  it('has NO summary column and no summary text for a reader who may not see summaries', () => {
    const doc = buildSessionReport({ header, rows: SESSIONS, showSummary: false });
    const registers = tables(doc).filter((t) => t.headings[0] === 'Date');
    expect(registers[0]!.headings).toEqual([
      'Date',
      'Student',
      'Mode',
      'Topic',
      'Attendance',
      'Status',
      'Action items',
    ]);
    expect(allText(doc)).not.toContain('STAFF-NOTE-B');
    expect(allText(doc)).not.toContain('Summary (staff only)');
  });

  it('says so when there are no sessions', () => {
    const doc = buildSessionReport({ header, rows: [], showSummary: true });
    expect(allText(doc)).toContain('No sessions are dated in this period');
  });
});

const student = (over: Partial<RiskStudentRow>): RiskStudentRow => ({
  id: 'x',
  name: 'Name',
  rollNumber: 'R1',
  program: 'B.Tech CSE',
  yearOfStudy: 2,
  gpa: 5.5,
  attendancePct: 70,
  riskLevel: 'HIGH',
  lastSessionAt: '2026-03-10T04:30:00.000Z',
  openAlerts: 1,
  mentors: ['Dr. Meera Iyer'],
  ...over,
});

function riskData(over: Partial<RiskData> = {}): RiskData {
  return {
    students: [
      student({ name: 'Zoya Fernandes', rollNumber: 'R3' }),
      student({
        name: 'Ananya Kulkarni',
        rollNumber: 'R2',
        riskLevel: 'MEDIUM',
        mentors: [],
        lastSessionAt: null,
      }),
    ],
    distribution: { HIGH: 1, MEDIUM: 1, LOW: 5 },
    distributionAtStart: { HIGH: 0, MEDIUM: 2, LOW: 5 },
    changes: [{ id: 'x', name: 'Zoya Fernandes', rollNumber: 'R3', from: 'MEDIUM', to: 'HIGH' }],
    alerts: { openedThis: 3, openedPrevious: 1, closedThis: 2, closedPrevious: 0, openNow: 4 },
    previous: previousPeriod(period),
    historyRecorded: true,
    ...over,
  };
}

describe('risk report builder', () => {
  it('lists HIGH then MEDIUM with the comparison, alerts flow and changes', () => {
    const doc = buildRiskReport({ header, period, generatedAt: header.generatedAt, ...riskData() });
    const students = tables(doc).filter((t) => t.headings[1] === 'Student');
    expect(students.map((t) => t.rows.map((r) => r[1]))).toEqual([['Zoya Fernandes'], ['Ananya Kulkarni']]);
    expect(students[1]!.rows[0]).toEqual([
      '1',
      'Ananya Kulkarni',
      'R2',
      'B.Tech CSE · Y2',
      '5.50',
      '70%',
      'None yet',
      '1',
      'Not assigned',
    ]);
    expect(tableStartingWith(doc, 'Level').rows).toEqual([
      ['HIGH', '0', '1', '+1'],
      ['MEDIUM', '2', '1', '-1'],
      ['LOW', '5', '5', 'no change'],
    ]);
    expect(tableStartingWith(doc, 'Alerts').rows).toEqual([
      ['Alerts opened', '1', '3'],
      ['Alerts closed', '0', '2'],
    ]);
    expect(tableStartingWith(doc, 'Student', 'Roll number', 'From').rows).toEqual([
      ['Zoya Fernandes', 'R3', 'MEDIUM', 'HIGH', 'Worse'],
    ]);
    expect(allText(doc)).toContain('Previous period: 29 Jan 2026 – 28 Feb 2026');
  });

  it('says when no level change was recorded at all', () => {
    const doc = buildRiskReport({
      header,
      period,
      generatedAt: header.generatedAt,
      ...riskData({ changes: [], historyRecorded: false }),
    });
    expect(allText(doc)).toContain('No risk level change was recorded for these students since 29 Jan 2026.');
  });

  it('reconstructs levels from the recorded changes', () => {
    const ev = (
      id: string,
      at: string,
      before: 'LOW' | 'MEDIUM' | 'HIGH',
      current: 'LOW' | 'MEDIUM' | 'HIGH',
    ): LevelEvent => ({
      id,
      name: id,
      rollNumber: id,
      current,
      at,
      before,
    });
    const events = [
      ev('s1', '2026-03-05T00:00:00.000Z', 'LOW', 'HIGH'), // LOW→MEDIUM on 5 Mar
      ev('s1', '2026-03-09T00:00:00.000Z', 'MEDIUM', 'HIGH'), // MEDIUM→HIGH on 9 Mar
      ev('s2', '2026-02-10T00:00:00.000Z', 'HIGH', 'LOW'), // before the period
      ev('s3', '2026-03-02T00:00:00.000Z', 'MEDIUM', 'MEDIUM'), // up and back down within the period
      ev('s3', '2026-03-03T00:00:00.000Z', 'HIGH', 'MEDIUM'),
    ];
    const { changes, atStart } = changesOver(events, period, { HIGH: 1, MEDIUM: 1, LOW: 1 });
    expect(changes.map((c) => [c.id, c.from, c.to])).toEqual([['s1', 'LOW', 'HIGH']]);
    expect(atStart).toEqual({ HIGH: 0, MEDIUM: 1, LOW: 2 });
  });
});

const mentor = (over: Partial<MentorLoadRow>): MentorLoadRow => ({
  id: 'm',
  name: 'Dr. Meera Iyer',
  designation: 'Assistant Professor',
  availability: 'AVAILABLE',
  active: 12,
  paused: 1,
  capacity: 15,
  planned: 20,
  held: 15,
  cancelled: 2,
  pending: 5,
  overdue: 2,
  avgRating: 4.25,
  ratings: 8,
  openAlerts: 3,
  ...over,
});

describe('mentor load builder', () => {
  it('rows and a weighted total', () => {
    const rows = [
      mentor({}),
      mentor({ id: 'n', name: 'Prof. Rahul Deshpande', active: 18, avgRating: 3.5, ratings: 2, overdue: 0 }),
    ];
    const doc = buildMentorLoadReport({ header, mentors: rows });
    const t = tableStartingWith(doc, 'Mentor', 'Availability');
    expect(t.rows[0]).toEqual([
      'Dr. Meera Iyer Assistant Professor',
      'Available',
      '12 / 15',
      '1',
      '20',
      '15',
      '75%',
      '2',
      '5 (2)',
      '4.3 (8)',
      '3',
    ]);
    expect(t.rows[2]).toEqual([
      'Total',
      '',
      '30 / 30',
      '2',
      '40',
      '30',
      '75%',
      '4',
      '10 (2)',
      '4.1 (10)',
      '6',
    ]);
    expect(loadBand(rows[1]!)).toBe('Over capacity');
    expect(loadBand(mentor({ active: 7 }))).toBe('Under 50%');
  });
});

function dossier(over: Partial<DossierData>): DossierData {
  return {
    profile: {
      name: 'Śrīnivās Rāmānujan',
      email: 'cse2201@sce.edu',
      phone: null,
      rollNumber: 'CSE2201',
      program: 'B.Tech CSE',
      yearOfStudy: 2,
      gpa: 5.2,
      attendancePct: 61.5,
      riskLevel: 'HIGH',
      department: 'Computer Science and Engineering',
    },
    assignments: [
      {
        mentor: 'Dr. Meera Iyer',
        status: 'ACTIVE',
        assignedAt: '2025-07-01T04:30:00.000Z',
        endedAt: null,
        notes: null,
      },
    ],
    sessions: [],
    goals: [],
    feedback: [
      {
        date: '2026-03-03T04:30:00.000Z',
        giver: 'Dr. Meera Iyer',
        recipient: 'Śrīnivās Rāmānujan',
        type: 'MENTOR_TO_STUDENT',
        rating: 4,
        comments: 'Good',
        visibility: 'STUDENT',
      },
      {
        date: '2026-03-03T04:30:00.000Z',
        giver: 'Śrīnivās Rāmānujan',
        recipient: 'Dr. Meera Iyer',
        type: 'STUDENT_TO_MENTOR',
        rating: 2,
        comments: 'Late',
        visibility: 'DEPARTMENT_ADMIN',
      },
    ],
    alerts: [],
    attachments: [],
    showSummary: true,
    ...over,
  };
}

describe('dossier builder', () => {
  it('shows whether the recipient can read each feedback', () => {
    const doc = buildDossier({ header, ...dossier({}) });
    expect(tableStartingWith(doc, 'Session', 'From').rows.map((r) => r.at(-1))).toEqual([
      'Yes',
      'No (department only)',
    ]);
    expect(allText(doc)).toContain('Alerts (0)');
    expect(tableStartingWith(doc, 'Mentor', 'Status').headings).toContain('Notes (staff only)');
  });

  it('leaves out sections a student may not see instead of printing them empty', () => {
    const doc = buildDossier({ header, ...dossier({ alerts: null, showSummary: false }) });
    expect(allText(doc)).not.toContain('Alerts (');
    expect(tableStartingWith(doc, 'Mentor', 'Status').headings).not.toContain('Notes (staff only)');
  });
});

describe('department summary builder', () => {
  const summary = {
    risk: riskData(),
    mentors: [mentor({}), mentor({ name: 'Prof. Rahul Deshpande', active: 16 })],
    sessions: { planned: 40, held: 30, cancelled: 3, present: 27 },
    months: [
      { month: '2025-10', held: 10 },
      { month: '2025-11', held: 0 },
      { month: '2025-12', held: 4 },
      { month: '2026-01', held: 12 },
      { month: '2026-02', held: 9 },
      { month: '2026-03', held: 30 },
    ],
    unassigned: 2,
    alerts: { critical: 1, grievance: 1 },
  };

  it('lists the concerns, most serious first', () => {
    expect(topConcerns(summary).map((c) => c.text)).toEqual([
      '1 student at HIGH risk: Zoya Fernandes (R3).',
      '1 moved to a higher risk level during the period.',
      'Open alerts needing a decision: 1 critical, 1 grievance.',
      '4 scheduled sessions are past their date without a record.',
      'Mentors over capacity: Prof. Rahul Deshpande (16/15).',
      '2 students have no current mentor.',
    ]);
  });

  it('draws its charts as vector SVG with the month labels', () => {
    const doc = buildDepartmentReport({ header, ...summary });
    const svgs = JSON.stringify(doc.content).match(/<svg/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(doc.content)).toContain('Oct 2025');
    expect(JSON.stringify(doc.content)).not.toContain('"image"');
  });
});

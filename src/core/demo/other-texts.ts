import type { GoalCategory } from '../../shared/domain/enums.ts';

// Feedback comments and goal wording for demo data. {first} is the other person's first name.

export const MENTOR_COMMENTS: Record<'good' | 'mixed' | 'poor', readonly string[]> = {
  good: [
    'Came prepared and followed up on every action item. Keep it up.',
    'Very engaged; asked good questions about internships.',
    'Consistent effort this month. Progress is visible.',
  ],
  mixed: [
    'Making progress but needs to be more regular with assignments.',
    'Understands the plan; execution has been slow.',
    'Attentive in the session; follow-through is still patchy.',
  ],
  poor: [
    'Has not acted on last session\u2019s action items. Needs to take this seriously.',
    'Attendance and assignment submission remain a concern.',
    'Was distracted and unprepared. Discussed consequences of detention.',
  ],
};

export const STUDENT_COMMENTS: Record<'good' | 'ok' | 'poor', readonly string[]> = {
  good: [
    'Very helpful session, cleared my doubts about electives.',
    'Sir/Ma\u2019am listened patiently and gave practical advice.',
    'Useful guidance on internships. Thank you.',
  ],
  ok: [
    'Session was okay, but it was short.',
    'Helpful, though I would like more specific advice on placements.',
  ],
  poor: [
    'The session started 30 minutes late and felt rushed.',
    'I did not feel comfortable raising my concerns in this session.',
    'Mentor was dismissive about my attendance issue, which was due to illness.',
  ],
};

export interface GoalText {
  title: string;
  description: string;
}

export const GOALS: Record<GoalCategory, readonly GoalText[]> = {
  ACADEMIC: [
    {
      title: 'Raise CGPA above {target}',
      description: 'Improve internal marks and end-semester scores in core subjects.',
    },
    {
      title: 'Clear pending backlog papers',
      description: 'Prepare for and pass the supplementary examinations.',
    },
    {
      title: 'Score 75+ in the core theory paper',
      description: 'Weekly revision and solving previous papers.',
    },
    {
      title: 'Complete all lab records on time',
      description: 'No pending lab record at the end of the semester.',
    },
  ],
  CAREER: [
    {
      title: 'Secure a summer internship',
      description: 'Apply through the placement cell and off-campus portals.',
    },
    {
      title: 'Finish an NPTEL course with certification',
      description: 'Enrol, complete weekly assignments and write the proctored exam.',
    },
    { title: 'Prepare for GATE', description: 'Cover the syllabus and take the mock test series.' },
    { title: 'Build a portfolio project on GitHub', description: 'One complete project with documentation.' },
  ],
  BEHAVIORAL: [
    {
      title: 'Maintain 85% attendance this semester',
      description: 'Attend all classes and labs; inform in advance when absent.',
    },
    {
      title: 'Submit assignments before deadlines',
      description: 'No late submissions for the rest of the semester.',
    },
    {
      title: 'Participate actively in class',
      description: 'Ask at least one question per week in each core course.',
    },
  ],
  WELLNESS: [
    {
      title: 'Regular sleep schedule before exams',
      description: 'Sleep by 11 pm on weekdays during the exam month.',
    },
    { title: 'Join the campus yoga or sports club', description: 'At least two sessions a week.' },
    { title: 'Meet the campus counsellor monthly', description: 'Follow up on exam stress.' },
  ],
};

export const GOAL_NOTES = {
  start: ['Goal agreed in mentoring session; plan drawn up.', 'Goal set. First steps identified.'],
  progress: [
    'Steady progress this week.',
    'Completed the planned tasks for the week.',
    'Some progress; exams slowed things down.',
    'Halfway through the plan.',
    'Good week: ahead of the plan.',
  ],
  behind: [
    'Fell behind the plan; discussed catching up.',
    'Little progress in the last two weeks.',
    'At risk: deadline is close and a lot remains.',
  ],
  done: ['Goal achieved.', 'Completed. Well done.', 'Target met ahead of the deadline.'],
} as const;

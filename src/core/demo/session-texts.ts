// What mentoring sessions are about, what the mentor wrote afterwards and what was agreed.
// {first} is the student's first name, {gpa} and {att} their current CGPA and attendance.

export type TopicKind =
  'intro' | 'midsem' | 'endsem' | 'attendance' | 'academic' | 'career' | 'final' | 'pg' | 'general';

export interface TopicText {
  kind: TopicKind;
  topic: string;
  summaries: readonly string[];
  actions: readonly string[];
}

export const TOPICS: readonly TopicText[] = [
  {
    kind: 'intro',
    topic: 'Introductory meeting and semester planning',
    summaries: [
      'Met {first} for the first time this term. Discussed course registration, timetable and expectations from mentoring. {first} is settling in well.',
      'Went over the semester plan and elective choices with {first}. Shared contact hours and the escalation path for any academic difficulty.',
    ],
    actions: [
      'Share semester study plan',
      'Register for electives on the portal',
      'Join the class WhatsApp group for notices',
    ],
  },
  {
    kind: 'midsem',
    topic: 'Mid-semester performance review',
    summaries: [
      'Reviewed mid-semester marks with {first}. Strong in lab courses; theory papers need more revision. Current CGPA {gpa}.',
      'Mid-sem results discussed. {first} scored below class average in two subjects and agreed to attend the remedial classes.',
      'Mid-semester review: marks are consistent with CGPA {gpa}. Encouraged {first} to solve previous years\u2019 question papers.',
    ],
    actions: [
      'Attend remedial class for weak subjects',
      'Solve previous years\u2019 question papers',
      'Meet course faculty to review answer scripts',
    ],
  },
  {
    kind: 'endsem',
    topic: 'End-semester exam preparation',
    summaries: [
      'Planned the revision timetable for end-semester exams with {first}. Discussed how to split time between theory and lab records.',
      '{first} is anxious about two papers. Shared the study-group schedule and the faculty\u2019s doubt-clearing hours.',
    ],
    actions: [
      'Prepare a revision timetable',
      'Complete and submit lab records',
      'Join the doubt-clearing session',
    ],
  },
  {
    kind: 'attendance',
    topic: 'Attendance shortfall discussion',
    summaries: [
      'Attendance is {att}%, below the 75% requirement. {first} cited travel from home; agreed on a plan to reach the minimum before the condonation deadline.',
      'Discussed the attendance shortfall ({att}%). {first} was unwell for two weeks; asked for medical certificates to be submitted to the office.',
      'Warned {first} about detention risk at {att}% attendance. Parents will be informed if there is no improvement in two weeks.',
    ],
    actions: [
      'Submit medical certificate to the department office',
      'Attend all classes for the next four weeks',
      'Inform parents about attendance status',
    ],
  },
  {
    kind: 'academic',
    topic: 'Backlog clearance plan',
    summaries: [
      '{first} has pending backlogs and a CGPA of {gpa}. Made a subject-wise plan for the supplementary exams.',
      'Discussed academic difficulties. {first} finds mathematics courses hard; suggested peer tutoring and NPTEL lectures.',
    ],
    actions: [
      'Register for supplementary exam',
      'Attend peer tutoring twice a week',
      'Watch NPTEL lectures for the weak subject',
    ],
  },
  {
    kind: 'career',
    topic: 'Internship preparation',
    summaries: [
      'Reviewed {first}\u2019s resume and discussed summer internship options. Suggested applying through the training and placement cell.',
      'Discussed internship leads and coding practice. {first} is preparing for online assessments.',
    ],
    actions: [
      'Update resume and share for review',
      'Apply to three internships',
      'Practise aptitude tests on the placement portal',
    ],
  },
  {
    kind: 'final',
    topic: 'Placement readiness check',
    summaries: [
      'Mock interview feedback discussed. {first} needs to work on explaining projects clearly. Technical basics are fine.',
      'Went through placement drive schedule and eligibility. {first} is also considering GATE and higher studies.',
    ],
    actions: ['Attend mock interview', 'Finalise project report chapters', 'Register for GATE'],
  },
  {
    kind: 'pg',
    topic: 'Project progress review',
    summaries: [
      'Reviewed project progress: literature survey done, implementation has started. {first} should target a conference paper.',
      'Project status discussed. Data collection is delayed; agreed on a revised timeline with weekly checkpoints.',
    ],
    actions: [
      'Complete literature survey chapter',
      'Share weekly progress report',
      'Draft conference paper outline',
    ],
  },
  {
    kind: 'general',
    topic: 'Stress and time management',
    summaries: [
      '{first} is finding it hard to balance club activities with coursework. Worked out a weekly schedule together.',
      'Talked about sleep, exam stress and hostel life. Referred {first} to the campus counsellor for a follow-up.',
    ],
    actions: ['Follow the weekly schedule', 'Book a session with the campus counsellor'],
  },
  {
    kind: 'general',
    topic: 'Course feedback and elective selection',
    summaries: [
      'Collected {first}\u2019s feedback on current courses and discussed electives for next semester.',
      'Discussed open electives and MOOC credit options with {first}.',
    ],
    actions: ['Shortlist two open electives', 'Enrol in a MOOC for credit transfer'],
  },
  {
    kind: 'general',
    topic: 'Career guidance: higher studies',
    summaries: [
      '{first} is interested in an MS abroad. Discussed GRE/TOEFL timeline and building a research profile.',
      'Discussed M.Tech through GATE versus a job after graduation. {first} will decide by the end of the semester.',
    ],
    actions: ['Prepare GRE study plan', 'Talk to seniors who went for higher studies'],
  },
  {
    kind: 'general',
    topic: 'Scholarship and fee concerns',
    summaries: [
      'Helped {first} with the state scholarship renewal form; income certificate is pending.',
      '{first} raised a fee payment delay. Connected with the accounts section for an instalment option.',
    ],
    actions: ['Submit scholarship renewal form', 'Collect income certificate'],
  },
  {
    kind: 'general',
    topic: 'Club and extracurricular activities',
    summaries: [
      '{first} is active in the coding club and the technical fest committee. Advised keeping attendance above 85%.',
      'Encouraged {first} to take part in the inter-college hackathon with classmates.',
    ],
    actions: ['Register for the hackathon', 'Balance fest duties with lab submissions'],
  },
];

export const ABSENT_SUMMARIES: readonly string[] = [
  'Student did not turn up and did not inform in advance.',
  'Student absent; classmates said {first} had gone home for a family function.',
  'No-show. Called {first}; phone unreachable. Will follow up in class.',
];

export const CANCEL_REASONS: readonly string[] = [
  'Cancelled: mentor on official duty (university examination work).',
  'Cancelled: college declared holiday.',
  'Cancelled at the student\u2019s request (medical appointment).',
  'Cancelled: mentor attending a faculty development programme.',
  'Cancelled: clash with the internal assessment schedule.',
];

export const ONLINE_PLACES = ['Google Meet', 'Microsoft Teams'] as const;

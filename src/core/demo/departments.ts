// The departments a demo institution can have, in the order scales take them (small takes the
// first three, large the first ten). Programs carry the roll-number code and course length;
// specializations are the mentors' research areas, matched to the department's programs.

export interface Program {
  name: string;
  years: number;
  /** Share of the department's students in this program. */
  share: number;
}

export interface DepartmentSpec {
  code: string;
  name: string;
  block: string;
  programs: readonly Program[];
  specializations: readonly string[];
}

export const INSTITUTION = {
  name: 'Deccan Institute of Technology and Science',
  code: 'DITS',
  address: 'Survey No. 42, Outer Ring Road, Gachibowli, Hyderabad, Telangana 500032',
  contactEmail: 'registrar@demo.smms',
} as const;

export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    code: 'CSE',
    name: 'Computer Science and Engineering',
    block: 'CSE Block',
    programs: [
      { name: 'B.Tech CSE', years: 4, share: 0.8 },
      { name: 'M.Tech CSE', years: 2, share: 0.08 },
      { name: 'MCA', years: 2, share: 0.12 },
    ],
    specializations: [
      'Machine Learning',
      'Computer Networks',
      'Database Systems',
      'Cyber Security',
      'Distributed Systems',
      'Compiler Design',
      'Natural Language Processing',
      'Cloud Computing',
    ],
  },
  {
    code: 'ECE',
    name: 'Electronics and Communication Engineering',
    block: 'ECE Block',
    programs: [
      { name: 'B.Tech ECE', years: 4, share: 0.88 },
      { name: 'M.Tech VLSI Design', years: 2, share: 0.12 },
    ],
    specializations: [
      'VLSI Design',
      'Signal Processing',
      'Embedded Systems',
      'Wireless Communication',
      'Antenna Design',
    ],
  },
  {
    code: 'ME',
    name: 'Mechanical Engineering',
    block: 'Mechanical Block',
    programs: [
      { name: 'B.Tech ME', years: 4, share: 0.9 },
      { name: 'M.Tech Thermal Engineering', years: 2, share: 0.1 },
    ],
    specializations: [
      'Thermal Engineering',
      'Manufacturing Technology',
      'Robotics',
      'Fluid Mechanics',
      'CAD/CAM',
    ],
  },
  {
    code: 'EEE',
    name: 'Electrical and Electronics Engineering',
    block: 'EEE Block',
    programs: [
      { name: 'B.Tech EEE', years: 4, share: 0.9 },
      { name: 'M.Tech Power Systems', years: 2, share: 0.1 },
    ],
    specializations: [
      'Power Systems',
      'Power Electronics',
      'Control Systems',
      'Electric Drives',
      'Renewable Energy',
    ],
  },
  {
    code: 'CE',
    name: 'Civil Engineering',
    block: 'Civil Block',
    programs: [
      { name: 'B.Tech CE', years: 4, share: 0.88 },
      { name: 'M.Tech Structural Engineering', years: 2, share: 0.12 },
    ],
    specializations: [
      'Structural Engineering',
      'Geotechnical Engineering',
      'Transportation Engineering',
      'Environmental Engineering',
    ],
  },
  {
    code: 'IT',
    name: 'Information Technology',
    block: 'IT Block',
    programs: [{ name: 'B.Tech IT', years: 4, share: 1 }],
    specializations: [
      'Software Engineering',
      'Web Technologies',
      'Information Security',
      'Data Analytics',
      'Internet of Things',
    ],
  },
  {
    code: 'AID',
    name: 'Artificial Intelligence and Data Science',
    block: 'Academic Block C',
    programs: [{ name: 'B.Tech AI&DS', years: 4, share: 1 }],
    specializations: [
      'Deep Learning',
      'Computer Vision',
      'Big Data Analytics',
      'Reinforcement Learning',
      'Statistics',
    ],
  },
  {
    code: 'CHE',
    name: 'Chemical Engineering',
    block: 'Chemical Block',
    programs: [{ name: 'B.Tech Chemical', years: 4, share: 1 }],
    specializations: ['Process Control', 'Polymer Technology', 'Mass Transfer', 'Reaction Engineering'],
  },
  {
    code: 'BT',
    name: 'Biotechnology',
    block: 'Life Sciences Block',
    programs: [
      { name: 'B.Tech Biotechnology', years: 4, share: 0.85 },
      { name: 'M.Tech Biotechnology', years: 2, share: 0.15 },
    ],
    specializations: ['Bioprocess Engineering', 'Genetic Engineering', 'Bioinformatics', 'Microbiology'],
  },
  {
    code: 'MBA',
    name: 'Management Studies',
    block: 'Management Block',
    programs: [{ name: 'MBA', years: 2, share: 1 }],
    specializations: [
      'Finance',
      'Marketing',
      'Human Resource Management',
      'Operations Management',
      'Business Analytics',
    ],
  },
];

export const DESIGNATIONS = [
  ['Assistant Professor', 55],
  ['Associate Professor', 30],
  ['Professor', 15],
] as const;

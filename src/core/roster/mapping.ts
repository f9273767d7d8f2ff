// Which spreadsheet column feeds which roster field. The mapping is a plain object the UI shows and
// edits (field → header) and the department remembers for next term.

import {
  MENTOR_FIELDS,
  STUDENT_FIELDS,
  type MentorField,
  type RosterKind,
  type StudentField,
} from '../../shared/contract/roster.contract.ts';

// The field lists live in the shared contract so the renderer's mapping step names the same fields.
export { MENTOR_FIELDS, STUDENT_FIELDS };
export type { MentorField, RosterKind, StudentField };

export type FieldOf<K extends RosterKind> = K extends 'students' ? StudentField : MentorField;

/** field → the header (exactly as in RosterTable.headers) whose column feeds it. */
export type ColumnMapping<F extends string = string> = Partial<Record<F, string>>;

export interface MappingSuggestion<F extends string> {
  mapping: ColumnMapping<F>;
  /** Headers no field uses, in sheet order (the UI offers them in its drop-downs). */
  unmappedHeaders: string[];
}

export const FIELD_LABELS: Record<StudentField | MentorField, string> = {
  rollNumber: 'Roll number',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Name',
  email: 'Email',
  phone: 'Phone',
  program: 'Program',
  yearOfStudy: 'Year',
  semester: 'Semester',
  gpa: 'GPA',
  attendancePct: 'Attendance %',
  mentorEmail: 'Mentor email',
  designation: 'Designation',
  specialization: 'Specialization',
  maxMentees: 'Maximum mentees',
};

// Synonyms in compact form (see compactHeader), best first: when two columns match one field
// ("CGPA" and "SGPA"), the earlier synonym wins. A compact name appears under one field only.
const SHARED_SYNONYMS = {
  firstName: ['firstname', 'fname', 'givenname', 'first'],
  lastName: ['lastname', 'lname', 'surname', 'familyname', 'last'],
  email: ['email', 'emailid', 'emailaddress', 'mail', 'mailid', 'officialemail', 'collegeemail'],
  phone: [
    'phone',
    'phoneno',
    'phonenumber',
    'mobile',
    'mobileno',
    'mobilenumber',
    'contactno',
    'contactnumber',
    'contact',
    'cellno',
    'whatsappno',
  ],
};

const STUDENT_SYNONYMS: Record<StudentField, string[]> = {
  ...SHARED_SYNONYMS,
  rollNumber: [
    'rollno',
    'rollnumber',
    'roll',
    'rollnum',
    'enrollmentno',
    'enrollmentnumber',
    'enrolmentno',
    'enrolmentnumber',
    'enrollno',
    'regno',
    'registrationno',
    'registrationnumber',
    'regnumber',
    'usn',
    'prn',
    'prnno',
    'admissionno',
    'admissionnumber',
    'htno',
    'hallticketno',
    'studentid',
    'universityrollno',
    'univrollno',
  ],
  fullName: [
    'name',
    'studentname',
    'fullname',
    'nameofthestudent',
    'nameofstudent',
    'studentfullname',
    'candidatename',
  ],
  email: [...SHARED_SYNONYMS.email, 'studentemail', 'studentemailid', 'studentmail'],
  phone: [...SHARED_SYNONYMS.phone, 'studentmobile', 'studentmobileno', 'studentphone'],
  program: [
    'program',
    'programme',
    'course',
    'branch',
    'programname',
    'programmename',
    'coursename',
    'discipline',
    'degree',
    'stream',
  ],
  yearOfStudy: ['year', 'yearofstudy', 'class', 'studyyear', 'currentyear', 'yr'],
  semester: ['semester', 'sem', 'currentsemester', 'currentsem'],
  gpa: ['cgpa', 'gpa', 'cpi', 'sgpa', 'spi', 'gradepointaverage'],
  attendancePct: [
    'attendancepct',
    'attendance',
    'attpct',
    'att',
    'attendancepercentage',
    'attendancepercent',
  ],
  mentorEmail: [
    'mentoremail',
    'mentoremailid',
    'mentor',
    'mentormail',
    'facultyadvisor',
    'facultyadvisoremail',
    'facultymentor',
    'proctor',
    'proctoremail',
    'advisor',
    'advisoremail',
  ],
};

const MENTOR_SYNONYMS: Record<MentorField, string[]> = {
  ...SHARED_SYNONYMS,
  email: [...SHARED_SYNONYMS.email, 'facultyemail', 'facultyemailid', 'mentoremail'],
  fullName: [
    'name',
    'fullname',
    'facultyname',
    'mentorname',
    'nameofthefaculty',
    'nameoffaculty',
    'staffname',
    'teachername',
  ],
  designation: ['designation', 'title', 'post', 'position', 'rank'],
  specialization: [
    'specialization',
    'specialisation',
    'areaofspecialization',
    'areaofspecialisation',
    'expertise',
    'researcharea',
    'area',
    'subject',
  ],
  maxMentees: ['maxmentees', 'maximummentees', 'menteelimit', 'capacity', 'maxstudents', 'maximumstudents'],
};

export const SYNONYMS: { students: Record<StudentField, string[]>; mentors: Record<MentorField, string[]> } =
  { students: STUDENT_SYNONYMS, mentors: MENTOR_SYNONYMS };

/**
 * "Enrolment No." → "enrolmentno", "Attendance %" → "attendancepct", "Roll No (Univ.)" → "rollno".
 * Bracketed notes are dropped because offices annotate headers ("Email (college)").
 */
export function compactHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*]/g, ' ')
    .replace(/%/g, 'pct')
    .replace(/#/g, 'no')
    .replace(/[^a-z0-9]/g, '');
}

const ALL_COMPACT = new Set([...Object.values(STUDENT_SYNONYMS), ...Object.values(MENTOR_SYNONYMS)].flat());

/** How many of a row's texts look like roster headers; the header row is the row that scores best. */
export function headerMatchScore(texts: readonly string[]): number {
  let score = 0;
  for (const t of texts) if (t && ALL_COMPACT.has(compactHeader(t))) score++;
  return score;
}

/** Suggests a column for every field it recognises; every header feeds at most one field. */
export function suggestMapping<K extends RosterKind>(
  headers: readonly string[],
  kind: K,
): MappingSuggestion<FieldOf<K>> {
  const synonyms = SYNONYMS[kind] as Record<FieldOf<K>, string[]>;
  const mapping: ColumnMapping<FieldOf<K>> = {};
  const used = new Set<string>();
  for (const field of Object.keys(synonyms) as FieldOf<K>[]) {
    let best: { header: string; rank: number } | undefined;
    for (const header of headers) {
      const rank = synonyms[field].indexOf(compactHeader(header));
      if (rank >= 0 && !used.has(header) && (!best || rank < best.rank)) best = { header, rank };
    }
    if (best) {
      mapping[field] = best.header;
      used.add(best.header);
    }
  }
  return { mapping, unmappedHeaders: headers.filter((h) => !used.has(h)) };
}

/**
 * Re-applies a mapping remembered from an earlier import to this file's headers: remembered
 * choices whose column still exists win, everything else falls back to the suggestion.
 */
export function reconcileMapping<K extends RosterKind>(
  saved: ColumnMapping<FieldOf<K>>,
  headers: readonly string[],
  kind: K,
): MappingSuggestion<FieldOf<K>> {
  const present = new Set(headers);
  const mapping: ColumnMapping<FieldOf<K>> = {};
  const used = new Set<string>();
  for (const [field, header] of Object.entries(saved) as [FieldOf<K>, string | undefined][]) {
    if (header && present.has(header) && !used.has(header)) {
      mapping[field] = header;
      used.add(header);
    }
  }
  const suggested = suggestMapping(
    headers.filter((h) => !used.has(h)),
    kind,
  ).mapping;
  for (const [field, header] of Object.entries(suggested) as [FieldOf<K>, string][]) {
    if (!(field in mapping)) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return { mapping, unmappedHeaders: headers.filter((h) => !used.has(h)) };
}

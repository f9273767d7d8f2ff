import type { FeedbackVisibility, RoleName } from '../../../shared/domain/enums.ts';

// ROLES.md's visibility rule in the words a giver needs: the giver and the department office always
// read it; the other party only when the choice names their side.

export interface VisibilityChoice {
  value: FeedbackVisibility;
  label: string;
  explanation: string;
}

export function visibilityChoices(giver: RoleName): VisibilityChoice[] {
  if (giver === 'STUDENT') {
    return [
      {
        value: 'MENTOR',
        label: 'Share with my mentor',
        explanation: 'Your mentor and the department office can read it.',
      },
      {
        value: 'DEPARTMENT_ADMIN',
        label: 'Department office only',
        explanation:
          'Confidential: only the department office can read it; your mentor will not see it. Use this to raise a concern about the mentoring.',
      },
    ];
  }
  return [
    {
      value: 'STUDENT',
      label: 'Share with the student',
      explanation: 'The student and the department office can read it.',
    },
    {
      value: 'DEPARTMENT_ADMIN',
      label: 'Department office only',
      explanation: 'Confidential: only the department office can read it; the student will not see it.',
    },
  ];
}

export const defaultVisibility = (giver: RoleName): FeedbackVisibility =>
  giver === 'STUDENT' ? 'MENTOR' : 'STUDENT';

/** Who can read a feedback row, for the lists (the reader already can). */
export function readersOf(
  visibility: FeedbackVisibility,
  type: 'MENTOR_TO_STUDENT' | 'STUDENT_TO_MENTOR',
): string {
  const recipientSide = type === 'MENTOR_TO_STUDENT' ? 'STUDENT' : 'MENTOR';
  if (visibility === recipientSide)
    return type === 'MENTOR_TO_STUDENT' ? 'Shared with the student' : 'Shared with the mentor';
  return 'Department office only';
}

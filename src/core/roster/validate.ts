// The validation half of a roster import, as the commit step and the preview use it.
export { validateStudentRoster, type StudentValidationOptions } from './validate-students.ts';
export { validateMentorRoster, type MentorValidationOptions } from './validate-mentors.ts';
export * from './validate.types.ts';

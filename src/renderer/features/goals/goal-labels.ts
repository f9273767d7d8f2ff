import type { GoalCategory, GoalStatus } from '../../../shared/domain/enums.ts';
import type { Tone } from '../students/badges.tsx';

export const GOAL_STATUS: Readonly<Record<GoalStatus, Tone>> = {
  NOT_STARTED: { label: 'Not started', color: 'gray' },
  IN_PROGRESS: { label: 'In progress', color: 'blue' },
  AT_RISK: { label: 'At risk', color: 'orange' },
  COMPLETED: { label: 'Completed', color: 'teal' },
};

export const GOAL_CATEGORY: Readonly<Record<GoalCategory, string>> = {
  ACADEMIC: 'Academic',
  BEHAVIORAL: 'Behavioural',
  CAREER: 'Career',
  WELLNESS: 'Wellness',
};

export const options = <K extends string>(
  map: Readonly<Record<K, string | Tone>>,
): { value: K; label: string }[] =>
  (Object.keys(map) as K[]).map((value) => {
    const v = map[value];
    return { value, label: typeof v === 'string' ? v : v.label };
  });

import type { z } from 'zod';
import {
  SEARCH_LIMIT,
  type SearchResult,
  type searchContract,
} from '../../shared/contract/search.contract.ts';
import type { AuthedContext } from '../context.ts';
import type { HandlersFor } from '../handler-types.ts';
import { findMentors, findStudents } from './search.repo.ts';

type In = z.output<(typeof searchContract)['search:global']['input']>;

const byName = (a: SearchResult, b: SearchResult): number =>
  a.name.localeCompare(b.name, 'en', { sensitivity: 'base' });

/**
 * A typed roll number is the one result the user wants, so exact roll-number matches lead; the
 * rest are students and mentors together in name order.
 */
export function rankResults(q: string, students: SearchResult[], mentors: SearchResult[]): SearchResult[] {
  const roll = q.trim().toUpperCase();
  const exact = students.filter((s) => s.kind === 'student' && s.rollNumber === roll);
  const rest = [...students.filter((s) => !exact.includes(s)), ...mentors].sort(byName);
  return [...exact, ...rest];
}

async function globalSearch(
  ctx: AuthedContext,
  input: In,
): Promise<{ results: SearchResult[]; truncated: boolean }> {
  const [students, mentors] = [
    await findStudents(ctx.db, ctx.actor, input.q),
    await findMentors(ctx.db, ctx.actor, input.q),
  ];
  const ranked = rankResults(input.q, students, mentors);
  return { results: ranked.slice(0, SEARCH_LIMIT), truncated: ranked.length > SEARCH_LIMIT };
}

export const searchHandlers: HandlersFor<typeof searchContract> = {
  'search:global': globalSearch,
};

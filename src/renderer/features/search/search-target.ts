import type { SearchResult } from '../../../shared/contract/search.contract.ts';
import type { RoleName } from '../../../shared/domain/enums.ts';

// Where a search result opens, given the routes this build has (the office screens live in
// another feature; a route that is not there is not offered).

function fill(paths: readonly string[], pattern: RegExp, id: string): string | null {
  const path = paths.find((p) => pattern.test(p));
  return path ? path.replace(/:[A-Za-z]+$/, encodeURIComponent(id)) : null;
}

export function searchTarget(r: SearchResult, role: RoleName, paths: readonly string[]): string | null {
  if (r.kind === 'student') {
    if (role === 'MENTOR') return fill(paths, /^\/mentees\/:[A-Za-z]+$/, r.id);
    if (role === 'STUDENT') return null;
    return fill(paths, /^\/students\/:[A-Za-z]+$/, r.id);
  }
  if (role === 'STUDENT') return paths.includes('/my-mentor') ? '/my-mentor' : null;
  if (role === 'MENTOR') return null;
  return fill(paths, /^\/mentors\/:[A-Za-z]+$/, r.id) ?? (paths.includes('/mentors') ? '/mentors' : null);
}

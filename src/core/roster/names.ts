export interface SplitName {
  firstName: string;
  lastName: string;
  /** A leading honorific ("Dr.", "Prof.") kept for user_profiles.title instead of the name. */
  title?: string;
}

const HONORIFICS = /^(dr|prof|mr|mrs|ms|miss|shri|sri|smt|kum|er)\.?$/i;

// An initial is a single letter, or letters each followed by a dot ("K.", "K.R.", "A.P.J.").
const INITIAL = /^(?:[\p{L}]\.?|(?:[\p{L}]\.){2,})$/u;

/**
 * Splits a one-column "Name" into first and last name.
 *
 * Many South Indian names are written with initials that stand for the father's name or the
 * family/place name ("K. Ramesh", "Ramesh K", "A.P.J. Abdul Kalam"); the initials are the nearest
 * thing to a surname and the words are what the student is called. So initials, wherever they
 * stand, become the last name and the remaining words the first name. Without initials the last
 * word is the last name ("Priya Sharma"), and a single word ("Ramesh") has an empty last name
 * rather than an invented one. Names written entirely in initials stay whole in the first name.
 * "Surname, Given names" (one comma) puts everything before the comma into the last name.
 */
export function splitFullName(full: string): SplitName {
  // "Rao, Kavya" is the surname-first order of registers: the comma says which part is which.
  const comma = /^([^,]+),([^,]+)$/.exec(full.trim());
  if (comma) {
    const rest = splitFullName(comma[2]!);
    return { ...rest, lastName: [comma[1]!.trim(), rest.lastName].filter(Boolean).join(' ') };
  }
  // "K.Ramesh" is "K. Ramesh" typed without the space.
  const spaced = full.replace(/(\p{L}\.)(?=\p{L}{2,})/gu, '$1 ');
  const tokens = spaced.trim().split(/\s+/).filter(Boolean);
  const titles: string[] = [];
  while (tokens.length > 1 && HONORIFICS.test(tokens[0]!)) titles.push(tokens.shift()!);
  const split = splitTokens(tokens);
  return titles.length > 0 ? { ...split, title: titles.join(' ') } : split;
}

function splitTokens(tokens: string[]): SplitName {
  if (tokens.length === 0) return { firstName: '', lastName: '' };
  const initials = tokens.filter((t) => INITIAL.test(t));
  const words = tokens.filter((t) => !INITIAL.test(t));
  if (words.length === 0) return { firstName: tokens.join(' '), lastName: '' };
  if (initials.length > 0) return { firstName: words.join(' '), lastName: initials.join(' ') };
  if (words.length === 1) return { firstName: words[0]!, lastName: '' };
  return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1]! };
}

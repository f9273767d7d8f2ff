// Display formats for printed reports. Every date is shown in India Standard Time: IST is UTC+5:30
// all year (no daylight saving), so a fixed offset is exact and needs no time-zone database.

const IST_OFFSET_MS = 330 * 60_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function ist(iso: string): Date {
  return new Date(Date.parse(iso) + IST_OFFSET_MS);
}

/** "25 Nov 2026" (the IST calendar day of an instant). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = ist(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "4:10 pm" in IST. */
export function formatTime(iso: string): string {
  const d = ist(iso);
  const h = d.getUTCHours();
  const m = String(d.getUTCMinutes()).padStart(2, '0');
  return `${h % 12 === 0 ? 12 : h % 12}:${m} ${h < 12 ? 'am' : 'pm'}`;
}

/** "25 Nov 2026, 4:10 pm IST": how a printed document states when it was made. */
export function formatDateTime(iso: string): string {
  return `${formatDate(iso)}, ${formatTime(iso)} IST`;
}

/** "Nov 2026" for a "2026-11" month key. */
export function formatMonth(key: string): string {
  const [y, m] = key.split('-');
  return `${MONTHS[Number(m) - 1]} ${y}`;
}

/** The instant an IST calendar day ("2026-11-25") begins, as an ISO UTC string. */
export function istDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - IST_OFFSET_MS).toISOString();
}

/** The IST calendar day ("2026-11-25") an instant falls on. */
export function istDay(iso: string): string {
  return ist(iso).toISOString().slice(0, 10);
}

/** "YYYY-MM" of the IST month an instant falls on. */
export function istMonth(iso: string): string {
  return istDay(iso).slice(0, 7);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const HONORIFICS = /^(dr|prof|mr|mrs|ms|miss|shri|smt|kum)\.?$/i;

/**
 * A person as a department writes them: "Dr. Meera Iyer". user_profiles.title holds either an
 * honorific or a job title ("Systems Administrator"); only honorifics belong before a name.
 */
export function personName(p: { firstName: string; lastName: string; title?: string | null }): string {
  const name = `${p.firstName} ${p.lastName}`.trim();
  const title = p.title?.trim();
  return title && HONORIFICS.test(title) ? `${title.endsWith('.') ? title : `${title}.`} ${name}` : name;
}

/** "In person" for IN_PERSON: enum values as words. */
export function words(value: string): string {
  const s = value.toLowerCase().replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function decimal(n: number | null | undefined, digits = 2): string {
  return n === null || n === undefined ? '—' : n.toFixed(digits);
}

export function percent(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined) return '—';
  return `${Number.isInteger(n) ? String(n) : n.toFixed(digits)}%`;
}

/** Counts with thousands separators, as the CLI prints them. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const ROLE_LABEL: Record<string, string> = {
  SUPER_ADMIN: 'System administrator',
  INSTITUTION_ADMIN: 'Institution administrator',
  DEPARTMENT_ADMIN: 'Department administrator',
  MENTOR: 'Mentor',
  STUDENT: 'Student',
};

/** A file name part: letters, digits and dashes only. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'report'
  );
}

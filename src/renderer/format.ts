// Dates as office users read them (day month year, 24-hour time), in the computer's time zone.

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined, none = '—'): string {
  return iso ? dateTime.format(new Date(iso)) : none;
}

export function formatDate(iso: string | null | undefined, none = '—'): string {
  return iso ? dateOnly.format(new Date(iso)) : none;
}

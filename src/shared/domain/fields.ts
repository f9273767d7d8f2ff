import { z } from 'zod';

// Field schemas shared by several contracts, with messages written for office users.
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(255, 'Email must be at most 255 characters.')
  .pipe(z.email({ message: 'Enter a valid email address, like name@college.edu.' }));

export const id = z.string().trim().min(1, 'Required.').max(191, 'Too long.');

export const isoDateTime = z.iso.datetime({
  precision: 3,
  message: 'Expected a date-time like 2026-01-31T09:30:00.000Z.',
});

export const personName = z.string().trim().min(1, 'Required.').max(100, 'At most 100 characters.');

/** Passwords are checked against the role's policy in the service; here only sane bounds. */
export const password = z.string().min(1, 'Enter the password.').max(200, 'At most 200 characters.');

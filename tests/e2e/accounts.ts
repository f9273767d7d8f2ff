// The accounts the e2e fixtures create, apart from the fixtures themselves so that the run's global
// teardown can read their passwords without loading Playwright's test runner.

export const ADMIN = {
  firstName: 'Asha',
  lastName: 'Rao',
  email: 'asha.rao@riverside.edu',
  password: 'Mentoring-Office-2026',
};

/** The synced laptop's mentor (fixtures.ts `laptop`). */
export const LAPTOP_PASSWORD = 'Mentor-Laptop-2026';

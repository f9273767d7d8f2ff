import type { ReactElement } from 'react';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage.tsx';
import { HomePage } from '../features/home/HomePage.tsx';
import { IconDatabase, IconHome, IconKey, IconUsers } from '../components/icons.tsx';
import { UsersPage } from '../features/users/UsersPage.tsx';
import { BackupsPage } from '../features/backups/BackupsPage.tsx';
import type { NavItem } from './navigation.ts';

// Every signed-in page, once: its route, its place in the navigation, and the call it is built on
// (which decides the roles that see it). A feature's screens are added here when the feature lands.

export interface Page extends NavItem {
  icon: (props: { size?: number }) => ReactElement;
  element: ReactElement;
}

export const PAGES: readonly Page[] = [
  { path: '/', label: 'Home', section: 'main', icon: IconHome, element: <HomePage /> },
  {
    path: '/users',
    label: 'Users',
    call: 'users:list',
    section: 'main',
    icon: IconUsers,
    element: <UsersPage />,
  },
  {
    path: '/settings/backups',
    label: 'Backups',
    call: 'ops:backups',
    section: 'account',
    icon: IconDatabase,
    element: <BackupsPage />,
  },
  {
    path: '/account/password',
    label: 'Change password',
    call: 'auth:change-password',
    section: 'account',
    icon: IconKey,
    element: <ChangePasswordPage />,
  },
];

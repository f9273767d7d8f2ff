import type { ReactElement } from 'react';
import {
  AppShell,
  Avatar,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { IconChevronDown, IconKey, IconLock, IconLogout } from '../components/icons.tsx';
import { NotificationBell, useNotificationEvents } from '../features/notifications/NotificationBell.tsx';
import { GlobalSearch } from '../features/search/GlobalSearch.tsx';
import { SyncBadge } from '../features/sync/SyncBadge.tsx';
import { useSyncEvents } from '../features/sync/use-sync-status.ts';
import { layout } from '../theme.ts';
import { initials, ROLE_LABELS, visibleNavItems } from './navigation.ts';
import { PAGES, ROLE_HOME } from './pages.tsx';
import { useCurrentUser, useSession } from './session.tsx';

const ROUTE_PATHS = PAGES.map((p) => p.path);

function UserMenu(): ReactElement {
  const { user } = useCurrentUser();
  const session = useSession();
  const navigate = useNavigate();
  return (
    <Menu position="bottom-end" width={220} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.firstName} ${user.lastName}`} px="xs" py={4}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} radius="xl" color="brand">
              {initials(user.firstName, user.lastName)}
            </Avatar>
            <Stack gap={0}>
              <Text size="sm" fw={600} lh={1.2}>
                {user.firstName} {user.lastName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {ROLE_LABELS[user.role]}
              </Text>
            </Stack>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => void navigate('/account/password')}>
          Change password
        </Menu.Item>
        <Menu.Item leftSection={<IconLock size={16} />} onClick={session.lock}>
          Lock screen
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void session.signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The menu item for the page shown: the longest menu path the address starts with. */
function isActive(path: string, pathname: string, items: readonly { path: string }[]): boolean {
  const matches = (p: string): boolean =>
    p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`);
  if (!matches(path)) return false;
  return !items.some((i) => i.path.length > path.length && matches(i.path));
}

function Navigation(): ReactElement {
  const { user } = useCurrentUser();
  const { pathname } = useLocation();
  // A role with its own dashboard sees it instead of the generic Home.
  const items = visibleNavItems(PAGES, user.role).filter((i) => !(i.path === '/' && ROLE_HOME[user.role]));
  const link = (item: (typeof items)[number]): ReactElement => (
    <NavLink
      key={item.path}
      component={Link}
      to={item.path}
      label={item.label}
      leftSection={<item.icon size={18} />}
      active={isActive(item.path, pathname, items)}
      aria-current={pathname === item.path ? 'page' : undefined}
      styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
    />
  );
  return (
    <>
      <AppShell.Section grow component={ScrollArea} aria-label="Main">
        <Stack gap={2}>{items.filter((i) => i.section === 'main').map(link)}</Stack>
      </AppShell.Section>
      <AppShell.Section aria-label="Account">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" px="sm" pb={4}>
          Account
        </Text>
        <Stack gap={2}>{items.filter((i) => i.section === 'account').map(link)}</Stack>
      </AppShell.Section>
    </>
  );
}

/** The signed-in frame: header (search, sync, notifications, user menu), role-based navigation, the page. */
export function AppLayout({ inert }: { inert: boolean }): ReactElement {
  useSyncEvents();
  useNotificationEvents();
  return (
    <AppShell
      inert={inert}
      aria-hidden={inert || undefined}
      header={{ height: layout.headerHeight }}
      navbar={{ width: layout.navbarWidth, breakpoint: 0 }}
      padding={layout.pagePadding}
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="xs">
            <Text fw={700} c="brand.8">
              SMMS
            </Text>
            <Text size="sm" c="dimmed">
              Student Mentoring
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <GlobalSearch paths={ROUTE_PATHS} />
            <SyncBadge />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label="Sections">
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main bg={layout.background}>
        {/* Sized by its content (Main has a minimum height): tables that fit the window watch it. */}
        <div data-page-content>
          <Outlet />
        </div>
      </AppShell.Main>
      <Notifications position="bottom-right" limit={3} />
    </AppShell>
  );
}

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
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { IconChevronDown, IconKey, IconLock, IconLogout } from '../components/icons.tsx';
import { layout } from '../theme.ts';
import { initials, ROLE_LABELS, visibleNavItems } from './navigation.ts';
import { PAGES } from './pages.tsx';
import { useCurrentUser, useSession } from './session.tsx';

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

function Navigation(): ReactElement {
  const { user } = useCurrentUser();
  const { pathname } = useLocation();
  const items = visibleNavItems(PAGES, user.role);
  const link = (item: (typeof items)[number]): ReactElement => (
    <NavLink
      key={item.path}
      component={Link}
      to={item.path}
      label={item.label}
      leftSection={<item.icon size={18} />}
      active={item.path === '/' ? pathname === '/' : pathname.startsWith(item.path)}
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

/** The signed-in frame: header with the user menu, role-based navigation, the page. */
export function AppLayout({ inert }: { inert: boolean }): ReactElement {
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
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label="Sections">
        <Navigation />
      </AppShell.Navbar>
      <AppShell.Main bg={layout.background}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

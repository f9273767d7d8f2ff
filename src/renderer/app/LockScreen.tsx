import { useState, type FormEvent, type ReactElement } from 'react';
import { Anchor, Button, Center, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { call, isAppError } from '../api.ts';
import { FormAlert } from '../components/form/FormAlert.tsx';
import { IconLock } from '../components/icons.tsx';
import { layout } from '../theme.ts';
import { useSession, type SignedIn } from './session.tsx';

/**
 * Covers the app while the window is locked. The pages underneath stay mounted (inert), so an
 * unsaved form is still there after unlocking. Only the same user can unlock; anyone else signs
 * out, which discards it.
 */
export function LockScreen({ signedIn }: { signedIn: SignedIn }): ReactElement {
  const session = useSession();
  const { user } = signedIn;
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const unlock = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!password) {
      setError('Enter your password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      session.unlock(await call('auth:login', { email: user.email, password }));
    } catch (err) {
      setError(isAppError(err) ? err.message : 'The window could not be unlocked.');
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <Center
      pos="fixed"
      inset={0}
      bg={layout.background}
      style={{ zIndex: 1000 }}
      role="dialog"
      aria-modal="true"
      aria-labelledby="lock-title"
    >
      <Paper p="xl" shadow="sm" w={380}>
        <form onSubmit={(e) => void unlock(e)} noValidate>
          <Stack gap="md">
            <Stack gap={6} align="center">
              <ThemeIcon size={44} radius="xl" variant="light">
                <IconLock size={22} />
              </ThemeIcon>
              <Title order={1} size="h2" id="lock-title">
                Locked
              </Title>
              <Text size="sm" c="dimmed" ta="center">
                {user.firstName} {user.lastName} ({user.email}). Enter your password to continue where you
                left off.
              </Text>
            </Stack>
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              autoFocus
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <FormAlert message={error} />
            <Button type="submit" loading={busy} fullWidth>
              Unlock
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="center"
              onClick={() => void session.signOut()}
            >
              Not {user.firstName}? Sign out (unsaved changes are lost)
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}

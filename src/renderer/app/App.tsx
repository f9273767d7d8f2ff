import type { ReactElement } from 'react';
import { Center } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage.tsx';
import { ResetPasswordPage } from '../features/auth/ResetPasswordPage.tsx';
import { SetupPage } from '../features/setup/SetupPage.tsx';
import { LoadDemoCard } from '../features/demo/LoadDemo.tsx';
import { call } from '../api.ts';
import { ErrorState, LoadingState } from '../components/StateViews.tsx';
import { AppLayout } from './AppLayout.tsx';
import { LockScreen } from './LockScreen.tsx';
import { roleMayOpen } from './navigation.ts';
import { NotForRole } from './NotForRole.tsx';
import { PAGES, ROLE_HOME } from './pages.tsx';
import { useSession } from './session.tsx';
import { useIdleLock } from './use-idle-lock.ts';

function SignedInApp(): ReactElement {
  const session = useSession();
  const status = session.status;
  const signedIn = status.kind === 'signed-in' ? status : null;
  useIdleLock(
    signedIn?.idleTimeoutMinutes ?? null,
    session.lock,
    () => void call('auth:me', {}).catch(() => undefined),
    signedIn?.locked ?? true,
  );
  if (!signedIn) return <Navigate to="/login" replace />;
  const home = ROLE_HOME[signedIn.user.role];
  return (
    <>
      <Routes>
        <Route element={<AppLayout inert={signedIn.locked} />}>
          {PAGES.map((page) => (
            <Route
              key={page.path}
              path={page.path}
              element={
                page.path === '/' && home ? (
                  <Navigate to={home} replace />
                ) : roleMayOpen(page, signedIn.user.role) ? (
                  page.element
                ) : (
                  <NotForRole label={page.label} />
                )
              }
            />
          ))}
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
      {signedIn.locked && <LockScreen signedIn={signedIn} />}
    </>
  );
}

export function App(): ReactElement {
  const { status, retry } = useSession();
  switch (status.kind) {
    case 'loading':
      return <LoadingState label="Opening SMMS…" />;
    case 'failed':
      return (
        <Center mih="100vh">
          <ErrorState error={status.error} title="The app could not start" onRetry={retry} />
        </Center>
      );
    case 'setup':
      return (
        <>
          <SetupPage />
          <LoadDemoCard />
        </>
      );
    case 'signed-out':
      return (
        <Routes>
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="*" element={<LoginPage />} />
        </Routes>
      );
    case 'signed-in':
      return <SignedInApp />;
  }
}

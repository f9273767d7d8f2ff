import './zod-jitless.ts';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { HashRouter } from 'react-router';
import { setNonce } from 'get-nonce';
import { getBridge, isAppError } from './api.ts';
import { App } from './app/App.tsx';
import { SessionProvider } from './app/session.tsx';
import { theme } from './theme.ts';

// Mantine injects <style> tags (CSS variables, responsive style props). The page's CSP allows
// inline styles only with the per-load nonce the shell wrote into this meta tag (see src/web/csp.ts);
// `.nonce` is read because browsers hide the nonce attribute's value from getAttribute.
function styleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';
}

// Modal and Drawer lock the page's scroll through react-remove-scroll, which injects its own
// <style> via react-style-singleton; that library takes its nonce from get-nonce, not from Mantine.
setNonce(styleNonce());

// Refusals (validation, forbidden, not found) will not change on a retry; a dropped connection may.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      staleTime: 30_000,
      retry: (failures, err) => failures < 2 && (!isAppError(err) || err.code === 'OFFLINE'),
    },
  },
});

// Pick the bridge before the router reads the address: the browser shell takes its token out of it.
getBridge();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} getStyleNonce={styleNonce} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <HashRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </HashRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);

// The app's Content-Security-Policy, shared by both shells (Electron's app:// protocol and the
// browser shell) and by the build, which writes the same policy into index.html's meta tag.
//
// Styles: Mantine injects <style> elements (its CSS variables and responsive style props), so
// style-src needs either 'unsafe-inline' or a nonce. We use a per-page-load nonce: each shell
// replaces NONCE_PLACEHOLDER in index.html with fresh random bytes, and the renderer hands it to
// MantineProvider's getStyleNonce. Scripts never get 'unsafe-inline' or a nonce in production;
// only `vite dev` needs a nonce for its React-refresh preamble and a websocket for HMR.

/** Written into the built index.html by Vite (html.cspNonce) and replaced per response. */
export const NONCE_PLACEHOLDER = 'SMMS_CSP_NONCE_PLACEHOLDER';

export interface CspOptions {
  nonce: string;
  /** vite dev server: inline preamble script with the nonce, and the HMR websocket. */
  dev?: boolean;
  /** A <meta> policy cannot carry frame-ancestors (browsers ignore it there and warn). */
  forMeta?: boolean;
}

export function cspDirectives(options: CspOptions): Record<string, string[]> {
  const nonce = `'nonce-${options.nonce}'`;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': options.dev ? ["'self'", nonce] : ["'self'"],
    'style-src': ["'self'", nonce],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': options.dev ? ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'] : ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': ["'none'"],
    'worker-src': ["'none'"],
    'manifest-src': ["'none'"],
  };
  if (!options.forMeta) directives['frame-ancestors'] = ["'none'"];
  return directives;
}

export function buildCsp(options: CspOptions): string {
  return Object.entries(cspDirectives(options))
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Headers every app page gets from either shell, besides the CSP. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};

/** Puts a fresh nonce into the built index.html (meta policy, Vite's csp-nonce meta, tags). */
export function injectNonce(html: string, nonce: string): string {
  return html.split(NONCE_PLACEHOLDER).join(nonce);
}

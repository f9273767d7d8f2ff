import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CALL_NAMES } from './src/shared/contract/index.ts';
import { buildCsp, NONCE_PLACEHOLDER } from './src/web/csp.ts';

// Writes the app's CSP (src/web/csp.ts) into index.html as a meta tag; the shells replace the nonce
// placeholder per page load and send the same policy as a header. `vite dev` gets the dev variant.
const CSP_MARKER = '<!-- content-security-policy -->';

function cspMetaTag(): Plugin {
  let dev = false;
  return {
    name: 'smms-csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => {
        const policy = buildCsp({ nonce: NONCE_PLACEHOLDER, dev, forMeta: true });
        const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        if (!html.includes(CSP_MARKER)) throw new Error(`index.html lacks the ${CSP_MARKER} marker`);
        return html.replace(CSP_MARKER, tag);
      },
    },
  };
}

// Main and preload externalise node_modules (native better-sqlite3, mysql2 stay as real requires).
// The preload runs in a sandboxed renderer, which only supports CommonJS preloads; it gets the
// contract's call names as a constant so zod and the schemas stay out of it.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      // The worker threads are entries of their own (out/main/pdf-worker.js, backup-worker.js), found
      // by src/core/worker-file.ts.
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'pdf-worker': resolve(import.meta.dirname, 'src/core/reports/pdf-worker.mjs'),
          'backup-worker': resolve(import.meta.dirname, 'src/core/ops/backup-worker.mjs'),
        },
      },
    },
  },
  preload: {
    define: { __SMMS_CALL_NAMES__: JSON.stringify(CALL_NAMES) },
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react(), cspMetaTag()],
    html: { cspNonce: NONCE_PLACEHOLDER },
    build: {
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } },
    },
  },
});

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Built into dist/ and served by the BFF (apps/web-bff), which also answers /session and /api/<service>/.
// `npx vite` here proxies those to a BFF on WEB_BFF_URL (default the port `npm start` gives it).
const bff = process.env['WEB_BFF_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // The contracts' code lists, from their source (libs/contracts/src/browser.ts: import-free modules only), so the
  // app shares @stepwell/contracts' lists instead of copying them; tsconfig.json's `paths` says the same to tsc.
  // The same for the event store's canonical JSON (import-free), which the browser's proof checks hash (src/lib/proofs.ts).
  resolve: {
    alias: {
      '@stepwell/contracts/browser': fileURLToPath(new URL('../../libs/contracts/src/browser.ts', import.meta.url)),
      '@stepwell/event-store/canonical-json': fileURLToPath(new URL('../../libs/platform/event-store/src/hash/canonical-json.ts', import.meta.url)),
    },
  },
  // nhsuk-frontend's CSS comes minified and keeps an old-browser media hack that lightningcss refuses to re-minify.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, cssMinify: false },
  server: { proxy: { '/api': bff, '/session': bff } },
  test: {
    include: ['src/**/*.spec.{ts,tsx}'],
    environment: 'node',
    reporters: ['default', './vitest-summary-reporter.ts'],
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Built into dist/ and served by the BFF (apps/web-bff), which also answers /session and /api/<service>/.
// `npx vite` here proxies those to a BFF on WEB_BFF_URL (default the port `npm start` gives it).
const bff = process.env['WEB_BFF_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  // nhsuk-frontend's CSS comes minified and keeps an old-browser media hack that lightningcss refuses to re-minify.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, cssMinify: false },
  server: { proxy: { '/api': bff, '/session': bff } },
  test: {
    include: ['src/**/*.spec.{ts,tsx}'],
    environment: 'node',
    reporters: ['default', './vitest-summary-reporter.ts'],
  },
});

import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Real-browser journeys: Debian Chromium driven by playwright-core against `vite preview` of the built app.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
  },
});

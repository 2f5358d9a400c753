import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { firstLoad, formatFirstLoad } from './scripts/lib/first-load';

// The app is a static site: everything it needs at run time is in dist/ (code) and dist/data/ (the refreshed data).
// BASE_PATH=/zonemap/ builds it for a sub-path of a site (asset URLs and import.meta.env.BASE_URL, which the app
// fetches data/ under); BUILD_OUT_DIR writes the build elsewhere than dist/ (tests build a sub-path copy).
// SOURCEMAP=1 also writes source maps (for debugging a build); by default none are built, so none are deployed.
export default defineConfig({
  base: basePath(process.env.BASE_PATH),
  plugins: [react(), firstLoadReport()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: process.env.SOURCEMAP === '1',
    chunkSizeWarningLimit: 2000,
    ...(process.env.BUILD_OUT_DIR ? { outDir: process.env.BUILD_OUT_DIR, emptyOutDir: true } : {}),
  },
  server: { host: '127.0.0.1', port: 5173 },
});

/** `/zonemap` or `zonemap/` → `/zonemap/`; unset → `/`. */
function basePath(value: string | undefined): string {
  if (!value || value === '/') return '/';
  if (!/^\/?[\w.~-]+(\/[\w.~-]+)*\/?$/.test(value)) throw new Error(`BASE_PATH must look like /zonemap/, got ${value}`);
  return `/${value.replace(/^\/+|\/+$/g, '')}/`;
}

/** Prints the first load's gzipped size after a build (scripts/lib/first-load.ts; the e2e suite checks the budget). */
function firstLoadReport(): Plugin {
  let outDir = 'dist';
  return {
    name: 'first-load',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      this.environment.logger.info(`\n${formatFirstLoad(firstLoad(outDir))}`);
    },
  };
}

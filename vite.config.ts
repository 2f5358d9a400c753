import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The app is a static site: everything it needs at run time is in dist/ (code) and dist/data/ (the refreshed data).
// BASE_PATH=/zonemap/ builds it for a sub-path of a site (asset URLs and import.meta.env.BASE_URL, which the app
// fetches data/ under); BUILD_OUT_DIR writes the build elsewhere than dist/ (tests build a sub-path copy).
export default defineConfig({
  base: basePath(process.env.BASE_PATH),
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
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

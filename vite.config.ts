import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { VitePWA } from 'vite-plugin-pwa';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { firstLoad, formatFirstLoad } from './scripts/lib/first-load';

// The app is a static site: everything it needs at run time is in dist/ (code) and dist/data/ (the refreshed data).
// BASE_PATH=/zonemap/ builds it for a sub-path of a site (asset URLs and import.meta.env.BASE_URL, which the app
// fetches data/ under); BUILD_OUT_DIR writes the build elsewhere than dist/ (tests build a sub-path copy).
// SOURCEMAP=1 also writes source maps (for debugging a build); by default none are built, so none are deployed.
export default defineConfig({
  base: basePath(process.env.BASE_PATH),
  plugins: [
    react(),
    firstLoadReport(),
    // The installable app and its service worker (src/sw/sw.ts; README, 离线使用). The manifest's start_url and
    // scope, and the worker's scope, follow `base`, so a sub-path build works offline too.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      includeManifestIcons: false,
      injectRegister: false,
      manifest: {
        name: '创城攻坚地图',
        short_name: '创城地图',
        description: '创建全国文明城市重点难点项目攻坚地图：攻坚范围、问题点位、现场核查',
        lang: 'zh-CN',
        dir: 'ltr',
        theme_color: '#1d4ed8',
        background_color: '#f4f4f5',
        display: 'standalone',
        orientation: 'any',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // The shell only: the data set is cached at run time, keyed by its hashes (src/dataset/offline.ts).
        globPatterns: ['**/*.{js,mjs,css,html,png,svg,webmanifest}'],
        globIgnores: ['data/**', 'sw.js'],
        // MapLibre's bundle is over Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
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

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
const BOOT = fileURLToPath(new URL('./src/app/boot.ts', import.meta.url));
const BOOT_MODULES = [
  '/src/app/boot.ts',
  '/src/app/prefetch.ts',
  '/src/app/early-workers.ts',
  '/src/dataset/file-groups.ts',
];

export default defineConfig({
  base: basePath(process.env.BASE_PATH),
  plugins: [
    react(),
    bootFirst(),
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
    // boot.ts is an entry of its own, so the page runs it before the app's code has loaded (bootFirst).
    rollupOptions: {
      input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), boot: BOOT },
      // What boot.ts imports goes in its own chunk, so it starts after one small request, not after the app's.
      output: { manualChunks: (id) => (BOOT_MODULES.some((m) => id.endsWith(m)) ? 'boot' : undefined) },
    },
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

/**
 * Puts src/app/boot.ts first in the page, as a script of its own: it starts the data set's fetches while the app's
 * code downloads and compiles (src/app/prefetch.ts). Not in index.html, where Vite would bundle it with the app.
 */
function bootFirst(): Plugin {
  let base = '/';
  return {
    name: 'boot-first',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const built = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
        if (ctx.bundle && !built) throw new Error('the build has no boot chunk (vite.config.ts rollupOptions.input)');
        const src = built ? `${base}${built.fileName}` : `${base}src/app/boot.ts`;
        // Right after the charset, and async: it runs as soon as it is in. The app imports prefetch.ts from its
        // chunk, so the app never runs before it.
        const tag = `<script type="module" async crossorigin src="${src}"></script>`;
        const charset = /<meta charset="[^"]*"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('index.html has no <meta charset> to put the boot script after');
        return html.replace(charset, (m) => `${m}\n    ${tag}`);
      },
    },
  };
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

/**
 * Deployment (README, Deploying): the build is a static folder any server can host. Checks the built index.html has no
 * inline script; serves dist/ with the README's nginx example (deploy/nginx/) on a loopback port and loads it in
 * Chromium under its Content Security Policy (no violation, map ready, OSM tiles allowed); checks the caching
 * headers; and builds a copy for a sub-path (BASE_PATH=/zonemap/) that works from there.
 * The nginx part is skipped, with the reason printed, when nginx is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, openApp, screenshot } from './browser';
import { readDefects } from './data';
import { serveStatic } from './static-server';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A 1×1 PNG standing in for an OSM tile (the test machine has no internet). */
const TILE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Collects CSP violations reported to the document (the worker ones show as console errors, collected too). */
async function watchCsp(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`),
    );
  });
}

describe('deployment', () => {
  it('the built index.html has no inline script or inline event handler', () => {
    const html = readFileSync('dist/index.html', 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc=/);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it.skipIf(!NGINX)(
    'served by the README nginx example: no CSP violation, map ready, cache headers right',
    async () => {
      const work = mkdtempSync(path.join(tmpdir(), 'zonemap-nginx-'));
      const port = await freePort();
      const nginx = startNginx(work, port);
      try {
        const origin = `http://127.0.0.1:${port}`;
        await waitForHttp(`${origin}/`, nginx);
        const first = await fetch(`${origin}/`);
        if (first.status !== 200)
          throw new Error(
            `nginx answered ${first.status} for / serving ${path.resolve('dist')}; its error log says: ` +
              readFileSync(path.join(work, 'error.log'), 'utf8').trim().split('\n').slice(-3).join(' | '),
          );

        const tileRequests: string[] = [];
        const { page, context, consoleErrors } = await openApp(browser, `${origin}/`, {
          before: async (p) => {
            await watchCsp(p);
            await p.route('https://tile.openstreetmap.org/**', (route) => {
              tileRequests.push(route.request().url());
              return route.fulfill({ status: 200, contentType: 'image/png', body: TILE_PNG });
            });
          },
        });
        const csp = (await page.evaluate(() => fetch('/').then((r) => r.headers.get('content-security-policy')))) ?? '';
        expect(csp).toContain("script-src 'self'");
        const defects = readDefects();
        expect((await page.getByTestId('defect-count').textContent())?.replace(/[^\d]/g, '')).toBe(
          String(defects.count),
        );
        // The online basemap goes through img-src/connect-src: its tiles must be allowed.
        await page.getByTestId('basemap-osm').check();
        await page.waitForFunction(() => window.__map!.areTilesLoaded() && window.__map!.loaded(), undefined, {
          timeout: 30000,
        });
        expect(tileRequests.length).toBeGreaterThan(0);
        await expect(page.getByTestId('basemap-fallback').count()).resolves.toBe(0);
        // The service worker registers and activates under the policy (worker-src 'self').
        await expect(page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL))).resolves.toBe(
          `${origin}/sw.js`,
        );
        await screenshot(page, 'deploy-nginx-csp');
        expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual(
          [],
        );
        expect(consoleErrors).toEqual([]);
        await context.close();

        // Names from what nginx serves now (another build may have replaced dist/ since the page loaded).
        // The app's entry (index-*.js; boot-*.js comes first and only starts the data set's fetches).
        const asset = (await (await fetch(`${origin}/`)).text()).match(/src="\/(assets\/index-[^"]+\.js)"/)![1];
        const assetRes = await fetch(`${origin}/${asset}`);
        expect(assetRes.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(assetRes.headers.get('content-type')).toMatch(/javascript/);
        const workerPath = (await assetRes.text()).match(/\/assets\/maplibre-gl-worker-[\w-]+\.mjs/)![0];
        const workerRes = await fetch(origin + workerPath);
        expect(workerRes.status).toBe(200);
        expect(workerRes.headers.get('content-type')).toMatch(/javascript/);
        expect((await fetch(`${origin}/manifest.webmanifest`)).headers.get('content-type')).toMatch(
          /^application\/manifest\+json/,
        );
        for (const p of [
          '/',
          '/index.html',
          '/sw.js',
          '/manifest.webmanifest',
          '/data/manifest.json',
          '/data/defects.bin',
        ]) {
          const res = await fetch(origin + p);
          expect(res.status, p).toBe(200);
          expect(res.headers.get('cache-control'), p).toBe('no-cache');
          expect(res.headers.get('content-security-policy'), p).toBe(csp);
          const etag = res.headers.get('etag');
          expect(etag, p).toBeTruthy();
          const again = await fetch(origin + p, { headers: { 'if-none-match': etag! } });
          expect(again.status, `${p} revalidates`).toBe(304);
        }
        // defects.bin is typed columns: gzip takes it to about a third, so nginx must compress it too.
        const bin = await fetch(`${origin}/data/defects.bin`, { headers: { 'accept-encoding': 'gzip' } });
        expect(bin.headers.get('content-encoding')).toBe('gzip');
        expect((await fetch(`${origin}/data/streets.geojson`)).headers.get('content-type')).toBe(
          'application/geo+json; charset=utf-8',
        );
      } finally {
        nginx.kill('SIGTERM');
        await new Promise((resolve) => nginx.once('exit', resolve));
        rmSync(work, { recursive: true, force: true });
      }
    },
  );

  it('a build for a sub-path (BASE_PATH=/zonemap/) works from that sub-path', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'zonemap-subpath-'));
    try {
      const out = path.join(work, 'zonemap');
      const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
        env: { ...process.env, BASE_PATH: '/zonemap/', BUILD_OUT_DIR: out },
        encoding: 'utf8',
      });
      expect(build.status, build.stderr).toBe(0);
      const html = readFileSync(path.join(out, 'index.html'), 'utf8');
      expect(html).toContain('src="/zonemap/assets/');
      const server = await serveStatic(out, '/zonemap/');
      try {
        const requests: string[] = [];
        const { page, context, consoleErrors } = await openApp(browser, server.url, {
          before: async (p) => p.on('request', (r) => requests.push(new URL(r.url()).pathname)),
        });
        const defects = readDefects();
        expect((await page.getByTestId('defect-count').textContent())?.replace(/[^\d]/g, '')).toBe(
          String(defects.count),
        );
        expect(requests).toContain('/zonemap/data/manifest.json');
        expect(requests.filter((p) => !p.startsWith('/zonemap/'))).toEqual([]);
        await screenshot(page, 'deploy-subpath');
        expect(consoleErrors).toEqual([]);
        await context.close();
      } finally {
        await server.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

if (!NGINX)
  console.log('deploy.e2e: nginx is not installed (apt-get install nginx-light): skipping the nginx/CSP check');

/**
 * Runs nginx in the foreground on the example config: the example server block with the test's listen address,
 * dist/ as root and the headers snippet from deploy/nginx/, inside a minimal main config whose paths are all
 * under `work` (no root needed).
 */
function startNginx(work: string, port: number): ChildProcess {
  const deploy = path.resolve('deploy/nginx');
  const site = readFileSync(path.join(deploy, 'zonemap.conf'), 'utf8')
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(/root \/srv\/zonemap\/dist;/, `root ${path.resolve('dist')};`)
    .replaceAll('/etc/nginx/snippets/zonemap-headers.conf', path.join(deploy, 'zonemap-headers.conf'))
    .replace(/include mime\.types;/, 'include /etc/nginx/mime.types;');
  expect(site).toContain(`listen 127.0.0.1:${port};`);
  mkdirSync(path.join(work, 'tmp'));
  writeFileSync(path.join(work, 'site.conf'), site);
  writeFileSync(
    path.join(work, 'nginx.conf'),
    [
      'daemon off;',
      // Started as root, nginx's workers drop to an unprivileged user that cannot read a checkout inside a private
      // folder (a clone made in `mktemp -d`, mode 0700); this test's own server keeps the user that started it.
      ...(process.getuid?.() === 0 ? ['user root;'] : []),
      'worker_processes 1;',
      `pid ${work}/nginx.pid;`,
      `error_log ${work}/error.log warn;`,
      'events { worker_connections 64; }',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${work}/tmp/${t};`),
      `  include ${work}/site.conf;`,
      '}',
    ].join('\n'),
  );
  return spawn(NGINX!, ['-p', work, '-c', path.join(work, 'nginx.conf')], { stdio: ['ignore', 'inherit', 'inherit'] });
}

async function waitForHttp(url: string, proc: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`nginx exited with ${proc.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`nginx did not answer on ${url}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

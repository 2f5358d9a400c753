/**
 * Works offline (issue #11, item 3; README, 离线使用). A build for a sub-path (BASE_PATH=/zonemap/) is served from a
 * temporary copy, so the test can take the data away from the server: a reload that still shows the data came from
 * the service worker's copy, not from the network. The journey: the app installs its service worker and stores the
 * data set; it is installable (Chromium's own check); 下载本片区 for a zone says how much it stored; with the network
 * cut (context offline) and the server's data gone, a reload shows the map, the 离线 badge with the data's time and
 * the details of a defect of that zone; back online, a new data set is picked up, stored in place of the old one
 * (one copy per file, keyed by its hash), and is what the next offline reload shows. Last, a new version of the
 * app is published: the header offers 新版本 · 更新, and taking it keeps what IndexedDB and the data cache hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { FeatureCollection, Point } from 'geojson';
import type { Manifest } from '../../src/dataset/types';
import { readAllDetails, readDefects } from './data';
import { launchBrowser, openApp, screenshot, waitForMapReady } from './browser';
import { serveStatic, type StaticServer } from './static-server';

let browser: Browser;
let work: string;
let out: string;
let server: StaticServer;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'zonemap-offline-'));
  out = path.join(work, 'zonemap');
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
    env: { ...process.env, BASE_PATH: '/zonemap/', BUILD_OUT_DIR: out },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`sub-path build failed: ${build.stderr}`);
  server = await serveStatic(out, '/zonemap/');
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const data = (file: string) => path.join(out, 'data', file);
const read = <T>(file: string) => JSON.parse(readFileSync(data(file), 'utf8')) as T;

/** `2019-09-12 18:00`: an instant in Asia/Shanghai, as the badge shows it. */
function shanghai(instant: string): string {
  const d = new Date(new Date(instant).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** A defect standing within 300 m of a community: it is in that community's R300 zone. */
function defectInZone(): { zoneId: string; defectId: string } {
  const defects = readDefects(path.join(out, 'data'));
  const communities = read<FeatureCollection<Point, { id: string }>>('communities.geojson');
  for (const c of communities.features)
    for (let row = 0; row < defects.count; row++) {
      const at = turf.point([defects.coords[2 * row], defects.coords[2 * row + 1]]);
      if (turf.distance(c.geometry.coordinates, at, { units: 'meters' }) < 250)
        return { zoneId: `R300:${c.properties.id}`, defectId: defects.id[row] };
    }
  throw new Error('no defect within 250 m of a community in the sample');
}

declare global {
  function putRecord(store: string, key: string, value: unknown): Promise<void>;
  function getRecord(store: string, key: string): Promise<unknown>;
}

/** A record in IndexedDB, as the field-record queue keeps them (a database of its own here). */
async function addIdbHelpers(page: import('playwright-core').Page) {
  await page.addInitScript(() => {
    const open = (store: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('offline-e2e', 1);
        request.onupgradeneeded = () => request.result.createObjectStore(store);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const run = <T>(store: string, mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>) =>
      open(store).then(
        (db) =>
          new Promise<T>((resolve, reject) => {
            const request = op(db.transaction(store, mode).objectStore(store));
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          }),
      );
    globalThis.putRecord = (store, key, value) => run(store, 'readwrite', (s) => s.put(value, key)).then(() => {});
    globalThis.getRecord = (store, key) => run(store, 'readonly', (s) => s.get(key));
  });
}

describe('offline', () => {
  it('reloads without network from the service worker, downloads a zone, and picks up new data when back', async () => {
    const { zoneId, defectId } = defectInZone();
    const { details, index } = readAllDetails(read);
    const description = details[defectId].description;
    const firstManifest = read<Manifest>('manifest.json');

    const { page, context } = await openApp(browser, server.url, {
      query: 'manifestPollMs=1000',
      before: addIdbHelpers,
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    // The service worker installs on the first visit and stores the data set; from the next load on it controls.
    await page.waitForFunction(() => window.__offlineCopy !== undefined, undefined, { timeout: 180_000 });
    const stored = await page.evaluate(() => window.__offlineCopy!);
    expect(stored.failed).toEqual([]);
    expect(stored.generatedAt).toBe(firstManifest.generatedAt);
    expect(stored.files).toBe(Object.keys(firstManifest.files).length + 1);
    await page.reload();
    await waitForMapReady(page);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}sw.js`);

    // Installable: Chromium parses the manifest without errors and finds nothing missing (icons, service
    // worker, start URL); the one thing it objects to is the test's own incognito-like context.
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
    expect(manifest.url).toBe(`${server.url}manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

    // 下载本片区 for the zone of that defect: it sits with the exports, one tab away on a desk.
    await page.getByTestId('sidebar-tab-export').click();
    await page.getByTestId('trip-kind').selectOption('zone');
    await page.getByTestId('trip-target').selectOption(zoneId);
    await page.getByTestId('trip-button').click();
    const done = page.getByTestId('trip-done');
    await done.waitFor({ timeout: 60_000 });
    const text = (await done.textContent()) ?? '';
    const files = Number(text.match(/(\d+) 个文件，/)![1]);
    const megabytes = Number(text.match(/个文件，([\d.]+) MB/)![1]);
    // The trip stored the details chunks of its defects (and only those: no defect was opened before), and counts them.
    const cachedChunks = await page.evaluate(async () => {
      const cache = await caches.open('zonemap-data-v1');
      return (await cache.keys())
        .map((r) => new URL(r.url).pathname.split('/').pop()!)
        .filter((name) => /^defect-details-\d+\.json$/.test(name));
    });
    expect(cachedChunks.length).toBeGreaterThan(0);
    expect(cachedChunks.length).toBeLessThan(index.chunks.length + 1);
    const chunkBytes = index.chunks.filter((c) => cachedChunks.includes(c.path)).reduce((sum, c) => sum + c.bytes, 0);
    const totalBytes = Object.values(firstManifest.files).reduce((sum, f) => sum + (f?.bytes ?? 0), 0) + chunkBytes;
    expect(files).toBe(stored.files + cachedChunks.length);
    expect(megabytes).toBeCloseTo(totalBytes / 2 ** 20, 0);
    // The data set was stored at load; the chunks came now (by the page's fetch through the worker, or the store).
    expect(Number(text.match(/本次下载 (\d+) 个文件/)![1])).toBeLessThanOrEqual(cachedChunks.length);
    expect(await page.getByTestId('trip-storage').textContent()).toMatch(/本机共占用 [\d.]+ MB/);
    await page.getByTestId('trip-download').scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-trip');

    // Cut the network and take the data away from the server: what shows now comes from the service worker.
    await context.setOffline(true);
    renameSync(path.join(out, 'data'), path.join(out, 'data.away'));
    await page.goto(`${server.url}?manifestPollMs=1000&sel=defect:${defectId}`);
    await waitForMapReady(page);
    const badge = page.getByTestId('offline-badge');
    await expect(badge.textContent()).resolves.toBe(`离线 · 数据 ${shanghai(firstManifest.generatedAt)}`);
    await expect(page.getByTestId('data-error-banner').count()).resolves.toBe(0);
    await expect(page.getByTestId('details-defect-id').textContent()).resolves.toBe(defectId);
    // From the chunk the trip stored.
    await page.getByTestId('details-description').waitFor();
    await expect(page.getByTestId('defect-details').textContent()).resolves.toContain(description);
    await screenshot(page, 'offline-reload');

    // Back online, the server publishes a new data set (campaign.json re-written: same plan, new bytes and hash).
    renameSync(path.join(out, 'data.away'), path.join(out, 'data'));
    const campaignText = `${JSON.stringify(read('campaign.json'), null, 1)}\n`;
    writeFileSync(data('campaign.json'), campaignText);
    const newHash = createHash('sha256').update(campaignText).digest('hex');
    const next: Manifest = {
      ...firstManifest,
      generatedAt: '2019-09-13T02:30:00.000Z',
      files: {
        ...firstManifest.files,
        campaign: { ...firstManifest.files.campaign, sha256: newHash, bytes: Buffer.byteLength(campaignText) },
      },
    };
    writeFileSync(data('manifest.json'), JSON.stringify(next));
    await context.setOffline(false);
    await page.waitForFunction((at) => window.__offlineCopy?.generatedAt === at, next.generatedAt, {
      timeout: 60_000,
    });
    await badge.waitFor({ state: 'detached', timeout: 60_000 });
    // One stored copy of campaign.json: the new one, under its hash.
    const keys = await page.evaluate(async () =>
      (await (await caches.open('zonemap-data-v1')).keys())
        .map((r) => r.url)
        .filter((u) => u.includes('campaign.json')),
    );
    expect(keys).toEqual([`${server.url}data/campaign.json?sha256=${newHash}`]);

    await context.setOffline(true);
    renameSync(path.join(out, 'data'), path.join(out, 'data.away'));
    await page.reload();
    await waitForMapReady(page);
    await expect(badge.textContent()).resolves.toBe('离线 · 数据 2019-09-13 10:30');
    await expect(page.getByTestId('data-error-banner').count()).resolves.toBe(0);
    await screenshot(page, 'offline-new-data');
    renameSync(path.join(out, 'data.away'), path.join(out, 'data'));
    await context.setOffline(false);

    // A new version of the app (index.html changed, so its precache revision in sw.js): it installs and waits,
    // the header offers 新版本 · 更新, and taking it keeps what the device stores (IndexedDB, the data copy).
    await page.evaluate(() => putRecord('field-records', 'r1', { note: '仍存在' }));
    writeFileSync(
      path.join(out, 'index.html'),
      readFileSync(path.join(out, 'index.html'), 'utf8').replace('</body>', '<!-- v2 --></body>'),
    );
    const sw = readFileSync(path.join(out, 'sw.js'), 'utf8');
    const bumped = sw.replace(/"revision":"(\w+)","url":"index.html"/, '"revision":"v2-$1","url":"index.html"');
    expect(bumped).not.toBe(sw);
    writeFileSync(path.join(out, 'sw.js'), bumped);
    // With the 1 s manifest poll: the waiting version takes over only once the current one has no request in
    // flight, so the page's polls must stop at 更新 (app-update.ts); a 1 s poll on a loaded machine kept one going.
    await page.goto(`${server.url}?manifestPollMs=1000&sel=defect:${defectId}`);
    await waitForMapReady(page);
    await page.getByTestId('update-ready').click({ timeout: 60_000 });
    await page
      .waitForFunction(() => !document.querySelector('[data-testid="update-ready"]'), undefined, { timeout: 60_000 })
      .catch(async (e: unknown) => {
        // What the service workers were doing when the page did not reload: for the log of a failed run.
        const states = await page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          return JSON.stringify({
            controller: navigator.serviceWorker.controller?.state ?? null,
            active: r?.active?.state ?? null,
            waiting: r?.waiting?.state ?? null,
            installing: r?.installing?.state ?? null,
          });
        });
        console.log(`update not taken after 60 s; service workers: ${states}`);
        throw e;
      });
    await waitForMapReady(page);
    expect(await page.evaluate(() => fetch('./').then((r) => r.text()))).toContain('<!-- v2 -->');
    await expect(page.evaluate(() => getRecord('field-records', 'r1'))).resolves.toEqual({ note: '仍存在' });
    expect(await page.evaluate(() => window.__offlineCopy?.fetchedFiles)).toBe(0);
    expect(pageErrors).toEqual([]);
    await context.close();
  }, 600_000);
});

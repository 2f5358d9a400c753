/**
 * The first-load budget (issue #14): the built app's JavaScript and CSS that the browser needs before it can draw is
 * at most 450 KB gzipped, and no source maps are deployed. Reads dist/ as `npm run build` left it, then loads the
 * app in Chromium to check that what the page really fetched up to map-ready is what the count covers, and that the
 * export code (XLSX writer, QR codes, report views) comes only when an export is opened.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { FIRST_LOAD_BUDGET_BYTES, firstLoad } from '../../scripts/lib/first-load';
import { launchBrowser, openApp } from './browser';
import { serveStatic } from './static-server';
import { readDefects } from './data';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The JS and CSS files (paths inside dist/) the page fetched so far, workers' own fetches included. */
/** Code whose fetch started before the page's first `map-ready` mark (or ever, once `untilReady` is false). */
async function fetchedCode(page: Page, untilReady = true): Promise<string[]> {
  const urls = await page.evaluate((untilReady) => {
    const ready = performance.getEntriesByName('map-ready')[0]?.startTime ?? Infinity;
    return performance
      .getEntriesByType('resource')
      .filter((e) => !untilReady || e.startTime <= ready)
      .map((e) => e.name);
  }, untilReady);
  return urls
    .map((u) => new URL(u).pathname.replace(/^\//, ''))
    .filter((p) => /\.(m?js|css)$/.test(p))
    .sort();
}

describe('first load', () => {
  const load = firstLoad('dist');

  it('is within the gzipped budget and counts the entry, its chunks and the stylesheets', () => {
    console.log(
      `first load ${(load.gzipBytes / 1024).toFixed(1)} KB gzipped (budget ${FIRST_LOAD_BUDGET_BYTES / 1024} KB): ` +
        load.files.map((f) => `${f.file} ${(f.gzipBytes / 1024).toFixed(1)}`).join(', '),
    );
    expect(load.files.some((f) => /^assets\/index-.*\.js$/.test(f.file))).toBe(true);
    expect(load.files.some((f) => f.file.endsWith('.css'))).toBe(true);
    // MapLibre alone is ~290 KB gzipped: a count far below it missed a file.
    expect(load.gzipBytes).toBeGreaterThan(250 * 1024);
    expect(load.gzipBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
  });

  it('ships no source maps unless built with SOURCEMAP=1', () => {
    if (process.env.SOURCEMAP === '1') return;
    expect(readdirSync('dist/assets').filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('fetches no other code than it counts until the map is ready, and the export code only on first use', async () => {
    const { page, context } = await openApp(browser, baseUrl);
    const counted = new Set([...load.files, ...load.workers].map((f) => f.file));
    const atReady = await fetchedCode(page);
    expect(atReady.filter((f) => !counted.has(f))).toEqual([]);
    // Every counted main-thread file was needed.
    expect(load.files.map((f) => f.file).filter((f) => !atReady.includes(f))).toEqual([]);

    await page.getByTestId('sidebar-tab-export').click();
    await page.getByTestId('open-weekly').click();
    await page.getByTestId('doc-view').waitFor();
    const afterReport = await fetchedCode(page, false);
    expect(afterReport.filter((f) => !counted.has(f)).length).toBeGreaterThan(0);
    await context.close();
  });

  it('starts the data set from a first script of its own and fetches each data file once', async () => {
    // boot-*.js is the page's first script: it fetches the manifest and the files a load reads at once while the
    // app's code still loads; the app takes those responses instead of fetching again (src/app/prefetch.ts).
    const html = readFileSync('dist/index.html', 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*src="[^"]*\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts[0]).toMatch(/^assets\/boot-[\w-]+\.js$/);
    expect(scripts.slice(1).some((f) => /^assets\/index-/.test(f))).toBe(true);
    const requests: string[] = [];
    const { context } = await openApp(browser, baseUrl, {
      before: async (p) => p.context().on('request', (r) => requests.push(new URL(r.url()).pathname)),
    });
    const data = requests.filter((r) => r.includes('/data/') && !r.endsWith('/manifest.json'));
    expect(data.length).toBeGreaterThanOrEqual(10);
    expect(data.filter((r, i) => data.indexOf(r) !== i)).toEqual([]);
    // The manifest: once for the data set, once more when the page asks whether the network answers (离线).
    expect(requests.filter((r) => r.endsWith('/data/manifest.json')).length).toBeLessThanOrEqual(2);
    await context.close();
  });

  it('sends each map source once when the defects arrive after the rest of the data set', async () => {
    // With defects.bin held back, the first answer (everything else) draws first and the defects follow: the
    // sources that did not change must not be sent to MapLibre again (each send is re-tiled in its worker).
    // Held back by the server itself (the defects worker fetches it, out of the page's routes' reach) until the
    // page has drawn the land: a fixed delay raced the page's own load on a slow machine.
    let open!: () => void;
    const landDrawn = new Promise<void>((resolve) => (open = resolve));
    const slow = await serveStatic('dist', '/', {
      hold: (rel) => (rel === 'data/defects.bin' ? landDrawn : undefined),
    });
    const { page, context } = await openApp(browser, slow.url, {
      before: async (p) => {
        // Not awaited: it runs while the page loads. If the land never comes, the gate opens after a minute and
        // the assertions below say what went wrong instead of the wait timing out.
        void p
          .waitForFunction(
            () => (window as unknown as { __sourceLog?: { id: string }[] }).__sourceLog?.some((e) => e.id === 'land'),
            undefined,
            { timeout: 60000, polling: 50 },
          )
          .catch(() => undefined)
          .finally(open);
        await p.addInitScript({
          content: `(() => {
            const log = [];
            window.__sourceLog = log;
            let map;
            Object.defineProperty(window, '__map', { configurable: true, get: () => map, set(m) {
              map = m;
              const seen = new WeakSet();
              const getSource = m.getSource.bind(m);
              m.getSource = (id) => {
                const s = getSource(id);
                if (s && s.setData && !seen.has(s)) {
                  seen.add(s);
                  const setData = s.setData.bind(s);
                  s.setData = (d, ...rest) => { log.push({ id, t: performance.now() }); return setData(d, ...rest); };
                }
                return s;
              };
            } });
          })();`,
        });
      },
    });
    const log = await page.evaluate(
      () => (window as unknown as { __sourceLog: { id: string; t: number }[] }).__sourceLog,
    );
    const times = (id: string) => log.filter((e) => e.id === id).map((e) => e.t);
    // The two steps happened: the land was drawn before the defects reached the page (defects-client.ts marks it).
    const defectsIn = await page.evaluate(() => performance.getEntriesByName('defects-fetched')[0]?.startTime ?? null);
    expect(times('land').length).toBe(1);
    expect(defectsIn).not.toBeNull();
    expect(defectsIn!).toBeGreaterThan(times('land')[0]);
    expect(times('defects').length).toBeGreaterThan(0);
    for (const id of ['boundary', 'communities', 'markets', 'townSeats', 'compounds', 'stations', 'adsites'])
      expect([id, times(id).length]).toEqual([id, 1]);
    const zones = [...new Set(log.map((e) => e.id).filter((x) => x.startsWith('zone-')))];
    expect(zones.length).toBeGreaterThan(0);
    for (const id of zones) expect([id, times(id).length]).toEqual([id, 1]);
    await context.close();
    await slow.close();
  });
});

describe('defect ids on demand', () => {
  /** Zooms to street level where single markers show, and returns the first one's row and position on the page. */
  async function singleMarker(page: Page): Promise<{ index: number; x: number; y: number }> {
    await page.evaluate(() => window.__map!.jumpTo({ center: [122.105, 30.012], zoom: 15.4 }));
    await page.waitForFunction(
      () => {
        const map = window.__map!;
        return map.loaded() && !map.isMoving() && map.queryRenderedFeatures({ layers: ['defect-points'] }).length > 0;
      },
      undefined,
      { timeout: 30000 },
    );
    const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
    const found = await page.evaluate(() => {
      const map = window.__map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      return map
        .queryRenderedFeatures({ layers: ['defect-points'] })
        .map((f) => ({
          index: Number(f.properties.index),
          p: map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]),
        }))
        .filter(({ p }) => p.x > 60 && p.y > 60 && p.x < canvas.width - 60 && p.y < canvas.height - 60);
    });
    expect(found.length).toBeGreaterThan(0);
    return { index: found[0].index, x: found[0].p.x + box.x, y: found[0].p.y + box.y };
  }

  it('reaches map-ready without defect-ids.json, asks for it after, and opens a marker clicked before it came', async () => {
    // The ids are held until the test lets them go: a load that needed them would never be ready. Counted are
    // the app's own fetches (the defects worker's); the service worker's copy for offline use is its own.
    let asked = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      before: (p) =>
        p.context().route('**/data/defect-ids.json', async (route) => {
          if (!route.request().serviceWorker()) {
            asked += 1;
            await gate;
          }
          await route.continue();
        }),
    });
    await page.waitForFunction(() => performance.getEntriesByName('defect-ids-asked').length > 0, undefined, {
      timeout: 30000,
    });
    const marks = await page.evaluate(() => ({
      ready: performance.getEntriesByName('map-ready')[0].startTime,
      asked: performance.getEntriesByName('defect-ids-asked')[0].startTime,
    }));
    expect(marks.asked).toBeGreaterThanOrEqual(marks.ready);
    const marker = await singleMarker(page);
    await page.mouse.click(marker.x, marker.y);
    await page.getByTestId('defect-ids-loading').waitFor();
    await expect(page.getByTestId('details-panel').textContent()).resolves.toContain('正在读取问题编号');
    release();
    const id = readDefects().id[marker.index];
    await expect(page.getByTestId('details-defect-id').textContent()).resolves.toBe(id);
    // The link names it as any selected defect (written shortly after, like every state change).
    await page.waitForFunction((want) => new URLSearchParams(location.search).get('sel') === want, `defect:${id}`, {
      timeout: 5000,
    });
    expect(asked).toBe(1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('names defect-ids.json in the banner when it does not match its hash; the map and its counts stay', async () => {
    const { page, context } = await openApp(browser, baseUrl, {
      before: (p) =>
        // The defects worker fetches it: routed for the whole context.
        p
          .context()
          .route('**/data/defect-ids.json', (route) =>
            route.fulfill({ status: 200, contentType: 'application/json', body: '["tampered"]' }),
          ),
    });
    const banner = page.getByTestId('data-error-banner');
    await banner.waitFor({ timeout: 30000 });
    await expect(banner.textContent()).resolves.toMatch(/defect-ids\.json — content does not match manifest\.json/);
    expect(Number((await page.getByTestId('defect-count').textContent())!.replace(/\D/g, ''))).toBe(
      readDefects().count,
    );
    const marker = await singleMarker(page);
    await page.mouse.click(marker.x, marker.y);
    await page.getByTestId('defect-ids-failed').waitFor();
    await context.close();
  });
});

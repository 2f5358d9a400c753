/**
 * Faults (README, When something fails): the map keeps working, or says clearly what is wrong, when a data file is
 * corrupt, the online tiles are unreachable, the data is refreshed while the app is open, a refresh is killed
 * mid-write, or the browser has no WebGL. Each case saves a screenshot in tests/e2e/artifacts/faults-*.png.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { Campaign } from '../../src/campaign/types';
import { sha256Hex } from '../../src/dataset/hash';
import { defectFileBytes } from '../../scripts/lib/defects-files';
import type { DefectColumns, Manifest } from '../../src/dataset/types';
import { launchBrowser, openApp, screenshot, waitForMapReady } from './browser';
import { anchorsOf, bruteForceMembers, readData, readDefects } from './data';
import { serveStatic } from './static-server';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Fc<G extends Point | Polygon | LineString> = FeatureCollection<G, { id: string; streetClass?: string }>;

const digits = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent())?.replace(/[^\d]/g, '');

/** Zone, member and object counts as the summary panel must show them for the data on disk. */
function expectedCounts(radiusR300 = 0) {
  const campaign = readData<Campaign>('campaign.json');
  const compounds = readData<Fc<Point | Polygon>>('compounds.geojson');
  const streets = readData<Fc<LineString>>('streets.geojson');
  const zones = Object.fromEntries(campaign.zoneRules.map((r) => [r.id, String(anchorsOf(campaign, r).length)]));
  const r300 = campaign.zoneRules.find((r) => r.id === 'R300')!;
  const members300 = bruteForceMembers(anchorsOf(campaign, r300), compounds.features, radiusR300 || r300.radiusM);
  return {
    zones,
    compounds: String(compounds.features.length),
    streets: String(streets.features.length),
    membersR300: String(members300.size),
  };
}

function r300MembersAt(radiusM: number): Set<string> {
  const campaign = readData<Campaign>('campaign.json');
  const compounds = readData<Fc<Point | Polygon>>('compounds.geojson');
  const r300 = campaign.zoneRules.find((r) => r.id === 'R300')!;
  return bruteForceMembers(anchorsOf(campaign, r300), compounds.features, radiusM);
}

async function expectSummaryCounts(page: Page) {
  const want = expectedCounts();
  for (const [rule, n] of Object.entries(want.zones)) expect(await digits(page, `zone-count-${rule}`), rule).toBe(n);
  expect(await digits(page, 'object-count-compounds')).toBe(want.compounds);
  expect(await digits(page, 'object-count-streets')).toBe(want.streets);
  expect(await digits(page, 'member-count-R300')).toBe(want.membersR300);
}

/**
 * Colours of the map region as drawn on screen: a screenshot of the map decoded in the page (no PNG library in
 * Node), with the share of the most common colour and of the offline basemap's land and sea colours.
 */
async function mapColours(page: Page) {
  const box = (await page.getByTestId('map').boundingBox())!;
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const counts = new Map<number, number>();
    for (let i = 0; i < px.length; i += 4) {
      const key = (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const total = px.length / 4;
    let top = 0;
    for (const n of counts.values()) top = Math.max(top, n);
    return {
      distinct: counts.size,
      topShare: top / total,
      landShare: (counts.get(0xf4f1ea) ?? 0) / total,
      seaShare: (counts.get(0xcfe3f1) ?? 0) / total,
    };
  }, png.toString('base64'));
}

/** Resolves once the map has finished drawing what it has (tiles, data, zones). */
const mapIdle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        if (map.loaded() && !map.isMoving()) resolve();
        else map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );

describe('faults', () => {
  it('a data file whose content does not match its manifest hash: banner names it, the other layers keep their counts', async () => {
    // A valid file, one defect's deadline moved: only the hash (checked in the defects worker) can tell.
    const tampered = readDefects();
    tampered.deadline[0] += 1;
    const { bin } = defectFileBytes(tampered);
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      before: (p) =>
        p
          .context()
          .route('**/data/defects.bin', (route) =>
            route.fulfill({ status: 200, contentType: 'application/octet-stream', body: bin }),
          ),
    });
    const banner = await page.getByTestId('data-error-banner').textContent();
    expect(banner).toContain('defects.bin');
    expect(banner).toContain('sha256');
    await expectSummaryCounts(page);
    expect(await page.getByTestId('defect-count').textContent()).toBe('—');
    await screenshot(page, 'faults-corrupt-defects');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('OpenStreetMap tiles unreachable: the offline basemap takes over and the map is not blank', async () => {
    const tileRequests: string[] = [];
    const { page, context } = await openApp(browser, baseUrl, {
      before: (p) =>
        p.route('https://tile.openstreetmap.org/**', (route) => {
          tileRequests.push(route.request().url());
          return route.abort('internetdisconnected');
        }),
    });
    // click, not check(): the fallback may switch the basemap back before check() could confirm its own change.
    await page.getByTestId('basemap-osm').click();
    await expect(page.getByTestId('basemap-fallback').textContent()).resolves.toContain('OpenStreetMap');
    expect(tileRequests.length).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('basemap-offline').isChecked()).resolves.toBe(true);
    expect(await page.evaluate(() => window.__map!.getLayoutProperty('osm', 'visibility'))).toBe('none');
    await mapIdle(page);
    const colours = await mapColours(page);
    // Sea, land, zones, objects and labels: many colours, none covering nearly everything.
    expect(colours.distinct).toBeGreaterThan(50);
    expect(colours.topShare).toBeLessThan(0.85);
    expect(colours.landShare).toBeGreaterThan(0.03);
    expect(colours.seaShare).toBeGreaterThan(0.03);
    await expectSummaryCounts(page);
    await screenshot(page, 'faults-osm-unreachable');
    await context.close();
  });

  it('data refreshed while the app is open: it reloads and keeps radii, layer choices, selection and camera', async () => {
    const manifest = readData<Manifest>('manifest.json');
    const defects = readDefects();
    // The "refreshed" data set: 100 defects fewer, a new generation time, a manifest that matches.
    const drop = 100;
    const n = defects.count - drop;
    const next: DefectColumns = {
      ...defects,
      count: n,
      id: defects.id.slice(0, n),
      coords: defects.coords.slice(0, 2 * n),
      taskForce: defects.taskForce.slice(0, n),
      category: defects.category.slice(0, n),
      state: defects.state.slice(0, n),
      unit: defects.unit.slice(0, n),
      subdistrict: defects.subdistrict.slice(0, n),
      object: defects.object.slice(0, n),
      found: defects.found.slice(0, n),
      deadline: defects.deadline.slice(0, n),
      updated: defects.updated.slice(0, n),
    };
    const nextFiles = defectFileBytes(next);
    const nextManifest: Manifest = {
      ...manifest,
      generatedAt: new Date(Date.parse(manifest.generatedAt) + 3_600_000).toISOString(),
      files: { ...manifest.files, ...nextFiles.entries },
    };

    let published = false;
    let defectFetches = 0;
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      query: 'manifestPollMs=500',
      before: async (p) => {
        await p.route('**/data/manifest.json', (route) =>
          published
            ? route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(nextManifest) })
            : route.continue(),
        );
        await p.context().route('**/data/defects.bin', (route) => {
          // The app's own fetches (the defects worker's); the service worker's copies for offline use are its own.
          if (!route.request().serviceWorker()) defectFetches += 1;
          return published
            ? route.fulfill({ status: 200, contentType: 'application/octet-stream', body: nextFiles.bin })
            : route.continue();
        });
        await p
          .context()
          .route('**/data/defect-ids.json', (route) =>
            published
              ? route.fulfill({ status: 200, contentType: 'application/json', body: nextFiles.ids })
              : route.continue(),
          );
      },
    });
    expect(await digits(page, 'defect-count')).toBe(String(defects.count));
    const generatedBefore = await page.getByTestId('generated-at').textContent();

    // The user's state: a what-if radius, a hidden layer, a camera, a selected community.
    await page.getByTestId('radius-input-R300').fill('400');
    await page.getByTestId('radius-input-R300').press('Enter');
    await waitForMapReady(page);
    await page.getByTestId('layer-toggle-defects').uncheck();
    await page.evaluate(() => window.__map!.jumpTo({ center: [122.1, 30.02], zoom: 13.5 }));
    await mapIdle(page);
    const target = await page.evaluate(() => {
      const map = window.__map!;
      const c = map.project(map.getCenter());
      const hits = map
        .queryRenderedFeatures({ layers: ['communities'] })
        .map((f) => ({
          id: String(f.properties.id),
          p: map.project((f.geometry as Point).coordinates as [number, number]),
        }))
        .sort((a, b) => Math.hypot(a.p.x - c.x, a.p.y - c.y) - Math.hypot(b.p.x - c.x, b.p.y - c.y));
      return hits[0] ? { id: hits[0].id, x: hits[0].p.x, y: hits[0].p.y } : null;
    });
    expect(target, 'a community is drawn near 122.10 E, 30.02 N').not.toBeNull();
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + target!.x, box.y + target!.y);
    const selectedName = await page.getByTestId('details-name').textContent();
    expect(selectedName).toBeTruthy();
    const cameraBefore = await page.evaluate(() => ({ ...window.__map!.getCenter(), zoom: window.__map!.getZoom() }));
    const fetchesBefore = defectFetches;

    published = true;
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="defect-count"]')?.textContent?.replace(/[^\d]/g, '') === want,
      String(n),
      { timeout: 15000 },
    );
    await waitForMapReady(page);

    expect(defectFetches).toBe(fetchesBefore + 1);
    expect(await page.getByTestId('generated-at').textContent()).not.toBe(generatedBefore);
    await expect(page.getByTestId('radius-input-R300').inputValue()).resolves.toBe('400');
    expect(await digits(page, 'member-count-R300')).toBe(expectedCounts(400).membersR300);
    await expect(page.getByTestId('layer-toggle-defects').isChecked()).resolves.toBe(false);
    expect(await page.getByTestId('details-name').textContent()).toBe(selectedName);
    expect(await page.evaluate(() => ({ ...window.__map!.getCenter(), zoom: window.__map!.getZoom() }))).toEqual(
      cameraBefore,
    );
    await expect(page.getByTestId('data-error-banner').count()).resolves.toBe(0);
    // The same manifest polled again is no reason to load again.
    await page.waitForTimeout(1500);
    expect(defectFetches).toBe(fetchesBefore + 1);
    await screenshot(page, 'faults-refreshed-while-open');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('a refresh killed mid-write leaves the served data intact (files match their manifest; the app loads it cleanly)', async () => {
    // Node does the killing; the browser then checks what a user would get from the folder the server serves.
    const work = mkdtempSync(path.join(tmpdir(), 'zonemap-kill-'));
    const site = path.join(work, 'site');
    cpSync('dist', site, { recursive: true });
    const dataDir = path.join(site, 'data');
    const before = snapshot(dataDir);
    try {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'scripts/refresh.ts', '--data', 'data', '--out', dataDir],
        { env: { ...process.env, REFRESH_TEST_PAUSE: 'mid-write' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        child.stderr.on('data', (chunk) => {
          stderr += String(chunk);
          if (stderr.includes('paused at mid-write')) resolve();
        });
        child.on('exit', (code) => reject(new Error(`refresh exited (${code}) before pausing:\n${stderr}`)));
      });
      const temp = readdirSync(site).find((f) => f.startsWith('.refresh-tmp-data.'));
      expect(temp, 'the refresh had a half-written temp dir').toBeDefined();
      const written = readdirSync(path.join(site, temp!));
      expect(written.length).toBeGreaterThan(0);
      expect(written.length).toBeLessThan(readdirSync(dataDir).length);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      child.kill('SIGKILL');
      await exited;

      expect(snapshot(dataDir)).toEqual(before);
      const manifest = JSON.parse(readFileSync(path.join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
      for (const entry of Object.values(manifest.files)) {
        expect(sha256Hex(readFileSync(path.join(dataDir, entry.path))), entry.path).toBe(entry.sha256);
      }

      const server = await serveStatic(site);
      try {
        const { page, context, consoleErrors } = await openApp(browser, server.url);
        await expect(page.getByTestId('data-error-banner').count()).resolves.toBe(0);
        await expectSummaryCounts(page);
        expect(await digits(page, 'defect-count')).toBe(String(manifest.files.defects.count));
        await screenshot(page, 'faults-refresh-killed');
        expect(consoleErrors).toEqual([]);
        await context.close();
      } finally {
        await server.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('WebGL unavailable: a clear message in place of the map, the panels and counts still work', async () => {
    const noGl = await launchBrowser(['--disable-webgl', '--disable-3d-apis']);
    try {
      const pageErrors: string[] = [];
      const { page, context } = await openApp(noGl, baseUrl, {
        before: async (p) => p.on('pageerror', (e) => pageErrors.push(String(e))),
        ready: (p) => p.getByTestId('zone-count-R300').filter({ hasText: /\d/ }).waitFor({ timeout: 60000 }),
      });
      const message = page.getByTestId('map-unavailable');
      await expect(message.textContent()).resolves.toContain('WebGL');
      await expect(message.textContent()).resolves.toContain('无法显示地图');
      await expectSummaryCounts(page);
      const defects = readDefects();
      expect(await digits(page, 'defect-count')).toBe(String(defects.count));
      // The panels still respond: a what-if radius recomputes the members without a map.
      await page.getByTestId('radius-input-R300').fill('400');
      await page.getByTestId('radius-input-R300').press('Enter');
      await page.waitForFunction(
        (want) =>
          document.querySelector('[data-testid="member-count-R300"]')?.textContent?.replace(/[^\d]/g, '') === want,
        expectedCounts(400).membersR300,
        { timeout: 30000 },
      );
      await page.getByTestId('layer-toggle-streets').uncheck();
      // Exports work without a map: the R300 list at the what-if radius holds exactly the brute-force members.
      await page.getByTestId('sidebar-tab-export').click();
      await page.locator('input[name="export-lang"][value="en"]').check();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const csv = Papa.parse<string[]>(
        readFileSync(await download.path())
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
        {
          skipEmptyLines: true,
        },
      );
      const [header, ...rows] = csv.data;
      const objectIds = new Set(rows.map((r) => r[header.indexOf('object_id')]));
      expect(objectIds).toEqual(r300MembersAt(400));
      await screenshot(page, 'faults-no-webgl-zh');
      await page.getByTestId('lang-switch').click();
      await expect(message.textContent()).resolves.toContain('This browser cannot show the map');
      await screenshot(page, 'faults-no-webgl-en');
      expect(pageErrors).toEqual([]);
      await context.close();
    } finally {
      await noGl.close();
    }
  });
});

/** sha256 of every file in a directory, by name. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, sha256Hex(readFileSync(path.join(dir, f)))]),
  );
}

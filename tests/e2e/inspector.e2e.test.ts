/**
 * Inspector journeys in a real browser: filter to one task force and one state, expand a cluster, open a defect;
 * a shared link restores the same view; and filtering 100k defects keeps the main thread free of long tasks.
 * Expected counts are computed here from the data files, independently of the app's filter code.
 */
import { defectFileBytes } from '../../scripts/lib/defects-files';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Campaign } from '../../src/campaign/types';
import {
  DEFECT_NUMBER_COLUMNS,
  emptyDefectColumns,
  type DefectColumns,
  type DefectColumnsBuilder,
  type Manifest,
} from '../../src/dataset/types';
import { mulberry32 } from '../../src/geo/prng';
import { launchBrowser, openApp, screenshot, waitForMapReady } from './browser';
import { readAllDetails, readData, readDefects } from './data';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Defects existing at the as-of date that pass `keep`, counted straight from the columns. */
function countDefects(
  d: DefectColumns,
  asOf: string,
  keep: (tf: string, state: string, overdue: boolean) => boolean,
  campaign: Campaign,
): number {
  const asOfDay = dayOf(asOf);
  const fixed = new Set(campaign.lifecycle.fixedStates);
  let n = 0;
  for (let k = 0; k < d.count; k++) {
    if (d.found[k] > asOfDay) continue;
    const state = d.tables.state[d.state[k]];
    const overdue = d.deadline[k] > 0 && d.deadline[k] < asOfDay && !fixed.has(state);
    if (keep(d.tables.taskForce[d.taskForce[k]], state, overdue)) n++;
  }
  return n;
}

const digits = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).textContent()) ?? '').replace(/[^\d]/g, '');

async function waitForFiltered(page: Page, want: number, timeout = 20000) {
  await page.waitForFunction(
    (w) => document.querySelector('[data-testid="defect-count-filtered"]')?.textContent?.replace(/[^\d]/g, '') === w,
    String(want),
    { timeout },
  );
}

/** Waits until the map has finished moving and drawing. */
async function waitForIdle(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        if (!map.isMoving() && map.loaded()) {
          map.once('idle', () => resolve());
          map.triggerRepaint();
        } else map.once('idle', () => resolve());
      }),
  );
}

interface Marker {
  x: number;
  y: number;
  props: Record<string, unknown>;
}

/** Rendered defect markers of one layer with their position on the page, away from the map's edges. */
async function markers(page: Page, layer: 'defect-clusters' | 'defect-points'): Promise<Marker[]> {
  const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
  const found = await page.evaluate((layerId) => {
    const map = window.__map!;
    return map.queryRenderedFeatures({ layers: [layerId] }).map((f) => {
      const [lng, lat] = (f.geometry as GeoJSON.Point).coordinates;
      const p = map.project([lng, lat]);
      return { x: p.x, y: p.y, props: f.properties as Record<string, unknown> };
    });
  }, layer);
  const margin = 60;
  return found
    .filter((m) => m.x > margin && m.y > margin && m.x < box.width - margin && m.y < box.height - margin)
    .map((m) => ({ ...m, x: m.x + box.x, y: m.y + box.y }));
}

const zoomOf = (page: Page) => page.evaluate(() => window.__map!.getZoom());

describe('inspector workspace', () => {
  it('filters to one task force and one state, expands a cluster and opens a defect', async () => {
    const campaign = readData<Campaign>('campaign.json');
    const manifest = readData<Manifest>('manifest.json');
    const defects = readDefects();
    const { details, chunkOf } = readAllDetails(readData);
    // The network log from the first request on: which details files the page asks for, and when.
    const detailsRequests: string[] = [];
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      before: async (p) =>
        p.on('request', (r) => {
          const name = new URL(r.url()).pathname.split('/').pop()!;
          if (name.startsWith('defect-details')) detailsRequests.push(name);
        }),
    });
    // Map-ready without any details file.
    expect(detailsRequests).toEqual([]);

    expect(await digits(page, 'defect-count')).toBe(String(defects.count));
    // Keyboard: focus the checkbox and press Space, as an inspector without a mouse would.
    await page.getByTestId('filter-tf-TF2').focus();
    await page.keyboard.press('Space');
    await page.getByTestId('filter-state-assigned').focus();
    await page.keyboard.press('Space');
    const expected = countDefects(
      defects,
      manifest.asOfDate,
      (tf, state) => tf === 'TF2' && state === 'assigned',
      campaign,
    );
    expect(expected).toBeGreaterThan(10);
    await waitForFiltered(page, expected);
    expect(await digits(page, 'defect-count')).toBe(String(defects.count));
    // The live count next to TF2 applies the other filters (state = assigned) only.
    expect(await digits(page, 'filter-tf-count-TF2')).toBe(String(expected));
    expect(await digits(page, 'filter-tf-count-TF1')).toBe(
      String(countDefects(defects, manifest.asOfDate, (tf, s) => tf === 'TF1' && s === 'assigned', campaign)),
    );

    // The map follows: every marker drawn holds only TF2 / assigned defects.
    await waitForIdle(page);
    const clusters = await markers(page, 'defect-clusters');
    expect(clusters.length).toBeGreaterThan(0);
    for (const c of clusters) {
      expect(c.props.s_assigned).toBe(c.props.point_count);
      expect(c.props.tf_TF2).toBe(c.props.point_count);
    }
    await screenshot(page, 'inspector-filtered-1366x768');

    // Expand clusters until single markers show, then open one.
    let singles = await markers(page, 'defect-points');
    for (let step = 0; step < 4 && singles.length === 0; step++) {
      const [biggest] = (await markers(page, 'defect-clusters')).sort(
        (a, b) => Number(b.props.point_count) - Number(a.props.point_count),
      );
      const before = await zoomOf(page);
      await page.mouse.click(biggest.x, biggest.y);
      await page.waitForFunction((z) => window.__map!.getZoom() > z + 0.5 && !window.__map!.isMoving(), before, {
        timeout: 10000,
      });
      await waitForIdle(page);
      singles = await markers(page, 'defect-points');
    }
    expect(singles.length).toBeGreaterThan(0);
    await screenshot(page, 'inspector-expanded-1366x768');
    for (const s of singles) {
      expect(s.props.state).toBe('assigned');
      expect(s.props.taskForce).toBe('TF2');
    }

    const target = singles[0];
    // A marker carries its row in the table; the page reads its id once the ids are in (lazy-ids.ts).
    const id = defects.id.at(Number(target.props.index))!;
    expect(target.props.id).toBeUndefined();
    await page.mouse.click(target.x, target.y);
    await expect(page.getByTestId('details-defect-id').textContent()).resolves.toBe(id);
    const row = defects.id.indexOf(id);
    const categoryCode = defects.tables.category[defects.category[row]];
    const category = campaign.taskForces.flatMap((t) => t.categories).find((c) => c.code === categoryCode)!;
    expect(await page.getByTestId('details-category').textContent()).toBe(category.zh);
    expect(await page.getByTestId('details-state').textContent()).toBe('立案/交办');
    const history = details[id]?.history ?? [];
    if (history.length > 0) {
      // The history shows once its chunk has come.
      await page.getByTestId('details-history').waitFor();
      await expect(page.getByTestId('details-history').locator('li').count()).resolves.toBe(history.length);
    } else await page.getByTestId('details-history-empty').waitFor();
    // The details came on demand: the index and the one chunk holding the defect, nothing else of the details.
    expect(detailsRequests).toEqual(['defect-details-index.json', chunkOf(id)]);
    await screenshot(page, 'inspector-defect-open-1366x768');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('lists the defects of a cluster clicked with Alt or at street level, and opens one from the list', async () => {
    const campaign = readData<Campaign>('campaign.json');
    const defects = readDefects();
    const { page, context, consoleErrors } = await openApp(browser, baseUrl);
    await waitForIdle(page);
    const categories = new Map(campaign.taskForces.flatMap((t) => t.categories).map((c) => [c.code, c.zh]));
    const stateNames = new Map(campaign.lifecycle.states.map((s) => [s.code as string, s.zh]));

    // Alt-click the smallest cluster on screen (it has at most 50 defects, so the list holds all of them).
    const small = (await markers(page, 'defect-clusters'))
      .filter((c) => Number(c.props.point_count) <= 50)
      .sort((a, b) => Number(a.props.point_count) - Number(b.props.point_count))[0];
    expect(small).toBeDefined();
    const count = Number(small.props.point_count);
    const zoomBefore = await zoomOf(page);
    await page.keyboard.down('Alt');
    await page.mouse.click(small.x, small.y);
    await page.keyboard.up('Alt');
    await page.getByTestId('cluster-list').waitFor({ timeout: 10000 });
    expect(await page.getByTestId('cluster-list-title').textContent()).toBe(`此处 ${count} 个问题`);
    const items = page.locator('[data-testid^="cluster-item-"]');
    await expect(items.count()).resolves.toBe(count);
    expect(await zoomOf(page)).toBe(zoomBefore);
    // The rows name their defects once the ids are in (they load on demand, lazy-ids.ts).
    await page.locator(`[data-testid="cluster-item-${count - 1}"][data-defect-id]`).waitFor({ timeout: 30000 });

    // Each row names a defect of the file with its category and state; together they are the cluster's mix.
    const byState: Record<string, number> = {};
    const byTaskForce: Record<string, number> = {};
    for (let k = 0; k < count; k++) {
      const item = page.getByTestId(`cluster-item-${k}`);
      const id = (await item.getAttribute('data-defect-id'))!;
      const row = defects.id.indexOf(id);
      expect(row).toBeGreaterThanOrEqual(0);
      const state = defects.tables.state[defects.state[row]];
      const text = await item.textContent();
      expect(text).toBe(
        `${id}${categories.get(defects.tables.category[defects.category[row]])}${stateNames.get(state)}`,
      );
      byState[state] = (byState[state] ?? 0) + 1;
      const tf = defects.tables.taskForce[defects.taskForce[row]];
      byTaskForce[tf] = (byTaskForce[tf] ?? 0) + 1;
    }
    for (const s of defects.tables.state) expect([s, byState[s] ?? 0]).toEqual([s, small.props[`s_${s}`] ?? 0]);
    for (const tf of defects.tables.taskForce)
      expect([tf, byTaskForce[tf] ?? 0]).toEqual([tf, small.props[`tf_${tf}`] ?? 0]);

    // A click on a row opens that defect's details; the list stays for the next one.
    const pick = Math.min(1, count - 1);
    const pickedId = (await page.getByTestId(`cluster-item-${pick}`).getAttribute('data-defect-id'))!;
    await page.getByTestId(`cluster-item-${pick}`).click();
    await expect(page.getByTestId('details-defect-id').textContent()).resolves.toBe(pickedId);
    await expect(page.getByTestId(`cluster-item-${pick}`).getAttribute('aria-current')).resolves.toBe('true');
    await screenshot(page, 'inspector-cluster-list-1366x768');

    // At street level (the last clustering zoom) a plain click lists instead of flying in.
    await page.getByTestId('cluster-list-close').click();
    await expect(page.getByTestId('cluster-list').count()).resolves.toBe(0);
    await page.evaluate(() => window.__map!.jumpTo({ center: [122.105, 30.012], zoom: 16.2 }));
    await waitForIdle(page);
    const street = (await markers(page, 'defect-clusters')).sort(
      (a, b) => Number(b.props.point_count) - Number(a.props.point_count),
    )[0];
    expect(street).toBeDefined();
    await page.mouse.click(street.x, street.y);
    await page.getByTestId('cluster-list').waitFor({ timeout: 10000 });
    const streetCount = Number(street.props.point_count);
    await expect(items.count()).resolves.toBe(Math.min(50, streetCount));
    expect(await zoomOf(page)).toBeCloseTo(16.2, 5);
    // The filter changes what is clustered: the list of the old cluster closes.
    await page.getByTestId('filter-tf-TF1').check();
    await expect(page.getByTestId('cluster-list').count()).resolves.toBe(0);
    // window.__mapReady waits for the defects worker's answer to the new filter: once it is up again, every
    // marker on the map is a TF1 one (without waiting for anything else).
    await waitForMapReady(page);
    const drawn = [...(await markers(page, 'defect-clusters')), ...(await markers(page, 'defect-points'))];
    expect(drawn.length).toBeGreaterThan(0);
    for (const m of drawn) {
      if (m.props.cluster) expect(m.props.tf_TF1).toBe(m.props.point_count);
      else expect(m.props.taskForce).toBe('TF1');
    }
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('names a details chunk that does not match its hash; the rest of the panel and the map still work', async () => {
    const defects = readDefects();
    const { chunkOf } = readAllDetails(readData);
    const id = defects.id[0];
    const chunk = chunkOf(id);
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      query: `sel=defect:${id}`,
      before: (p) =>
        p.route(`**/data/${chunk}*`, (route) =>
          route.fulfill({ status: 200, contentType: 'application/json', body: '{"D0":{"history":[]}}' }),
        ),
    });
    const error = page.getByTestId('details-chunk-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(new RegExp(`^问题详情无法加载（${chunk}：content does not match`));
    expect(await page.getByTestId('details-defect-id').textContent()).toBe(id);
    expect(await page.getByTestId('details-category').isVisible()).toBe(true);
    expect(await page.getByTestId('details-history').count()).toBe(0);
    expect(await digits(page, 'defect-count')).toBe(String(defects.count));
    await screenshot(page, 'inspector-details-bad-chunk');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('restores the same view from a shared link: filters, camera, selection and a what-if radius', async () => {
    const campaign = readData<Campaign>('campaign.json');
    const defects = readDefects();
    const a = await openApp(browser, baseUrl);
    await a.page.getByTestId('filter-tf-TF1').check();
    await a.page.getByTestId('filter-overdue').check();
    await a.page.getByTestId('radius-input-R300').fill('400');
    await a.page.getByTestId('radius-input-R300').press('Enter');
    // The selected defect: the first TF1 overdue one the filter left, looked up through the map.
    await a.page.evaluate(() => window.__map!.jumpTo({ center: [122.105, 30.012], zoom: 15.4 }));
    await waitForIdle(a.page);
    const singles = await markers(a.page, 'defect-points');
    expect(singles.length).toBeGreaterThan(0);
    await a.page.mouse.click(singles[0].x, singles[0].y);
    const id = readDefects().id.at(Number(singles[0].props.index))!;
    await expect(a.page.getByTestId('details-defect-id').textContent()).resolves.toBe(id);
    await a.page.waitForFunction(
      (want) => {
        const q = new URLSearchParams(location.search);
        return q.get('sel') === `defect:${want}` && q.get('r') === 'R300:400' && q.get('z') === '15.40';
      },
      id,
      { timeout: 5000 },
    );
    const link = a.page.url();
    const filtered = await digits(a.page, 'defect-count-filtered');
    const camera = await a.page.evaluate(() => ({ zoom: window.__map!.getZoom(), center: window.__map!.getCenter() }));
    await screenshot(a.page, 'inspector-share-source-1366x768');
    await a.context.close();

    const q = new URL(link).searchParams;
    expect(q.get('tf')).toBe('TF1');
    expect(q.get('od')).toBe('1');
    const b = await openApp(browser, link.split('?')[0], { query: q.toString() });
    await expect(b.page.getByTestId('filter-tf-TF1').isChecked()).resolves.toBe(true);
    await expect(b.page.getByTestId('filter-overdue').isChecked()).resolves.toBe(true);
    await expect(b.page.getByTestId('filter-tf-TF2').isChecked()).resolves.toBe(false);
    await waitForFiltered(b.page, Number(filtered));
    expect(Number(filtered)).toBe(
      countDefects(defects, readData<Manifest>('manifest.json').asOfDate, (tf, _s, od) => tf === 'TF1' && od, campaign),
    );
    await expect(b.page.getByTestId('details-defect-id').textContent()).resolves.toBe(id);
    await expect(b.page.getByTestId('radius-input-R300').inputValue()).resolves.toBe('400');
    await waitForIdle(b.page);
    const restored = await b.page.evaluate(() => ({
      zoom: window.__map!.getZoom(),
      center: window.__map!.getCenter(),
    }));
    expect(Math.abs(restored.zoom - camera.zoom)).toBeLessThan(0.01);
    expect(Math.abs(restored.center.lng - camera.center.lng)).toBeLessThan(1e-4);
    expect(Math.abs(restored.center.lat - camera.center.lat)).toBeLessThan(1e-4);
    // The restored page draws the selected defect's marker, highlighted.
    const drawn = await markers(b.page, 'defect-points');
    expect(drawn.some((m) => defects.id.at(Number(m.props.index)) === id)).toBe(true);
    await screenshot(b.page, 'inspector-share-restored-1366x768');
    expect(b.consoleErrors).toEqual([]);
    await b.context.close();
  });

  it('words the unusable values of a link in the UI language', async () => {
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, { query: 'tf=TF2,TF99&od=yes&z=99' });
    await expect(page.getByTestId('filter-tf-TF2').isChecked()).resolves.toBe(true);
    const zh = await page.getByTestId('filter-warnings').locator('li').allTextContents();
    expect(zh).toEqual([
      'z：缩放级别应为 0–24，链接中为“99”，地图视野未采用',
      'tf：没有专项行动“TF99”，已忽略',
      'od：应为 1 或 0，链接中为“yes”，已忽略',
    ]);
    await screenshot(page, 'inspector-link-warnings-zh-1366x768');
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('filter-warnings').locator('li').allTextContents()).resolves.toEqual([
      'z: expected a zoom 0–24, got "99"; map view ignored',
      'tf: no task force "TF99"; ignored',
      'od: expected 1 or 0, got "yes"; ignored',
    ]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  // One retry: a long task is wall-clock time, and on a shared 2-core machine another process can stretch one task
  // (seen at 208-283 ms under load 5+, 64-131 ms when the suite runs alone; 200-351 ms on a slower host in the
  // seventh session, where the page's own load had tasks of 325-741 ms). A real regression fails both runs.
  it(
    'filtering 100k defects adds no main-thread task longer than the load’s own (200 ms at least)',
    { retry: 1 },
    async () => {
      const campaign = readData<Campaign>('campaign.json');
      const manifest = readData<Manifest>('manifest.json');
      const big = scaleDefects(readDefects(), 100_000, 20190912);
      const bigFiles = defectFileBytes(big);
      const bigManifest: Manifest = { ...manifest, files: { ...manifest.files, ...bigFiles.entries } };
      const started = Date.now();
      const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
        before: async (p) => {
          await p.addInitScript(() => {
            const tasks: { start: number; duration: number }[] = [];
            (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
            new PerformanceObserver((list) => {
              for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
            }).observe({ type: 'longtask', buffered: true });
          });
          await p.route('**/data/manifest.json', (route) =>
            route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(bigManifest) }),
          );
          // The defects worker fetches these: route them for the whole context.
          await p
            .context()
            .route('**/data/defects.bin', (route) =>
              route.fulfill({ status: 200, contentType: 'application/octet-stream', body: bigFiles.bin }),
            );
          await p
            .context()
            .route('**/data/defect-ids.json', (route) =>
              route.fulfill({ status: 200, contentType: 'application/json', body: bigFiles.ids }),
            );
        },
      });
      expect(await digits(page, 'defect-count')).toBe('100000');
      const asOf = manifest.asOfDate;
      const count = (keep: (tf: string, s: string, od: boolean) => boolean) => countDefects(big, asOf, keep, campaign);
      await waitForFiltered(
        page,
        count(() => true),
      );
      await waitForIdle(page);
      const loadedAfterMs = Date.now() - started;

      const t0 = await page.evaluate(() => performance.now());
      const steps: { action: () => Promise<unknown>; want: number }[] = [
        { action: () => page.getByTestId('filter-tf-TF2').check(), want: count((tf) => tf === 'TF2') },
        {
          action: () => page.getByTestId('filter-state-assigned').check(),
          want: count((tf, s) => tf === 'TF2' && s === 'assigned'),
        },
        {
          action: () => page.getByTestId('filter-tf-TF5').check(),
          want: count((tf, s) => (tf === 'TF2' || tf === 'TF5') && s === 'assigned'),
        },
        {
          action: () => page.getByTestId('filter-overdue').check(),
          want: count((tf, s, od) => (tf === 'TF2' || tf === 'TF5') && s === 'assigned' && od),
        },
        { action: () => page.getByTestId('filter-reset').click(), want: count(() => true) },
        { action: () => page.getByTestId('filter-state-closed').check(), want: count((_tf, s) => s === 'closed') },
      ];
      const stepMs: number[] = [];
      for (const step of steps) {
        const s0 = Date.now();
        await step.action();
        await waitForFiltered(page, step.want);
        await waitForIdle(page);
        stepMs.push(Date.now() - s0);
      }
      const t1 = await page.evaluate(() => performance.now());
      const long = await page.evaluate(
        ([from, to]) =>
          (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter(
            (t) => t.start >= from && t.start <= to,
          ),
        [t0, t1],
      );
      const all = await page.evaluate(
        () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
      );
      console.log(
        `100k defects: loaded and drawn in ${loadedAfterMs} ms; filter steps (click → count → map idle) ${stepMs.join(', ')} ms; ` +
          `long tasks while filtering: ${long.length ? long.map((t) => Math.round(t.duration)).join(', ') + ' ms' : 'none'}; ` +
          `longest task during load: ${Math.round(Math.max(0, ...all.filter((t) => t.start < t0).map((t) => t.duration)))} ms`,
      );
      await screenshot(page, 'inspector-100k-1366x768');
      // Anchored in the same load, as the benches are: the page's longest task before the first click is MapLibre's
      // WebGL context and shader links, which no page with a map avoids and which scale with the host's speed (on a
      // slow shared host 300–700 ms, where a filter's map redraw also passes 200 ms though nothing changed; the same
      // build passed and failed). A filter that blocks the page longer than that, or than 200 ms on a fast host, fails.
      const loadLongest = Math.max(0, ...all.filter((t) => t.start < t0).map((t) => t.duration));
      expect(long.filter((t) => t.duration > Math.max(200, loadLongest))).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    },
  );
});

/**
 * The sample's defects repeated with seeded jitter (up to ~30 m) until `count`: the same codes, objects, dates and
 * districts, so the app's engine and filters see realistic data at scale. Ids get a copy suffix.
 */
function scaleDefects(sample: DefectColumnsBuilder, count: number, seed: number): DefectColumns {
  const rnd = mulberry32(seed);
  const out = emptyDefectColumns(count, sample.tables, sample.sample);
  for (let k = 0; k < count; k++) {
    const s = k % sample.count;
    const copy = Math.floor(k / sample.count);
    out.id.push(copy === 0 ? sample.id[s] : `${sample.id[s]}-${copy}`);
    const jitter = copy === 0 ? 0 : 0.0003;
    out.coords.push(
      Math.round((sample.coords[2 * s] + (rnd() - 0.5) * jitter) * 1e6) / 1e6,
      Math.round((sample.coords[2 * s + 1] + (rnd() - 0.5) * jitter) * 1e6) / 1e6,
    );
    for (const key of DEFECT_NUMBER_COLUMNS) out[key].push(sample[key][s]);
  }
  return out;
}

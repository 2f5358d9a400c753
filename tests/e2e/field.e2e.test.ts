/**
 * Field mode in a real browser: a 390×844 phone (touch, device scale 3, location granted at a set position; the
 * inspector's whole day, and the tablet, are in phone-journey.e2e). The map takes most of the screen and nothing
 * scrolls sideways; the inspector filters to one task force and overdue, finds the nearest defect from where they
 * stand with its straight-line distance and a 导航 link carrying converted coordinates, ticks three places and
 * sees today's route drawn on the map. Expected values are computed here from the data files with Turf and
 * gcoord, independently of the app's code.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import * as turf from '@turf/turf';
import gcoord from 'gcoord';
import type { Campaign } from '../../src/campaign/types';
import type { Manifest } from '../../src/dataset/types';
import { launchBrowser } from './browser';
import { readData, readDefects } from './data';
import { measure, openDevice, shot, smallControls } from './phone';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Where the phone says it is: Dinghai old town (WGS-84). */
const HERE = { longitude: 122.1, latitude: 30.02, accuracy: 25 };
const TASK_FORCE = 'TF1';
const DAY_MS = 86_400_000;
/** The machine running these is shared: give the app time to answer. */
const POLL = { timeout: 30_000 };
const LONG_MS = 400_000;

async function openContext(opts: { width: number; height: number; phone: boolean }) {
  return openDevice(browser, baseUrl, { ...opts, here: HERE });
}

/** The nearest TF1 overdue defect at the data's as-of date, straight from the files. */
function expectedNearest() {
  const d = readDefects();
  const campaign = readData<Campaign>('campaign.json');
  const manifest = readData<Manifest>('manifest.json');
  const asOf = manifest.asOfDate ?? campaign.asOfDate!;
  const asOfDay = Date.parse(`${asOf}T00:00:00Z`) / DAY_MS;
  const fixed = new Set(campaign.lifecycle.fixedStates);
  let best = { id: '', distanceM: Infinity, lngLat: [0, 0] as [number, number] };
  for (let k = 0; k < d.count; k++) {
    if (d.found[k] > asOfDay || d.tables.taskForce[d.taskForce[k]] !== TASK_FORCE) continue;
    const state = d.tables.state[d.state[k]];
    if (!(d.deadline[k] > 0 && d.deadline[k] < asOfDay && !fixed.has(state))) continue;
    const lngLat: [number, number] = [d.coords[2 * k], d.coords[2 * k + 1]];
    const m = turf.distance([HERE.longitude, HERE.latitude], lngLat, { units: 'meters' });
    if (m < best.distanceM) best = { id: d.id[k], distanceM: m, lngLat };
  }
  return best;
}

describe('field mode on a phone', () => {
  it(
    'gives the map most of the screen, finds the nearest overdue defect and draws a route of three',
    async () => {
      const { context, page, errors } = await openContext({ width: 390, height: 844, phone: true });
      try {
        const first = await measure(page);
        expect(first.mapShare).toBeGreaterThanOrEqual(0.6);
        expect(first.scrollWidth).toBeLessThanOrEqual(first.innerWidth);
        const header = await page.locator('.app-header').boundingBox();
        expect(header!.height).toBeLessThanOrEqual(56);
        const small = await smallControls(page);
        console.log(`phone 390×844, sheet at peek: ${small.length} controls under 44 px`, small);
        await shot(page, 'field-phone-portrait');

        // Filter: one task force and overdue, in the sheet's 筛选 tab.
        await page.getByTestId('dock-tab-filters').tap();
        await page.getByTestId(`filter-tf-${TASK_FORCE}`).check();
        await page.getByTestId('filter-overdue').check();
        const smallFilters = await smallControls(page);
        console.log(
          `phone, filters open at half: ${smallFilters.length} controls under 44 px`,
          smallFilters.slice(0, 40),
        );
        expect((await measure(page)).scrollWidth).toBeLessThanOrEqual(390);
        await shot(page, 'field-phone-filters');

        // Near me from the device's (granted, set) position.
        await page.getByTestId('dock-tab-near').tap();
        await page.getByTestId('near-locate').tap();
        await expect.poll(() => page.getByTestId('near-position').textContent(), POLL).toContain('±25');
        const want = expectedNearest();
        expect(want.id).not.toBe('');
        await page.getByTestId('near-row-0').waitFor();
        expect(await page.getByTestId('near-row-0').getAttribute('data-key')).toBe(`defect:${want.id}`);
        const shown = (await page.getByTestId('near-distance-0').textContent()) ?? '';
        const wantText =
          want.distanceM < 1000 ? `${Math.round(want.distanceM)} 米` : `${(want.distanceM / 1000).toFixed(1)} 公里`;
        expect(shown).toBe(wantText);

        // 导航: Amap gets GCJ-02, Baidu BD-09, geo: WGS-84.
        await page.getByTestId('near-nav-0').tap();
        const amap = new URL((await page.getByTestId('near-amap-0').getAttribute('href'))!);
        const [gLng, gLat] = amap.searchParams.get('position')!.split(',').map(Number);
        const [eLng, eLat] = gcoord.transform(want.lngLat, gcoord.WGS84, gcoord.GCJ02);
        expect(gLng).toBeCloseTo(eLng, 5);
        expect(gLat).toBeCloseTo(eLat, 5);
        expect(turf.distance(want.lngLat, [gLng, gLat], { units: 'meters' })).toBeGreaterThan(300);
        const baidu = new URL((await page.getByTestId('near-baidu-0').getAttribute('href'))!);
        const [bLat, bLng] = baidu.searchParams.get('location')!.split(',').map(Number);
        const [xLng, xLat] = gcoord.transform(want.lngLat, gcoord.WGS84, gcoord.BD09);
        expect(bLng).toBeCloseTo(xLng, 5);
        expect(bLat).toBeCloseTo(xLat, 5);
        expect(await page.getByTestId('near-geo-0').getAttribute('href')).toMatch(
          new RegExp(`^geo:${want.lngLat[1]},${want.lngLat[0]}\\?`),
        );
        await shot(page, 'field-phone-near');

        // Today's route: three picks, ordered, drawn on the map with numbers.
        for (const i of [0, 1, 2]) await page.getByTestId(`near-tick-${i}`).check();
        await expect.poll(() => page.locator('[data-testid^="route-stop-"]').count(), POLL).toBe(3);
        expect(await page.getByTestId('route-total').textContent()).toMatch(/往返共约 \d/);
        await page.getByTestId('dock-snap').focus();
        await page.keyboard.press('ArrowDown');
        await page.evaluate(
          () =>
            new Promise<void>(
              (resolve) => window.__map!.once('idle', () => resolve()) && window.__map!.triggerRepaint(),
            ),
        );
        const drawn = await page.evaluate(() => {
          const map = window.__map!;
          return {
            numbers: map.queryRenderedFeatures({ layers: ['field-route-stops'] }).map((f) => f.properties.n),
            line: map.queryRenderedFeatures({ layers: ['field-route-line'] }).length,
            here: map.queryRenderedFeatures({ layers: ['field-position-dot'] }).length,
          };
        });
        expect([...new Set(drawn.numbers)].sort()).toEqual([1, 2, 3]);
        expect(drawn.line).toBeGreaterThan(0);
        expect(drawn.here).toBe(1);
        await shot(page, 'field-phone-route');

        // The route on the printable field sheet, in the same walking order; the sheet scrolls inside its view.
        await page.getByTestId('dock-tab-near').tap();
        const names = await page
          .locator('[data-testid^="route-stop-"]')
          .evaluateAll((els) => els.map((el) => el.firstChild?.textContent?.trim() ?? ''));
        expect(names).toHaveLength(3);
        await page.getByTestId('route-print').tap();
        await page.getByTestId('field-sheet-route').waitFor();
        const printed = await page
          .getByTestId('field-sheet-route')
          .locator('tbody tr td:nth-child(3)')
          .allTextContents();
        expect(printed).toEqual(names);
        expect(await page.getByTestId('field-sheet-sample').textContent()).toContain('示例数据');
        expect((await measure(page)).scrollWidth).toBeLessThanOrEqual(390);
        await shot(page, 'field-phone-sheet');
        await page.getByTestId('doc-back').tap();

        // On its side: still the phone layout, the map most of the screen, no sideways scroll.
        await page.setViewportSize({ width: 844, height: 390 });
        await expect.poll(() => page.locator('.app.layout-phone').count(), POLL).toBe(1);
        // The layout was already the phone's: wait for the map and the sheet to follow the new size.
        await expect.poll(async () => (await measure(page)).mapShare, POLL).toBeGreaterThanOrEqual(0.6);
        const land = await measure(page);
        expect(land.scrollWidth).toBeLessThanOrEqual(land.innerWidth);
        console.log(`phone landscape: map ${(land.mapShare * 100).toFixed(0)} % of the screen`);
        await shot(page, 'field-phone-landscape');
        console.log(`phone portrait: map ${(first.mapShare * 100).toFixed(0)} % of the screen`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    LONG_MS,
  );

  it(
    'says so when location is denied and lets the inspector pick on the map',
    async () => {
      const { context, page } = await openContext({ width: 390, height: 844, phone: true });
      try {
        await context.clearPermissions();
        await page.getByTestId('dock-tab-near').tap();
        await page.getByTestId('near-locate').tap();
        await expect.poll(() => page.getByTestId('near-geo-message').textContent(), POLL).toContain('未获得定位权限');
        await page.getByTestId('near-pick').tap();
        const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
        await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 3);
        await expect.poll(() => page.getByTestId('near-position').textContent(), POLL).toContain('地图选点');
      } finally {
        await context.close();
      }
    },
    LONG_MS,
  );
});

/**
 * Priority on the map, in real Chromium: the first view opens on the top zones (not the whole district), the
 * legend and the numbered badges show and match the ranking, the rule/priority toggle works and is kept in the
 * URL, "全区" shows the whole district, and MapLibre's control tooltips are in the app's language.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Campaign } from '../../src/campaign/types';
import { engineInput } from '../../src/geo/engine-input';
import { computeEngine } from '../../src/geo/engine';
import { FIRST_VIEW_ZONES, priorityBadges, topZonesBBox } from '../../src/insights/priority-scale';
import { rankZones } from '../../src/insights/ranking';
import { launchBrowser, openApp, screenshot } from './browser';
import { readData, readEngineData } from './data';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const ranking = rankZones(computeEngine(engineInput(readEngineData())!));
// The whole district as the app frames it (use-workspace-data.ts).
const districtBox = readData<Campaign>('campaign.json').district.bbox;

type Box = [number, number, number, number];
const mapBox = (page: Page) =>
  page.evaluate(() => {
    const b = window.__map!.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as Box;
  });
const contains = (outer: Box, inner: Box) =>
  outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];

async function waitForStill(page: Page) {
  await page.waitForFunction(() => window.__map && !window.__map.isMoving(), undefined, { timeout: 15000 });
}

describe('priority on the map', () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`opens on the top zones with legend, badges and toggle at ${width}×${height}`, async () => {
      const { page, context, consoleErrors } = await openApp(browser, baseUrl, { width, height });
      await waitForStill(page);

      // First view: the box of the top zones, which is a part of the district, not all of it.
      const top = topZonesBBox(ranking)! as Box;
      const view = await mapBox(page);
      expect(contains(view, top)).toBe(true);
      expect(contains(view, districtBox as Box)).toBe(false);
      for (const r of ranking.slice(0, FIRST_VIEW_ZONES)) {
        const [lng, lat] = r.zone.center;
        expect(lng > view[0] && lng < view[2] && lat > view[1] && lat < view[3], r.zone.id).toBe(true);
      }

      // Legend on the map, with the priority scale and the badge note.
      await expect(page.getByTestId('map-legend').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('priority-legend').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('priority-class-0').isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('badge-note').textContent()).resolves.toContain('前 10');
      await expect(page.getByTestId('state-shape-reopened').getAttribute('data-shape')).resolves.toBe('diamond');

      // Badges: the ranking's first ten, numbered as its rows, and drawn.
      const want = priorityBadges(ranking).map((b) => [b.rank, b.zoneId]);
      // A source's features come once per tile they touch: one entry per zone.
      const badges = await page.evaluate(() => {
        const byZone = new Map<string, number>();
        for (const f of window.__map!.querySourceFeatures('priority-badges')) {
          byZone.set(f.properties.zoneId as string, f.properties.rank as number);
        }
        return [...byZone].map(([zoneId, rank]) => [rank, zoneId]).sort((a, b) => (a[0] as number) - (b[0] as number));
      });
      expect(badges).toEqual(want);
      await page.getByTestId('commander-tab-ranking').click();
      for (const [rank, zoneId] of want.slice(0, 3)) {
        await expect(
          page.getByTestId(`ranking-item-${(rank as number) - 1}`).getAttribute('data-zone-id'),
        ).resolves.toBe(zoneId);
      }
      const drawnBadges = await page.evaluate(
        () => window.__map!.queryRenderedFeatures({ layers: ['priority-badges-label'] }).length,
      );
      expect(drawnBadges).toBeGreaterThanOrEqual(FIRST_VIEW_ZONES);
      // The row adds up: its points, the divisor and the score.
      const row = (await page.getByTestId('ranking-reason-0').textContent()) ?? '';
      const points = ranking[0].reasons.reduce((s, r) => s + r.points, 0);
      expect(row).toContain(`= ${points} ÷ ${ranking[0].priorityUnits.toFixed(2)}`);
      expect(row).toContain(`= ${ranking[0].priority.toFixed(1)}`);
      await screenshot(page, `priority-first-view-${width}x${height}`);

      // Control tooltips in Chinese.
      await expect(page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).resolves.toBe('放大');

      // Toggle: by rule, kept in the URL; the rule layers show and the priority ones hide.
      await page.getByTestId('shade-rule').click();
      await expect(page.getByTestId('rule-legend').isVisible()).resolves.toBe(true);
      await page.waitForFunction(() => location.search.includes('shade=rule'), undefined, { timeout: 5000 });
      const visibility = await page.evaluate(() => [
        window.__map!.getLayoutProperty('priority-zones-fill', 'visibility'),
        window.__map!.getLayoutProperty('zone-R300-fill', 'visibility'),
      ]);
      expect(visibility).toEqual(['none', 'visible']);
      await screenshot(page, `priority-by-rule-${width}x${height}`);
      await page.getByTestId('shade-priority').click();
      await page.waitForFunction(() => !location.search.includes('shade='), undefined, { timeout: 5000 });

      // Whole district one click away.
      await page.getByTestId('view-whole-district').click();
      await page.waitForTimeout(100);
      await waitForStill(page);
      const whole = await mapBox(page);
      const slack = 0.002;
      expect(
        contains(whole, [
          districtBox[0] + slack,
          districtBox[1] + slack,
          districtBox[2] - slack,
          districtBox[3] - slack,
        ] as Box),
      ).toBe(true);
      await screenshot(page, `priority-whole-district-${width}x${height}`);

      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }

  it('keeps shade=rule from a link and names the controls in English', async () => {
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, { query: 'shade=rule&lang=en' });
    await expect(page.getByTestId('rule-legend').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('shade-rule').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('.maplibregl-ctrl-zoom-in').getAttribute('title')).resolves.toBe('Zoom in');
    await expect(page.locator('.maplibregl-ctrl-zoom-out').getAttribute('title')).resolves.toBe('Zoom out');
    await expect(page.getByTestId('view-whole-district').textContent()).resolves.toBe('Whole district');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FeatureCollection, LineString, Point, Polygon } from 'geojson';
import type { Campaign } from '../../src/campaign/types';
import type { Manifest } from '../../src/dataset/types';
import { launchBrowser, openApp, screenshot } from './browser';
import { anchorsOf, bruteForceMembers, readData, readDefects } from './data';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Fc<G extends Point | Polygon | LineString> = FeatureCollection<G, { id: string; streetClass?: string }>;

describe('the zone map on the Dinghai sample', () => {
  it('shows the zone, object and defect counts of the data and labels the sample', async () => {
    const campaign = readData<Campaign>('campaign.json');
    const manifest = readData<Manifest>('manifest.json');
    const compounds = readData<Fc<Point | Polygon>>('compounds.geojson');
    const streets = readData<Fc<LineString>>('streets.geojson');
    const defects = readDefects();

    const { page, context, consoleErrors } = await openApp(browser, baseUrl);
    const text = async (id: string) => (await page.getByTestId(id).first().textContent())?.replace(/[^\d]/g, '');

    for (const rule of campaign.zoneRules) {
      expect(await text(`zone-count-${rule.id}`), `zones of ${rule.id}`).toBe(String(anchorsOf(campaign, rule).length));
    }
    expect(await text('object-count-compounds')).toBe(String(compounds.features.length));
    expect(await text('object-count-streets')).toBe(String(streets.features.length));
    expect(await text('defect-count')).toBe(String(defects.count));

    const r300 = campaign.zoneRules.find((r) => r.id === 'R300')!;
    const expected300 = bruteForceMembers(anchorsOf(campaign, r300), compounds.features, r300.radiusM);
    expect(await text('member-count-R300')).toBe(String(expected300.size));

    const r500 = campaign.zoneRules.find((r) => r.id === 'R500')!;
    const backStreets = streets.features.filter((s) => s.properties.streetClass === r500.targetFilter?.streetClass);
    const expected500 = bruteForceMembers(anchorsOf(campaign, r500), backStreets, r500.radiusM);
    expect(await text('member-count-R500')).toBe(String(expected500.size));

    if (manifest.sample) await expect(page.getByText('示例数据').first().isVisible()).resolves.toBe(true);
    await screenshot(page, 'foundation-1366x768');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('names a missing data file in a banner and still draws the other layers', async () => {
    const compounds = readData<Fc<Point | Polygon>>('compounds.geojson');
    const { page, context } = await openApp(browser, baseUrl, {
      before: (p) => p.route('**/data/markets.geojson', (route) => route.fulfill({ status: 404, body: 'not found' })),
    });
    const banner = page.getByTestId('data-error-banner');
    await expect(banner.textContent()).resolves.toContain('markets.geojson');
    expect((await page.getByTestId('object-count-compounds').textContent())?.replace(/[^\d]/g, '')).toBe(
      String(compounds.features.length),
    );
    await screenshot(page, 'foundation-missing-markets');
    await context.close();
  });

  it('names a malformed data file in a banner', async () => {
    const { page, context } = await openApp(browser, baseUrl, {
      before: (p) =>
        p.route('**/data/streets.geojson', (route) =>
          route.fulfill({ status: 200, contentType: 'application/json', body: '{"type":"FeatureCollection","feat' }),
        ),
    });
    await expect(page.getByTestId('data-error-banner').textContent()).resolves.toContain('streets.geojson');
    await context.close();
  });
});

/**
 * A site of several districts: the built app with three districts refreshed by refresh-all into its data folder
 * (Dinghai's sample, and 岱山县 and 嵊泗县 made by new-district with seeded sample defects), 嵊泗县 then broken
 * and refreshed again so it is kept and flagged. The roll-up shows districts.json's figures; a district opens with
 * its map and links back.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { DistrictsIndex } from '../../src/dataset/districts';
import { copyDinghai, makeSeededDistrict } from '../../scripts/districts-test-data';
import { refreshAll } from '../../scripts/refresh-all';
import { launchBrowser, openApp, screenshot, waitForMapReady } from './browser';
import { serveStatic, type StaticServer } from './static-server';

let browser: Browser;
let server: StaticServer;
let work: string;
let index: DistrictsIndex;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'districts-e2e-'));
  const site = path.join(work, 'site');
  const root = path.join(work, 'districts');
  cpSync('dist', site, { recursive: true, filter: (src) => !path.resolve(src).startsWith(path.resolve('dist/data')) });
  copyDinghai(path.join(root, 'dinghai'));
  await makeSeededDistrict(path.join(root, 'daishan'), '330921', [
    ['TF1', 'in_progress', '2019-09-01', '2019-09-05', '2019-09-02'],
    ['TF1', 'reported', '2019-09-10', '2019-09-20', '2019-09-10'],
    ['TF2', 'closed', '2019-09-01', '2019-09-20', '2019-09-11'],
  ]);
  await makeSeededDistrict(path.join(root, 'shengsi'), '330922', [
    ['TF2', 'assigned', '2019-09-01', '2019-09-30', '2019-09-02'],
  ]);
  const out = path.join(site, 'data');
  expect(await refreshAll({ root, out }, () => {})).toBe(0);
  const csv = path.join(root, 'shengsi', 'seeded-defects.csv');
  writeFileSync(csv, readFileSync(csv, 'utf8').replace('assigned', '不存在的状态'));
  expect(await refreshAll({ root, out }, () => {})).toBe(1);
  index = JSON.parse(readFileSync(path.join(out, 'districts.json'), 'utf8')) as DistrictsIndex;
  server = await serveStatic(site);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const digits = (s: string | null) => s?.replace(/[^\d]/g, '');

describe('several districts on one site', () => {
  it('shows every district side by side with the figures of districts.json, and opens one and comes back', async () => {
    const { page, context, consoleErrors } = await openApp(browser, server.url, {
      ready: (p) => p.getByTestId('districts-table').waitFor(),
    });
    expect(await page.locator('caption').textContent()).toContain('各区县问题整改情况');
    expect(await page.locator('thead th[scope="col"]').count()).toBe(8);
    expect(await page.locator('tbody th[scope="row"]').count()).toBe(3);
    for (const d of index.districts) {
      const totals = d.rollup!.totals;
      expect(digits(await page.getByTestId(`district-open-${d.adcode}`).textContent()), d.name).toBe(
        String(totals.open),
      );
      expect(digits(await page.getByTestId(`district-overdue-${d.adcode}`).textContent())).toBe(String(totals.overdue));
      expect(digits(await page.getByTestId(`district-closed-${d.adcode}`).textContent())).toBe(
        String(totals.closedThisWeek),
      );
      await expect(page.getByTestId(`district-${d.adcode}`).textContent()).resolves.toContain('示例数据');
    }
    // Zones per rule, as districts.json gives them from each district's published coverage.
    for (const d of index.districts) {
      for (const z of d.zones!) {
        const text = await page.getByTestId(`district-zones-${d.adcode}-${z.ruleId}`).textContent();
        expect(text, `${d.name} ${z.ruleId}`).toContain(`${z.zh}：${z.zones.toLocaleString('zh-CN')} 个范围`);
        expect(text).toContain(`${z.members.toLocaleString('zh-CN')} 个对象`);
      }
    }
    const shengsi = await page.getByTestId('district-status-330922').textContent();
    expect(shengsi).toContain('本次刷新失败');
    expect(shengsi).toContain('不存在的状态');
    await expect(page.getByTestId('district-worst-330921').textContent()).resolves.toContain('居民小区（超期 1）');
    await screenshot(page, 'districts-rollup-1366x768');

    // The map of the boundaries, coloured by overdue, then by open: the legend's top is the largest value.
    await page.locator('[data-testid="districts-map"][data-drawn="true"]').waitFor();
    const max = (f: 'overdue' | 'open') => Math.max(...index.districts.map((d) => d.rollup!.totals[f]));
    expect(digits(await page.getByTestId('districts-legend').textContent())).toBe(`0${max('overdue')}`);
    await page.getByTestId('districts-figure').selectOption('open');
    expect(digits(await page.getByTestId('districts-legend').textContent())).toBe(`0${max('open')}`);
    await page.getByTestId('districts-map').scrollIntoViewIfNeeded();
    await page.waitForTimeout(500);
    await screenshot(page, 'districts-map-1366x768');

    await page.getByTestId('district-link-330921').click();
    await waitForMapReady(page);
    expect(new URL(page.url()).searchParams.get('d')).toBe('330921');
    await expect(page.locator('.app-header h1').textContent()).resolves.toContain('岱山县');
    expect(digits(await page.getByTestId('defect-count').first().textContent())).toBe('3');
    await screenshot(page, 'districts-daishan-1366x768');

    await page.getByTestId('districts-all').click();
    await page.getByTestId('districts-table').waitFor();
    expect(new URL(page.url()).searchParams.get('d')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('opens a district from a click on its area of the map, and from its name with the keyboard', async () => {
    const { page, context, consoleErrors } = await openApp(browser, server.url, {
      ready: (p) => p.locator('[data-testid="districts-map"][data-drawn="true"]').waitFor(),
    });
    await page.getByTestId('districts-map').scrollIntoViewIfNeeded();
    // A pixel of 岱山县's area away from its name link, found through the rendered features.
    const point = await page.evaluate(() => {
      const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
      const { width, height } = map.getCanvas().getBoundingClientRect();
      const label = document.querySelector('[data-testid="district-map-link-330921"]')!.getBoundingClientRect();
      const canvas = map.getCanvas().getBoundingClientRect();
      for (let y = 4; y < height; y += 4)
        for (let x = 4; x < width; x += 4) {
          const px = canvas.left + x;
          const py = canvas.top + y;
          if (px > label.left - 8 && px < label.right + 8 && py > label.top - 8 && py < label.bottom + 8) continue;
          const hit = map.queryRenderedFeatures([x, y], { layers: ['district-fill'] })[0];
          if (hit?.properties.adcode === '330921') return { x: px, y: py };
        }
      return null;
    });
    expect(point).not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    await waitForMapReady(page);
    expect(new URL(page.url()).searchParams.get('d')).toBe('330921');
    await expect(page.locator('.app-header h1').textContent()).resolves.toContain('岱山县');

    await page.getByTestId('districts-all').click();
    await page.locator('[data-testid="districts-map"][data-drawn="true"]').waitFor();
    // Keyboard: Tab until the name link of 嵊泗县 on the map has the focus, then Enter.
    let focused = '';
    for (let k = 0; k < 60 && focused !== 'district-map-link-330922'; k++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    }
    expect(focused).toBe('district-map-link-330922');
    await screenshot(page, 'districts-map-focus-1366x768');
    await page.keyboard.press('Enter');
    await waitForMapReady(page);
    expect(new URL(page.url()).searchParams.get('d')).toBe('330922');
    await expect(page.locator('.app-header h1').textContent()).resolves.toContain('嵊泗县');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it("shows one district of several on the big screen with ?d=, from that district's data", async () => {
    const requests: string[] = [];
    const { page, context, consoleErrors } = await openApp(browser, server.url, {
      query: 'd=330921&screen=big&manifestPollMs=500',
      width: 1920,
      height: 1080,
      before: async (p) => p.on('request', (r) => requests.push(new URL(r.url()).pathname)),
    });
    const daishan = index.districts.find((d) => d.adcode === '330921')!;
    await expect(page.locator('.big-head h1').textContent()).resolves.toContain('岱山县');
    await expect(page.getByTestId('data-updated-at').getAttribute('data-generated-at')).resolves.toBe(
      daishan.generatedAt,
    );
    expect(digits(await page.getByTestId('key-open').textContent())).toBe(String(daishan.rollup!.totals.open));
    await expect(page.locator('.big-head').textContent()).resolves.toContain('示例数据');
    // The manifest watch polls the district's own manifest, never the site's pointer.
    await page.waitForTimeout(1500);
    const manifests = requests.filter((r) => r.endsWith('/manifest.json'));
    expect(manifests.filter((r) => r === '/data/330921/manifest.json').length).toBeGreaterThan(1);
    expect(requests.filter((r) => r === '/data/defects.bin' || r.startsWith('/data/330902/'))).toEqual([]);
    await screenshot(page, 'districts-bigscreen-daishan-1920x1080');
    // Leaving the big screen keeps the district.
    await page.getByTestId('big-exit').click();
    await waitForMapReady(page);
    expect(new URL(page.url()).searchParams.get('d')).toBe('330921');
    expect(new URL(page.url()).searchParams.get('screen')).toBeNull();
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('keeps the language on the links, and a single district address still opens straight away', async () => {
    const { page, context } = await openApp(browser, server.url, { query: 'd=330902&lang=en' });
    await expect(page.getByTestId('districts-all').textContent()).resolves.toBe('All districts');
    await page.getByTestId('districts-all').click();
    await page.getByTestId('districts-table').waitFor();
    await expect(page.locator('caption').textContent()).resolves.toContain('Defects by district');
    await context.close();
  });

  it('without districts.json the site is a single-district one, as before, with no console error', async () => {
    const single = await serveStatic('dist');
    try {
      const { page, context, consoleErrors } = await openApp(browser, single.url);
      await expect(page.locator('.app-header h1').textContent()).resolves.toContain('定海区');
      expect(await page.getByTestId('districts-all').count()).toBe(0);
      expect(consoleErrors).toEqual([]);
      await context.close();
    } finally {
      await single.close();
    }
  });
});

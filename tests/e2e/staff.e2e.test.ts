/**
 * Staff polish in a real browser at 1366×768: the export panel one click away with no scrolling, the zone search
 * by anchor name and by subdistrict, a Chinese file name and an XLSX with an auto-filter and print titles, and 复制
 * 链接 with the clipboard granted and refused.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Manifest } from '../../src/dataset/types';
import { launchBrowser, openApp, screenshot } from './browser';
import { readData } from './data';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The options of a <select> (value and text), in order. */
function optionsOf(page: Page, testId: string): Promise<{ value: string; text: string }[]> {
  return page
    .getByTestId(testId)
    .evaluate((el: HTMLSelectElement) => [...el.options].map((o) => ({ value: o.value, text: o.text })));
}

describe('staff at 1366×768', () => {
  it('reaches the export panel without scrolling, finds a zone by name or subdistrict, downloads it', async () => {
    const manifest = readData<Manifest>('manifest.json');
    const { page, context, consoleErrors } = await openApp(browser, baseUrl);
    await page.getByTestId('sidebar-tab-export').click();
    await screenshot(page, 'staff-export-tab-1366x768');
    // The whole panel, its download buttons and the report buttons are on screen, and nothing scrolled.
    for (const id of ['export-panel', 'export-xlsx', 'open-weekly', 'open-fieldSheet']) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box, id).not.toBeNull();
      expect(box.y, id).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, id).toBeLessThanOrEqual(768);
      expect(box.x + box.width, id).toBeLessThanOrEqual(1366);
    }
    expect(await page.locator('.sidebar.right').evaluate((el) => el.scrollTop)).toBe(0);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // The zone search: every zone without a query, then only those whose anchor or subdistrict matches.
    await page.getByTestId('export-scope').selectOption('zone');
    const all = await optionsOf(page, 'export-zone');
    expect(all.length).toBeGreaterThan(30);
    expect(all.every((o) => !o.text.includes(o.value))).toBe(true); // named, not by internal id
    await page.getByTestId('export-zone-search').fill('东管庙');
    const byName = await optionsOf(page, 'export-zone');
    const hits = byName.filter((o) => o.text.includes('东管庙'));
    expect(hits.length).toBeGreaterThan(0);
    expect(byName.length).toBeLessThanOrEqual(hits.length + 1); // plus the zone already chosen
    await expect(page.getByTestId('export-zone-matches').textContent()).resolves.toBe(`${hits.length} 个范围匹配`);
    await page.getByTestId('export-zone').selectOption(hits[0].value);
    await expect(page.getByTestId('export-selection').textContent()).resolves.toContain(hits[0].value);

    await page.getByTestId('export-zone-search').fill('环南街道');
    const bySub = await optionsOf(page, 'export-zone');
    expect(bySub.filter((o) => o.text.includes('环南街道')).length).toBeGreaterThan(0);
    expect(bySub.filter((o) => !o.text.includes('环南街道')).map((o) => o.value)).toEqual([hits[0].value]);
    await page.getByTestId('export-zone-search').fill('不存在的地名');
    await expect(page.getByTestId('export-zone-matches').textContent()).resolves.toBe('没有匹配的范围');
    await screenshot(page, 'staff-zone-search-1366x768');
    await page.getByTestId('export-zone-search').fill('');

    // The XLSX of that zone: a Chinese name, an auto-filter and print titles on its sheet.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    const name = download.suggestedFilename();
    const anchor = hits[0].text.split(' · ')[0];
    expect(name).toMatch(
      new RegExp(`^R\\d+_${anchor}周边\\d+米_${manifest.asOfDate}${manifest.sample ? '_示例数据' : ''}\\.xlsx$`),
    );
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    expect(strFromU8(files['xl/worksheets/sheet2.xml'])).toMatch(/<autoFilter ref="A1:Q\d+"\/>/);
    expect(strFromU8(files['xl/workbook.xml'])).toContain('_xlnm.Print_Titles');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('copies the link with its state (已复制), and selects it when the clipboard is refused', async () => {
    const granted = await openApp(browser, baseUrl, { query: 'tf=TF1' });
    await granted.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    await granted.page.getByTestId('copy-link').click();
    // The clipboard answers asynchronously: wait for the status rather than reading it at once.
    await granted.page.getByTestId('copy-link-status').filter({ hasText: '已复制' }).waitFor({ timeout: 10_000 });
    const copied = await granted.page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(granted.page.url());
    expect(new URL(copied).searchParams.get('tf')).toBe('TF1');
    await screenshot(granted.page, 'staff-copy-link-1366x768');
    await granted.context.close();

    const refused = await openApp(browser, baseUrl, {
      query: 'tf=TF2',
      before: (page) =>
        page.addInitScript(() => {
          Object.defineProperty(navigator.clipboard, 'writeText', {
            value: () => Promise.reject(new DOMException('refused', 'NotAllowedError')),
          });
        }),
    });
    await refused.page.getByTestId('copy-link').click();
    const field = refused.page.getByTestId('copy-link-field');
    await field.waitFor();
    await expect(field.inputValue()).resolves.toBe(refused.page.url());
    const selection = await field.evaluate((el: HTMLInputElement) => [
      el.selectionStart,
      el.selectionEnd,
      el.value.length,
    ]);
    expect(selection).toEqual([0, selection[2], selection[2]]);
    await refused.page.getByTestId('copy-link-status').filter({ hasText: 'Ctrl+C' }).waitFor({ timeout: 10_000 });
    await screenshot(refused.page, 'staff-copy-link-refused-1366x768');
    await refused.context.close();
  });
});

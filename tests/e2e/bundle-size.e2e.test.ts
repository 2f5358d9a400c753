/**
 * The first-load budget (issue #14): the built app's JavaScript and CSS that the browser needs before it can draw is
 * at most 450 KB gzipped, and no source maps are deployed. Reads dist/ as `npm run build` left it, then loads the
 * app in Chromium to check that what the page really fetched up to map-ready is what the count covers, and that the
 * export code (XLSX writer, QR codes, report views) comes only when an export is opened.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readdirSync } from 'node:fs';
import { FIRST_LOAD_BUDGET_BYTES, firstLoad } from '../../scripts/lib/first-load';
import { launchBrowser, openApp } from './browser';

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
});

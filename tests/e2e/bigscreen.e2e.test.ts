import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The smallest computed font size of any element that shows text (its own text nodes) and is visible. */
function smallestText(page: Page) {
  return page.evaluate(() => {
    let min = Infinity;
    let where = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
      if (el.closest('[hidden], .sr-only')) continue;
      const size = parseFloat(style.fontSize);
      if (size < min) {
        min = size;
        where = `${el.tagName.toLowerCase()}.${el.className}: ${node.textContent.trim().slice(0, 30)}`;
      }
    }
    return { min, where };
  });
}

const center = (page: Page) =>
  page.evaluate(() => {
    const c = window.__map!.getCenter();
    return [Number(c.lng.toFixed(6)), Number(c.lat.toFixed(6))];
  });

const settle = (page: Page) =>
  page.waitForFunction(() => window.__map && !window.__map.isMoving(), undefined, { timeout: 20000 });

describe('big screen on a wall', () => {
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ]) {
    it(`fits ${width}×${height} without scrolling, text legible, every tile filled`, async () => {
      const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
        width,
        height,
        query: 'screen=big&tour=off',
      });
      await page.waitForSelector('[data-testid="big-trend"][data-ready="true"]', { timeout: 30000 });
      await page.waitForSelector('[data-testid="big-mock-rate"]', { timeout: 60000 });
      await screenshot(page, `bigscreen-wall-${width}x${height}`);
      const scroll = await page.evaluate(() => ({
        scrollHeight: document.documentElement.scrollHeight,
        bodyScrollHeight: document.body.scrollHeight,
        innerHeight: window.innerHeight,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(scroll.scrollHeight).toBeLessThanOrEqual(scroll.innerHeight);
      expect(scroll.bodyScrollHeight).toBeLessThanOrEqual(scroll.innerHeight);
      expect(scroll.scrollWidth).toBeLessThanOrEqual(scroll.innerWidth);
      // Each tile's content fits its tile (a tile clips rather than scrolls, so check it is not clipping).
      const clipped = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.big-screen .tile'))
          .filter((t) => t.scrollHeight > t.clientHeight + 1)
          .map((t) => `${t.className}: ${t.scrollHeight} > ${t.clientHeight}`),
      );
      expect(clipped).toEqual([]);
      const text = await smallestText(page);
      console.log(`big screen ${width}×${height}: smallest text ${text.min}px (${text.where})`);
      expect(text.min).toBeGreaterThanOrEqual((24 * height) / 1080);
      expect(await page.getByTestId('big-red-list').locator('li').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('big-black-list').locator('li').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('big-mock-rate').textContent()).toMatch(/^\d+%$/);
      expect(await page.getByTestId('key-days-provincial').textContent()).toMatch(/\d/);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  }

  it('tours the top zones and stops on the button', async () => {
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      width: 1920,
      height: 1080,
      query: 'screen=big&tour=3',
      // The tour keeps the map moving, so it never rests long enough for the usual map-ready signal.
      ready: (p) => p.waitForSelector('[data-testid="tour-caption"]', { timeout: 110000 }),
    });
    await expect(page.getByTestId('tour-toggle').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForSelector('[data-testid="tour-caption"]');
    await settle(page);
    const first = await center(page);
    const firstCaption = await page.getByTestId('tour-caption').textContent();
    // The next stop comes after 3 s.
    await page.waitForFunction(
      (c) => document.querySelector('[data-testid="tour-caption"]')?.textContent !== c,
      firstCaption,
      { timeout: 10000 },
    );
    await page.waitForTimeout(300);
    await settle(page);
    const second = await center(page);
    expect(second).not.toEqual(first);
    await screenshot(page, 'bigscreen-tour-1920x1080');

    await page.getByTestId('tour-toggle').click();
    await expect(page.getByTestId('tour-toggle').getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(page.getByTestId('tour-caption').count()).resolves.toBe(0);
    await settle(page);
    const stopped = await center(page);
    await page.waitForTimeout(7000);
    expect(await center(page)).toEqual(stopped);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('starts stopped when the system asks for reduced motion', async () => {
    const { page, context } = await openApp(browser, baseUrl, {
      width: 1920,
      height: 1080,
      query: 'screen=big&tour=3',
      before: (p) => p.emulateMedia({ reducedMotion: 'reduce' }),
      ready: (p) => p.waitForSelector('[data-testid="tour-toggle"]', { timeout: 110000 }),
    });
    await expect(page.getByTestId('tour-toggle').getAttribute('aria-pressed')).resolves.toBe('false');
    await context.close();
  });
});

describe('mock inspection panel', () => {
  it('shows pass rates per kind, the sites to fix first, a trend and an example draw on the map', async () => {
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      width: 1920,
      height: 1080,
      ready: (p) => p.waitForSelector('[data-testid="mock-overall-rate"]', { timeout: 110000 }),
    });
    const panel = page.getByTestId('mock-inspection');
    await page.waitForSelector('[data-testid="mock-overall-rate"]', { timeout: 60000 });
    expect(await page.getByTestId('mock-overall-rate').textContent()).toMatch(/^\d+%$/);
    const rows = await page.getByTestId('mock-kinds').locator('tbody tr').allTextContents();
    expect(rows.length).toBe(7);
    expect(rows.some((r) => /\d+%/.test(r))).toBe(true);
    expect(await page.getByTestId('mock-top').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('mock-trend').locator('tbody tr').count()).toBeGreaterThan(1);
    expect(await panel.textContent()).toContain('示例数据');

    // The other evaluation gives its own figures.
    const before = await page.getByTestId('mock-kinds').textContent();
    await page.getByTestId('mock-evaluation-national').click();
    await page.waitForFunction((b) => document.querySelector('[data-testid="mock-kinds"]')?.textContent !== b, before, {
      timeout: 30000,
    });

    await page.getByTestId('mock-show-example').check();
    await page.waitForFunction(() => (window.__map?.querySourceFeatures('mock-sample').length ?? 0) > 0, undefined, {
      timeout: 15000,
    });
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'mock-inspection-1920x1080');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

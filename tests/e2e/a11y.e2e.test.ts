/**
 * Accessibility in a real browser: axe-core on every view (the workspace at 1366×768 and 1920×1080, the three
 * report views, 数据体检, the districts roll-up, the big screen and a phone), no critical or serious violation;
 * each view's counts by impact go to artifacts/a11y-results.json for the note. Then the keyboard: the skip link,
 * the report views as modal dialogs (focus moves in, stays in, Esc closes, focus returns to the opener).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyDinghai } from '../../scripts/districts-test-data';
import { refreshAll } from '../../scripts/refresh-all';
import { ARTIFACTS, launchBrowser, openApp, screenshot } from './browser';
import { axeViolations, blocking, type AxeViolation } from './axe';
import { serveStatic } from './static-server';

const baseUrl = inject('baseUrl');
let browser: Browser;
const results: Record<string, { critical: number; serious: number; moderate: number; minor: number; rules: string[] }> =
  {};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(path.join(ARTIFACTS, 'a11y-results.json'), JSON.stringify(results, null, 2));
});

const explain = (v: AxeViolation) => `${v.impact} ${v.id} (${v.help}): ${v.targets.join(' | ')}`;

/**
 * Runs axe, records the counts by impact under `view`, and expects no critical or serious violation (`strict`:
 * none of any kind, for the views that have reached zero and must stay there).
 */
async function audit(page: Page, view: string, strict = false): Promise<void> {
  const violations = await axeViolations(page);
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0, rules: violations.map(explain) };
  for (const v of violations) counts[v.impact ?? 'minor']++;
  results[view] = counts;
  expect((strict ? violations : blocking(violations)).map(explain), view).toEqual([]);
}

describe('axe-core on every view', () => {
  it('the workspace at 1366×768 and its three report views', async () => {
    const { page, context, consoleErrors } = await openApp(browser, baseUrl);
    await audit(page, 'workspace 1366×768');
    await page.getByTestId('sidebar-tab-export').click();
    await audit(page, 'workspace 1366×768, 导出 tab');
    for (const view of ['weekly', 'declarations', 'fieldSheet'] as const) {
      await page.getByTestId(`open-${view}`).click();
      await page.getByRole('dialog').waitFor();
      if (view === 'fieldSheet') await page.getByTestId('field-sheet').waitFor();
      await audit(page, `report: ${view}`);
      await screenshot(page, `a11y-${view}-1366x768`);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('the workspace at 1920×1080 and on a phone (390×844)', async () => {
    for (const [width, height] of [
      [1920, 1080],
      [390, 844],
    ]) {
      const { page, context } = await openApp(browser, baseUrl, { width, height });
      // The phone had one moderate heading-order (the map legend's h3 under the h1): fixed, so none of any kind.
      await audit(page, `workspace ${width}×${height}`, width === 390);
      await screenshot(page, `a11y-workspace-${width}x${height}`);
      await context.close();
    }
  });

  it('数据体检 (view=check) and the big screen', async () => {
    const check = await openApp(browser, baseUrl, {
      query: 'view=check',
      ready: (p) => p.getByTestId('data-check').waitFor(),
    });
    await audit(check.page, 'data check (view=check)');
    await check.context.close();
    const big = await openApp(browser, baseUrl, { query: 'screen=big', width: 1920, height: 1080 });
    await audit(big.page, 'big screen 1920×1080', true);
    await screenshot(big.page, 'a11y-big-screen-1920x1080');
    await big.context.close();
  });

  it('the districts roll-up', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'a11y-districts-'));
    try {
      const site = path.join(work, 'site');
      const root = path.join(work, 'districts');
      cpSync('dist', site, {
        recursive: true,
        filter: (src) => !path.resolve(src).startsWith(path.resolve('dist/data')),
      });
      copyDinghai(path.join(root, 'dinghai'));
      expect(await refreshAll({ root, out: path.join(site, 'data') }, () => {})).toBe(0);
      const server = await serveStatic(site);
      try {
        const { page, context } = await openApp(browser, server.url, {
          ready: (p) => p.getByTestId('districts-table').waitFor(),
        });
        await audit(page, 'districts roll-up');
        await context.close();
      } finally {
        await server.close();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 300_000);
});

/** Whether the focused element is inside the element matching `selector`, and its test id or tag. */
async function focusState(page: Page, selector: string): Promise<{ inside: boolean; what: string }> {
  return page.evaluate((sel) => {
    const el = document.activeElement as HTMLElement | null;
    const box = document.querySelector(sel);
    return {
      inside: Boolean(el && box?.contains(el)),
      what: el?.dataset.testid ?? `${el?.tagName.toLowerCase()}.${el?.className ?? ''}`,
    };
  }, selector);
}

describe('the keyboard', () => {
  it('reaches the map with one Tab and Enter (跳到地图)', async () => {
    const { page, context } = await openApp(browser, baseUrl);
    await page.keyboard.press('Tab');
    const link = page.getByTestId('skip-to-map');
    await expect(link.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expect(link.textContent()).resolves.toBe('跳到地图');
    const box = (await link.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'a11y-skip-link-1366x768');
    await page.keyboard.press('Enter');
    const focus = await focusState(page, '#map-main');
    expect(focus.inside, focus.what).toBe(true);
    // The canvas takes the map's keys: + zooms in.
    const zoomBefore = await page.evaluate(() => location.search);
    await page.keyboard.press('+');
    await page.waitForFunction((before) => location.search !== before, zoomBefore, { timeout: 10000 });
    await context.close();
  });

  it('keeps focus inside a report view, closes it with Esc and returns focus to its button', async () => {
    const { page, context } = await openApp(browser, baseUrl);
    await page.getByTestId('sidebar-tab-export').click();
    for (const view of ['weekly', 'declarations', 'fieldSheet'] as const) {
      const opener = page.getByTestId(`open-${view}`);
      await opener.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await expect(dialog.getAttribute('aria-modal')).resolves.toBe('true');
      expect(await dialog.getAttribute('aria-label')).toContain('报表视图');
      expect((await focusState(page, '[role="dialog"]')).inside).toBe(true);
      // Forwards past the last control and backwards past the first: focus never leaves the dialog.
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const f = await focusState(page, '[role="dialog"]');
        expect(f.inside, `${view}: Tab ${i + 1} went to ${f.what}`).toBe(true);
      }
      for (let i = 0; i < 15; i++) {
        await page.keyboard.press('Shift+Tab');
        const f = await focusState(page, '[role="dialog"]');
        expect(f.inside, `${view}: Shift+Tab ${i + 1} went to ${f.what}`).toBe(true);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect(opener.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    }

    // 数据体检 from the header: the same.
    const check = page.getByTestId('data-check-open');
    await check.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('data-check').waitFor();
    expect((await focusState(page, '[data-testid="data-check"]')).inside).toBe(true);
    for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
    expect((await focusState(page, '[data-testid="data-check"]')).inside).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('data-check').waitFor({ state: 'detached' });
    await expect(check.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await context.close();
  });
});

/**
 * The data check page (数据体检) on the built sample: opened by link and from the header, its per-source row counts
 * and zone coverage equal dist/data/import-report.json, its sources are those of data/sources.json, it reads on a
 * laptop and a phone, and an older data set without a report says so instead of failing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sha256Hex } from '../../src/dataset/hash';
import type { ImportReport, Manifest } from '../../src/dataset/types';
import type { SourcesFile } from '../../src/ingest/types';
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

const digits = async (locator: ReturnType<Page['getByTestId']>) => (await locator.textContent())?.replace(/[^\d]/g, '');
const checkShown = (page: Page) => page.getByTestId('data-check-sources').waitFor({ timeout: 90000 });

describe('数据体检 on the Dinghai sample', () => {
  it('lists every source of sources.json with the row counts of import-report.json, and the zone coverage', async () => {
    const report = readData<ImportReport>('import-report.json');
    const sources = (JSON.parse(readFileSync('data/sources.json', 'utf8')) as SourcesFile).sources;
    expect(report.sources.map((s) => s.id)).toEqual(sources.map((s) => s.id));
    // Published beside the data: no mobile number of the visit records.
    expect(readFileSync('dist/data/import-report.json', 'utf8')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);

    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      query: 'view=check',
      ready: checkShown,
    });
    await expect(page.getByRole('heading', { level: 2, name: '数据体检' }).isVisible()).resolves.toBe(true);
    const rows = page.getByTestId('data-check-sources').locator('tbody tr');
    expect(await rows.count()).toBe(sources.length);
    for (const spec of sources) {
      const row = page.getByTestId(`data-check-source-${spec.id}`);
      await expect(row.locator('th').textContent()).resolves.toContain(spec.path);
      const want = report.sources.find((s) => s.id === spec.id)!;
      expect(await digits(row.getByTestId('records')), `${spec.id} read`).toBe(String(want.records));
      expect(await digits(row.getByTestId('kept')), `${spec.id} kept`).toBe(String(want.kept));
      expect(await digits(row.getByTestId('skipped')), `${spec.id} skipped`).toBe(String(want.skipped));
    }
    // The sample's GCJ-02 communities are converted, and the page says so.
    const gcj = sources.find((s) => s.crs === 'gcj02');
    if (gcj)
      await expect(page.getByTestId(`data-check-source-${gcj.id}`).textContent()).resolves.toContain('GCJ-02 → WGS-84');
    for (const rule of report.coverage) {
      const row = page.getByTestId(`data-check-rule-${rule.ruleId}`);
      expect(await digits(row.getByTestId('zones')), `${rule.ruleId} zones`).toBe(String(rule.zones));
      expect(await digits(row.getByTestId('members')), `${rule.ruleId} members`).toBe(String(rule.members));
    }
    if (report.totals.errors + report.totals.warnings === 0)
      await expect(page.getByTestId('data-check-no-problems').isVisible()).resolves.toBe(true);

    // What an accessibility checker looks at first: named tables with column headers, a named region, named buttons.
    const a11y = await page.evaluate(() => {
      const root = document.querySelector('[data-testid="data-check"]')!;
      const labelled = root.getAttribute('aria-labelledby');
      return {
        region: labelled ? document.getElementById(labelled)?.textContent : null,
        tables: [...root.querySelectorAll('table')].map((t) => ({
          caption: t.caption?.textContent?.trim() ?? '',
          headers: t.querySelectorAll('thead th[scope="col"]').length,
          columns: t.querySelector('thead tr')?.children.length ?? 0,
        })),
        unnamedButtons: [...document.querySelectorAll('button')].filter(
          (b) => !(b.textContent ?? '').trim() && !b.getAttribute('aria-label') && !b.title,
        ).length,
      };
    });
    expect(a11y.region).toBe('数据体检');
    expect(a11y.tables.length).toBeGreaterThanOrEqual(2);
    for (const table of a11y.tables) {
      expect(table.caption).not.toBe('');
      expect(table.headers).toBe(table.columns);
    }
    expect(a11y.unnamedButtons).toBe(0);

    await screenshot(page, 'import-report-1366x768');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('opens from the header and closes back to the map, keeping the other keys of the link', async () => {
    const { page, context } = await openApp(browser, baseUrl, { query: 'od=1&manifestPollMs=0' });
    await page.getByTestId('data-check-open').click();
    await checkShown(page);
    await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'check');
    expect(new URL(page.url()).searchParams.get('od')).toBe('1');
    await page.getByTestId('data-check-back').click();
    await page.getByTestId('data-check').waitFor({ state: 'detached' });
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('view'));
    const params = new URL(page.url()).searchParams;
    expect([params.get('od'), params.get('manifestPollMs')]).toEqual(['1', '0']);
    await context.close();
  });

  it('reads on a phone: one card per source, nothing wider than the screen', async () => {
    const { page, context } = await openApp(browser, baseUrl, {
      query: 'view=check',
      width: 390,
      height: 844,
      ready: checkShown,
    });
    await screenshot(page, 'import-report-390x844');
    const wide = await page.evaluate(() => {
      const body = document.querySelector('[data-testid="data-check"] .doc-body')!;
      const right = body.getBoundingClientRect().right;
      // The column headers are there for screen readers only, clipped out of sight.
      const shown = [...body.querySelectorAll('*')].filter((e) => !e.closest('thead'));
      return {
        scroll: body.scrollWidth - body.clientWidth,
        wider: shown
          .filter((e) => e.getBoundingClientRect().right > right + 0.5)
          .map((e) => `${e.tagName}.${e.className}: ${e.textContent?.slice(0, 40)}`),
      };
    });
    expect(wide).toEqual({ scroll: 0, wider: [] });
    await context.close();
  });

  it('groups problems and warnings per file with their first rows, in Chinese and in English', async () => {
    const manifest = readData<Manifest>('manifest.json');
    const report = readData<ImportReport>('import-report.json');
    // A lenient refresh's report: seven bad visit rows left out, one market kept with a warning.
    const lenient: ImportReport = {
      ...report,
      sources: report.sources.map((s) =>
        s.kind === 'visit'
          ? {
              ...s,
              kept: s.records - 7,
              skipped: 7,
              errors: [
                {
                  file: s.path,
                  field: '已走访',
                  pattern: 'not a yes/no value (是/否)',
                  count: 7,
                  locations: ['row 3', 'row 8', 'row 9', 'row 12', 'row 40'],
                },
              ],
            }
          : s.kind === 'market'
            ? {
                ...s,
                warnings: [
                  {
                    file: s.path,
                    field: '经度/纬度',
                    pattern: 'in the sea, … m from land',
                    count: 1,
                    locations: ['row 5'],
                  },
                ],
              }
            : s,
      ),
    };
    const bytes = new TextEncoder().encode(JSON.stringify(lenient));
    const entry = { ...manifest.files.importReport!, bytes: bytes.byteLength, sha256: sha256Hex(bytes) };
    const next = { ...manifest, files: { ...manifest.files, importReport: entry } };
    const { page, context, consoleErrors } = await openApp(browser, baseUrl, {
      query: 'view=check&manifestPollMs=0',
      before: async (p) => {
        await p.route('**/data/manifest.json', (route) => route.fulfill({ json: next }));
        await p.route('**/data/import-report.json', (route) =>
          route.fulfill({ body: Buffer.from(bytes), contentType: 'application/json' }),
        );
      },
      ready: checkShown,
    });
    const visits = lenient.sources.find((s) => s.kind === 'visit')!;
    const market = lenient.sources.find((s) => s.kind === 'market')!;
    const visitGroups = page.getByTestId(`data-check-problems-${visits.id}`);
    await expect(visitGroups.textContent()).resolves.toMatch(/第 3 行、第 8 行.*（共 7 处）/);
    await expect(page.getByTestId(`data-check-problems-${market.id}`).textContent()).resolves.toContain('提醒');
    expect(await digits(page.getByTestId(`data-check-source-${visits.id}`).getByTestId('skipped'))).toBe('7');
    await visitGroups.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-report-problems-1366x768');

    await page.getByTestId('lang-switch').click();
    await expect(page.getByRole('heading', { level: 2, name: 'Data check' }).isVisible()).resolves.toBe(true);
    await expect(visitGroups.textContent()).resolves.toMatch(/row 3、row 8.*\(7 in all\)/);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('an older data set without a report loads as usual and the page says it has none', async () => {
    const manifest = readData<Manifest>('manifest.json');
    const older = { ...manifest, files: { ...manifest.files } };
    delete older.files.importReport;
    const { page, context } = await openApp(browser, baseUrl, {
      query: 'view=check&manifestPollMs=0',
      before: (p) => p.route('**/data/manifest.json', (route) => route.fulfill({ json: older })),
      ready: (p) => p.getByTestId('data-check-none').waitFor({ timeout: 90000 }),
    });
    await expect(page.getByTestId('data-error-banner').count()).resolves.toBe(0);
    await context.close();
  });
});

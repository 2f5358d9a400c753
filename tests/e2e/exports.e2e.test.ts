import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { Campaign } from '../../src/campaign/types';
import type { Manifest } from '../../src/dataset/types';
import { ARTIFACTS, launchBrowser, openApp, screenshot } from './browser';
import { anchorsOf, bruteForceMembers, readData } from './data';

const baseUrl = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The English CSV header of `--lang en`, as the README gives it (Exports, CSV). */
const EN_HEADER =
  'zone_id,rule,anchor_id,anchor_name,object_id,object_kind,object_name,subdistrict,unit,distance_m,inside_m,state,open_defects,overdue,last_inspected,lng,lat';

type Compound = Feature<Point | Polygon, { id: string; name: string }>;
type Sheet = { sheet: string; data: unknown[][] };

async function downloadOf(page: Page, testId: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = await download.path();
  return { download, bytes: readFileSync(file) };
}

async function sheetsOf(bytes: Buffer): Promise<Sheet[]> {
  return (await readXlsxFile(bytes)) as unknown as Sheet[];
}

const digits = async (page: Page, testId: string) =>
  (await page.getByTestId(testId).first().textContent())?.replace(/[^\d]/g, '');

describe('exports in the browser', () => {
  it('downloads the R300 list as CSV and XLSX, keeps weekly text over a reload, prints a field sheet', async () => {
    const campaign = readData<Campaign>('campaign.json');
    const manifest = readData<Manifest>('manifest.json');
    const compounds = readData<FeatureCollection<Point | Polygon, { id: string; name: string }>>('compounds.geojson');
    const r300 = campaign.zoneRules.find((r) => r.id === 'R300')!;

    const { page, context, consoleErrors } = await openApp(browser, baseUrl);

    // The panel (the sidebar's 导出 tab) starts on the first rule (R300).
    await page.getByTestId('sidebar-tab-export').click();
    const panel = page.getByTestId('export-panel');
    await panel.scrollIntoViewIfNeeded();
    await expect(page.getByTestId('export-selection').textContent()).resolves.toContain('(R300)');
    await screenshot(page, 'exports-panel-1366x768');
    await panel.screenshot({ path: path.join(ARTIFACTS, 'exports-panel.png') });

    // CSV with English headers: BOM, the header, one row per (zone, object).
    await page.locator('input[name="export-lang"][value="en"]').check();
    const csv = await downloadOf(page, 'export-csv');
    expect(csv.download.suggestedFilename()).toMatch(/\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(csv.bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header.join(',')).toBe(EN_HEADER);
    const col = (key: string) => header.indexOf(key);
    expect(new Set(rows.map((r) => r[col('rule')]))).toEqual(new Set([r300.en]));

    // Distinct objects = the engine's member count shown in the summary.
    const objectIds = new Set(rows.map((r) => r[col('object_id')]));
    expect(String(objectIds.size)).toBe(await digits(page, 'member-count-R300'));

    // (anchor, object) pairs = brute force per anchor, independent of the app's engine.
    const expectedPairs = new Set<string>();
    for (const anchor of anchorsOf(campaign, r300)) {
      for (const id of bruteForceMembers([anchor], compounds.features as Compound[], r300.radiusM))
        expectedPairs.add(`${anchor.properties.id}|${id}`);
    }
    const pairs = rows.map((r) => `${r[col('anchor_id')]}|${r[col('object_id')]}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(pairs)).toEqual(expectedPairs);

    // A known compound appears with its name.
    const known = compounds.features.find((f) => objectIds.has(f.properties.id))!;
    const knownRow = rows.find((r) => r[col('object_id')] === known.properties.id)!;
    expect(knownRow[col('object_name')]).toBe(known.properties.name);

    // XLSX in Chinese: cover sheet with the sample mark, a sheet for R300 with the Chinese header row.
    await page.locator('input[name="export-lang"][value="zh"]').check();
    const xlsx = await downloadOf(page, 'export-xlsx');
    expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
    const sheets = await sheetsOf(xlsx.bytes);
    expect(sheets.map((s) => s.sheet)).toEqual(['封面', r300.zh]);
    const cover = sheets[0].data
      .flat()
      .filter((c) => c !== null)
      .join('\n');
    if (manifest.sample) expect(cover).toContain('示例数据');
    expect(cover).toContain('R300');
    expect(sheets[1].data[0].slice(0, 7)).toEqual([
      '范围编号',
      '规则',
      '中心点编号',
      '中心点名称',
      '对象编号',
      '对象类型',
      '对象名称',
    ]);
    expect(sheets[1].data.length - 1).toBe(rows.length);

    // Weekly report: type text, reload, the text is still there, and it is in the XLSX on its unit's row.
    await page.getByTestId('open-weekly').click();
    const firstRow = page.locator('[data-testid^="weekly-row-"]').first();
    await firstRow.waitFor();
    const rowTestId = (await firstRow.getAttribute('data-testid'))!;
    const text = `本周已整改 7 处，=SUM(A1) 不执行 ${Date.now()}`;
    await firstRow.locator('textarea').first().fill(text);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __mapReady?: boolean }).__mapReady === true, undefined, {
      timeout: 90000,
    });
    await page.getByTestId('sidebar-tab-export').click();
    await page.getByTestId('open-weekly').click();
    const sameRow = page.getByTestId(rowTestId);
    await expect(sameRow.locator('textarea').first().inputValue()).resolves.toBe(text);
    const unitName = (await sameRow.locator('td').nth(0).textContent())!;
    const projectName = (await sameRow.locator('td').nth(1).textContent())!;
    await screenshot(page, 'exports-weekly-1366x768');
    const weekly = await downloadOf(page, 'weekly-xlsx');
    const weeklySheets = await sheetsOf(weekly.bytes);
    const form = weeklySheets.find((s) => s.sheet === '进度表')!;
    expect(form.data[0].slice(0, 4)).toEqual(['单位（盖章）', '项目名称', '本周工作进展情况', '下周工作进度安排']);
    const unitRow = form.data.find((r) => r[0] === unitName && r[1] === projectName)!;
    expect(unitRow, `row of ${unitName} / ${projectName}`).toBeDefined();
    expect(String(unitRow[2])).toContain(text);

    // Declarations: the tracker lists the entries and downloads an XLSX.
    await page.getByTestId('doc-tab-declarations').click();
    const declarations = await sheetsOf((await downloadOf(page, 'declarations-xlsx')).bytes);
    expect(declarations[0].sheet).toBe('封面');
    expect(declarations.length).toBeGreaterThan(1);

    // Field sheet for the R300 zone with the most objects: map snapshot, QR code, one row per object; saved as PDF.
    const zoneRows = new Map<string, number>();
    for (const r of rows) zoneRows.set(r[col('zone_id')], (zoneRows.get(r[col('zone_id')]) ?? 0) + 1);
    const [zoneId, zoneCount] = [...zoneRows].sort((a, b) => b[1] - a[1])[0];
    await page.getByTestId('doc-back').click();
    await page.getByTestId('export-scope').selectOption('zone');
    await page.getByTestId('export-zone').selectOption(zoneId);
    await page.getByTestId('open-fieldSheet').click();
    const sheet = page.getByTestId('field-sheet');
    await sheet.locator('img.fs-map').waitFor({ timeout: 20000 });
    await page.getByTestId('field-sheet-qr').waitFor();
    expect(await sheet.locator('tbody').first().locator('tr').count()).toBe(zoneCount);
    const snapshotSize = await sheet
      .locator('img.fs-map')
      .evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(snapshotSize[0]).toBeGreaterThan(200);
    await screenshot(page, 'exports-field-sheet-1366x768');
    const pdfPath = path.join(ARTIFACTS, 'exports-field-sheet.pdf');
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdf = readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A print that hid the sheet too gives a ~1 kB PDF of blank pages; the sheet embeds fonts and the map image.
    expect(pdf.length).toBeGreaterThan(50_000);
    const anchorName = (await sheet.locator('h1').textContent())!.split('·').pop()!.trim();
    if (hasPoppler()) {
      const page1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdfPath, '-'], { encoding: 'utf8' });
      expect(page1).toContain(anchorName);
      expect(page1).toContain(zoneId);
      const prefix = path.join(ARTIFACTS, 'exports-field-sheet-page');
      rmSync(`${prefix}-1.png`, { force: true });
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdfPath, prefix]);
      expect(existsSync(`${prefix}-1.png`)).toBe(true);
    }

    // The sheet's link opens the app on the same zone (export scope and map selection).
    const link = (await sheet.locator('.fs-qr a').getAttribute('href'))!;
    expect(new URL(link).searchParams.get('zone')).toBe(zoneId);
    await page.goto(link);
    await page.waitForFunction(() => (window as unknown as { __mapReady?: boolean }).__mapReady === true, undefined, {
      timeout: 90000,
    });
    await expect(page.getByTestId('export-selection').textContent()).resolves.toContain(`(${zoneId})`);
    await expect(page.getByTestId('export-zone').inputValue()).resolves.toBe(zoneId);

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

/** poppler-utils (pdftotext, pdftoppm): `apt-get install poppler-utils`; without it the PDF is only sanity-checked. */
function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

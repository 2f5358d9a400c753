/**
 * Field records, end to end (issue 11, items 4 and 5): open a defect, go offline, record 已整改 with a photo (a
 * 3200×2400 JPEG carrying EXIF GPS) and a 新问题 on a compound, reload (offline if the page is served offline,
 * else online) and see the queue survived, export the day's zip; then put the zip into returns/ of a copy of the
 * data folder, run the refresh into the served data, reload, and see the step in the defect's history (who, when,
 * where, a photo without EXIF) and the new defect on the map.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DefectDetails } from '../../src/dataset/types';
import { readDefects } from './data';
import { exifGpsSegment } from '../../src/field/__fixtures__/exif';
import { hasJpegMetadata } from '../../src/field/jpeg-strip';
import { newDefectId } from '../../src/field/record';
import { RECORDS_CSV } from '../../src/field/records-zip';
import { launchBrowser, screenshot, waitForMapReady } from './browser';
import { serveStatic, type StaticServer } from './static-server';

let browser: Browser;
let work: string;
let server: StaticServer;
let site: string;

beforeAll(async () => {
  browser = await launchBrowser();
  work = mkdtempSync(path.join(tmpdir(), 'zonemap-records-'));
  site = path.join(work, 'site');
  cpSync(path.resolve('dist'), site, { recursive: true });
  server = await serveStatic(site);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const served = <T>(file: string) => JSON.parse(readFileSync(path.join(site, 'data', file), 'utf8')) as T;

/** The sample's as-of day, 10:00 in Dinghai: records made "today" fall inside the campaign's date range. */
const NOW = '2019-09-13T10:00:00+08:00';
/** Near the old town (WGS-84), where the phone says it is. */
const HERE = { longitude: 122.1012, latitude: 30.0198, accuracy: 8 };

async function newContext(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    geolocation: HERE,
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(NOW));
  return { context, page };
}

/** A 3200×2400 JPEG from the browser's encoder with an EXIF APP1 (GPS position) put in after SOI. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 3200;
    c.height = 2400;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 3200, 2400);
    grad.addColorStop(0, '#a16207');
    grad.addColorStop(1, '#0f766e');
    g.fillStyle = grad;
    g.fillRect(0, 0, 3200, 2400);
    const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.9));
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  const jpeg = Buffer.from(bytes);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from(exifGpsSegment()), jpeg.subarray(2)]);
}

/** Width and height from a JPEG's frame header (SOF0/SOF2). */
function jpegSize(bytes: Uint8Array): { width: number; height: number } {
  let i = 2;
  while (i < bytes.length) {
    const marker = bytes[i + 1];
    const length = (bytes[i + 2] << 8) | bytes[i + 3];
    if (marker === 0xc0 || marker === 0xc2)
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] };
    i += 2 + length;
  }
  throw new Error('no frame header');
}

describe('field records reach the office', () => {
  it('records offline, survives a reload, exports a zip, and the refresh merges it', async () => {
    const defects = readDefects(path.join(site, 'data'));
    const openStates = new Set(['reported', 'assigned', 'in_progress', 'reopened']);
    const row = defects.id.findIndex((_, k) => openStates.has(defects.tables.state[defects.state[k]]));
    const defectId = defects.id[row];
    const historyBefore = served<DefectDetails>('defect-details.json')[defectId].history.length;
    const compound = served<{ features: { properties: { id: string } }[] }>('compounds.geojson').features[0].properties
      .id;

    const { context, page } = await newContext();
    await page.goto(`${server.url}?sel=defect:${encodeURIComponent(defectId)}`);
    await waitForMapReady(page);
    await page.getByTestId('field-queue-empty').waitFor();
    const photo = await cameraPhoto(page);
    expect(hasJpegMetadata(photo)).toBe(true);

    // Offline from here: the phone on an island.
    await context.setOffline(true);
    await page.getByTestId('field-verdict-rectified').click();
    await page.getByTestId('field-inspector').fill('张三');
    await page.getByTestId('field-note').fill('=已清理完毕');
    await page
      .getByTestId('field-photo-input')
      .setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('field-thumbs').locator('img').waitFor();
    await screenshot(page, 'records-form');
    await page.getByTestId('field-save').click();
    await expect.poll(() => page.getByTestId('field-saved').textContent()).toContain('122.1012');

    // A new problem on a compound, picked on the map (the selection in the link).
    await context.setOffline(false);
    await page.goto(`${server.url}?sel=compound:${encodeURIComponent(compound)}`);
    await waitForMapReady(page);
    await context.setOffline(true);
    const actions = page.getByTestId('details-panel').getByTestId('field-actions');
    await actions.getByTestId('field-verdict-newIssue').click();
    expect(await actions.getByTestId('field-inspector').inputValue()).toBe('张三');
    await actions.getByTestId('field-task-force').selectOption('TF1');
    await actions.getByTestId('field-category').selectOption('TF1-01');
    await actions.getByTestId('field-note').fill('外墙瓷砖脱落');
    await actions.getByTestId('field-save').click();
    await actions.getByTestId('field-saved').waitFor();
    expect(await page.getByTestId('field-queue-count').textContent()).toContain('2');

    // Reload: offline when a service worker serves the page, else online; the queue is in IndexedDB either way.
    let reloadedOffline = true;
    try {
      await page.reload({ timeout: 15000 });
      await waitForMapReady(page, 30000);
    } catch {
      reloadedOffline = false;
      await context.setOffline(false);
      await page.reload();
      await waitForMapReady(page);
    }
    console.log(
      `records.e2e: reloaded ${reloadedOffline ? 'offline (service worker)' : 'online (no service worker yet)'}`,
    );
    await expect.poll(() => page.getByTestId('field-queue-count').textContent()).toContain('2');
    expect(await page.getByTestId('field-item').count()).toBe(2);
    await screenshot(page, 'records-queue');

    const download = page.waitForEvent('download');
    await page.getByTestId('field-export-2019-09-13').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('巡查记录_张三_2019-09-13.zip');
    const zipPath = path.join(work, file.suggestedFilename());
    await file.saveAs(zipPath);
    await context.close();

    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files[RECORDS_CSV]);
    expect(csv.startsWith('\uFEFF记录编号,记录类型,问题编号')).toBe(true);
    expect(csv).toContain(`'=已清理完毕`);
    const photos = Object.keys(files).filter((n) => n.endsWith('.jpg'));
    expect(photos).toHaveLength(1);
    expect(jpegSize(files[photos[0]])).toEqual({ width: 1600, height: 1200 });
    // Re-encoded on a canvas: the camera's EXIF (with its GPS position) is gone. (Chromium may write its own
    // colour-profile segment; the refresh drops every metadata segment anyway, checked below.)
    expect(Buffer.from(files[photos[0]]).includes(Buffer.from('Exif'))).toBe(false);
    expect(Buffer.from(files[photos[0]]).includes(Buffer.from(exifGpsSegment()))).toBe(false);
    const newIssueId = /(R\d{8}-[0-9a-f]{8}),新问题/.exec(csv)![1];
    const newId = newDefectId(newIssueId);

    // The office: the zip into returns/ of a copy of the data folder, then the refresh into the served data.
    const data = path.join(work, 'data');
    cpSync(path.resolve('data'), data, { recursive: true });
    mkdirSync(path.join(data, 'returns'));
    cpSync(zipPath, path.join(data, 'returns', file.suggestedFilename()));
    const refresh = () =>
      spawnSync(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'scripts/refresh.ts', '--data', data, '--out', path.join(site, 'data')],
        { encoding: 'utf8' },
      );
    const first = refresh();
    expect(first.status, first.stderr + first.stdout).toBe(0);
    const details = served<DefectDetails>('defect-details.json');
    const after = readDefects(path.join(site, 'data'));
    expect(after.count).toBe(defects.count + 1);
    // The same file again (a second copy in returns/) changes nothing.
    cpSync(zipPath, path.join(data, 'returns', 'copy-again.zip'));
    const second = refresh();
    expect(second.status, second.stderr + second.stdout).toBe(0);
    expect(served<DefectDetails>('defect-details.json')).toEqual(details);
    expect(readDefects(path.join(site, 'data'))).toEqual(after);

    const step = details[defectId].history.find((h) => h.field);
    expect(details[defectId].history).toHaveLength(historyBefore + 1);
    expect(step).toMatchObject({ to: 'awaiting_recheck', field: { by: '张三', verdict: 'rectified', accuracyM: 8 } });
    const publishedPhoto = new Uint8Array(readFileSync(path.join(site, 'data', step!.field!.photos[0])));
    expect(hasJpegMetadata(publishedPhoto)).toBe(false);

    const office = await newContext();
    await office.page.goto(`${server.url}?sel=defect:${encodeURIComponent(defectId)}`);
    await waitForMapReady(office.page);
    const fieldStep = office.page.getByTestId('details-field-step');
    await fieldStep.waitFor();
    expect(await fieldStep.textContent()).toContain('张三 现场记录：已整改');
    expect(await fieldStep.textContent()).toContain('122.1012');
    const href = await fieldStep.getByTestId('details-field-photo').getAttribute('href');
    const photoResponse = await office.page.request.get(href!);
    expect(photoResponse.status()).toBe(200);
    expect(hasJpegMetadata(new Uint8Array(await photoResponse.body()))).toBe(false);
    expect((await office.page.getByTestId('details-state').textContent())?.trim()).toBe('待复核');
    await screenshot(office.page, 'records-history');

    // The new defect, where the phone was, drawn as a single marker at street zoom.
    const newRow = after.id.indexOf(newId);
    expect(newRow).toBeGreaterThanOrEqual(0);
    await office.page.goto(
      // "Today" the day of the record: the sample's own as-of date is the day before, when it was not yet found.
      `${server.url}?z=19&c=${HERE.longitude},${HERE.latitude}&today=2019-09-13&sel=defect:${encodeURIComponent(newId)}`,
    );
    await waitForMapReady(office.page);
    expect(await office.page.getByTestId('details-defect-id').textContent()).toBe(newId);
    expect((await office.page.getByTestId('details-state').textContent())?.trim()).toBe('上报');
    expect((await office.page.getByTestId('defect-count').textContent())?.replace(/[^\d]/g, '')).toBe(
      String(defects.count + 1),
    );
    await expect
      .poll(() =>
        office.page.evaluate((index) => {
          const map = (window as unknown as { __map: import('maplibre-gl').Map }).__map;
          return map
            .queryRenderedFeatures()
            .some((f) => f.properties?.cluster === false && f.properties?.index === index);
        }, newRow),
      )
      .toBe(true);
    await screenshot(office.page, 'records-new-defect');
    await office.context.close();
    // Two refreshes of the sample data on a shared machine: minutes, not seconds.
  }, 420_000);
});

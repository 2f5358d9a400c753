/**
 * Shared setup for the field-mode journeys (field.e2e, phone-journey.e2e): a phone or tablet context with the
 * location granted at a set position, what the screen gives the map, controls under 44 px, a camera-like JPEG,
 * and the office's refresh run on a copy of the data.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { exifGpsSegment } from '../../src/field/__fixtures__/exif';
import { ARTIFACTS, waitForMapReady } from './browser';

/** A 390×844 phone: touch, device scale 3, as the issue asks. */
export const PHONE = { width: 390, height: 844 } as const;
/** A 768×1024 tablet (no touch emulation needed for its layout). */
export const TABLET = { width: 768, height: 1024 } as const;

export interface DeviceOptions {
  width: number;
  height: number;
  phone: boolean;
  /** Where the device says it is (WGS-84), location permission granted. */
  here: { longitude: number; latitude: number; accuracy: number };
  /** Freeze the page's clock at this instant (records made "today" fall in the campaign's dates). */
  now?: string;
}

export async function openDevice(
  browser: Browser,
  url: string,
  opts: DeviceOptions,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: opts.width, height: opts.height },
    ...(opts.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 3 } : {}),
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    geolocation: opts.here,
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  // Several people share this machine's two cores: actions may wait long for the page to settle.
  page.setDefaultTimeout(90_000);
  if (opts.now) await page.clock.setFixedTime(new Date(opts.now));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await waitForMapReady(page);
  return { context, page, errors };
}

/**
 * A screenshot at CSS pixels (a 3× phone shot is 9× the pixels for SwiftShader to read back on a shared machine),
 * with time to take it; `device` keeps the device's own scale.
 */
export async function shot(page: Page, name: string, device = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, scale: device ? 'device' : 'css', timeout: 120_000 });
  return file;
}

/** The map canvas's share of the viewport, and whether the page scrolls sideways. */
export async function measure(page: Page) {
  return page.evaluate(() => {
    const r = document.querySelector('.maplibregl-canvas')!.getBoundingClientRect();
    const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
    const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
    return {
      mapShare: (w * h) / (innerWidth * innerHeight),
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth,
    };
  });
}

/** Visible controls smaller than 44 px in either direction, with a short description of each. */
export async function smallControls(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const all = document.querySelectorAll<HTMLElement>(
      'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=tab], [role=button]',
    );
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || el.closest('[hidden]')) continue;
      if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      // A control inside a 44 px label hit area counts as that area (checkbox rows).
      const hit = el.closest('label')?.getBoundingClientRect() ?? r;
      const w = Math.max(r.width, hit.width);
      const h = Math.max(r.height, hit.height);
      if (w < 44 || h < 44)
        out.push(
          `${el.tagName.toLowerCase()}${el.dataset.testid ? `#${el.dataset.testid}` : ''} ${Math.round(w)}×${Math.round(h)}`,
        );
    }
    return out;
  });
}

/**
 * Elements whose text is cut off: their content is wider than their box while they hide the overflow (ellipsis
 * or clipping), or text that runs past the right edge of the screen.
 */
export async function clippedText(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('[hidden], .maplibregl-map')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own) continue;
      const style = getComputedStyle(el);
      const hides = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if ((hides && el.scrollWidth > el.clientWidth + 1) || r.right > innerWidth + 1)
        out.push(
          `${el.tagName.toLowerCase()}${el.dataset.testid ? `#${el.dataset.testid}` : ''} "${el.textContent!.trim().slice(0, 30)}"`,
        );
    }
    return out;
  });
}

/** A 3200×2400 JPEG from the browser's encoder with an EXIF APP1 (a GPS position) put in after SOI, as a camera. */
export async function cameraPhoto(page: Page): Promise<Buffer> {
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
export function jpegSize(bytes: Uint8Array): { width: number; height: number } {
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

/** The office's refresh (`npm run refresh`) of the data folder `data` into the served data folder `out`. */
export function runRefresh(data: string, out: string): SpawnSyncReturns<string> {
  return spawnSync(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'scripts/refresh.ts', '--data', data, '--out', out],
    { encoding: 'utf8' },
  );
}

/** "123 米" / "1.2 公里" as the near-me list shows it, in metres. */
export function metresOf(text: string): number {
  const m = /([\d.]+)\s*(米|公里)/.exec(text);
  if (!m) throw new Error(`not a distance: ${text}`);
  return Number(m[1]) * (m[2] === '公里' ? 1000 : 1);
}

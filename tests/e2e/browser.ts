import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const ARTIFACTS = path.resolve('tests/e2e/artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian Chromium, headless, in Chinese (zh-CN browser locale), no network beyond loopback, WebGL through
 * SwiftShader; `extraArgs` are appended.
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      // The browser's own locale, which date inputs follow (yyyy/mm/dd, not the en-US mm/dd/yyyy), as in the
      // office. On Linux Chromium takes it from LANGUAGE (below) and --lang is ignored; either needs the zh-CN
      // locale pack (Debian: chromium-l10n), without which Chromium falls back to en-US.
      '--lang=zh-CN',
      ...extraArgs,
    ],
    env: { ...process.env, LANGUAGE: 'zh_CN' },
  });
}

export interface OpenOptions {
  width?: number;
  height?: number;
  /** Query string (without '?') appended to the app URL. */
  query?: string;
  /** Runs before navigation, e.g. to install request routes. */
  before?: (page: Page) => Promise<unknown>;
  /** What "opened" means; default: the map has drawn the data and the zones (window.__mapReady). */
  ready?: (page: Page) => Promise<unknown>;
  /** App URL path under baseUrl, e.g. `zonemap/`. */
  path?: string;
}

/** Opens the app and waits until the map has drawn the data and the zones (the app sets window.__mapReady). */
export async function openApp(browser: Browser, baseUrl: string, opts: OpenOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  if (opts.before) await opts.before(page);
  await page.goto(baseUrl + (opts.path ?? '') + (opts.query ? `?${opts.query}` : ''));
  await (opts.ready ?? waitForMapReady)(page);
  return { page, context, consoleErrors };
}

/** Waits until the map has drawn the data and the zones of the latest engine result. */
export async function waitForMapReady(page: Page, timeout = 90000): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __mapReady?: boolean }).__mapReady === true, undefined, {
    timeout,
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

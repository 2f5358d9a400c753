/**
 * Renders public/icons/icon.svg to the PNG icons the web app manifest lists (192 px, 512 px, and a 512 px maskable
 * one with the drawing inside the central 80 % safe zone), with the headless Chromium the browser tests use. Run
 * once after changing the SVG (`npx tsx scripts/make-icons.ts`) and commit the PNGs; the build does not run it.
 */
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve('public/icons');
const BACKGROUND = '#1d4ed8';

const svg = readFileSync(path.join(DIR, 'icon.svg'), 'utf8');
const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const ICONS = [
  { file: 'icon-192.png', size: 192, inset: 0 },
  { file: 'icon-512.png', size: 512, inset: 0 },
  // Maskable: launchers crop to any shape inside the central circle of 80 % diameter.
  { file: 'maskable-512.png', size: 512, inset: 0.1 },
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  for (const { file, size, inset } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const pad = Math.round(size * inset);
    await page.setContent(
      `<body style="margin:0;background:${BACKGROUND}"><img src="${dataUrl}" style="display:block;margin:${pad}px;width:${size - 2 * pad}px;height:${size - 2 * pad}px"></body>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: path.join(DIR, file), omitBackground: false });
    await page.close();
    console.log(`wrote ${path.join('public/icons', file)} (${size}×${size})`);
  }
} finally {
  await browser.close();
}

/**
 * The first load of a built site: the JavaScript and CSS a browser fetches before the app can draw, gzipped as a
 * server sends them. Read from the built index.html (Vite writes the entry script, a `modulepreload` link for each
 * chunk the entry imports statically, and the stylesheets there), so what is loaded on first use through a dynamic
 * `import()` (exports, XLSX, QR codes, the report views, the big screen) is not counted. The Web Workers the app
 * starts at once (the zone engine, the defects worker, MapLibre's own worker) run off the main thread and are
 * listed apart: MapLibre's worker alone is ~147 KB gzipped, which any page with a MapLibre map loads.
 *
 * `npm run build` prints it (the `first-load` plugin in vite.config.ts) and tests/e2e/bundle-size.e2e.test.ts fails
 * when the first load is over FIRST_LOAD_BUDGET_BYTES.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Issue #14: first-load JS + CSS at most 450 KB gzipped. */
export const FIRST_LOAD_BUDGET_BYTES = 450 * 1024;

export interface LoadedFile {
  /** Path inside the build folder, e.g. `assets/index-CFNl_F4Y.js`. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface FirstLoad {
  /** Entry script, its statically imported chunks and the stylesheets, in index.html order. */
  files: LoadedFile[];
  gzipBytes: number;
  /** Worker scripts in assets/ (started at load, off the main thread). */
  workers: LoadedFile[];
  workersGzipBytes: number;
}

/** Measures the first load of the build in `distDir`; throws when index.html names a file that is not there. */
export function firstLoad(distDir: string): FirstLoad {
  const html = readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script') && /\btype="module"/.test(tag);
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if (!url || /^(data:|https?:)/.test(url)) continue;
    if (isScript || rel === 'modulepreload' || rel === 'stylesheet') refs.add(url);
  }
  const base = basePathOf(html);
  const files = [...refs].map((url) => measure(distDir, url.startsWith(base) ? url.slice(base.length) : url));
  const assets = path.join(distDir, 'assets');
  const workers = readdirSync(assets)
    .filter((f) => /worker.*\.m?js$/.test(f))
    .sort()
    .map((f) => measure(distDir, `assets/${f}`));
  const sum = (xs: LoadedFile[]) => xs.reduce((s, f) => s + f.gzipBytes, 0);
  return { files, gzipBytes: sum(files), workers, workersGzipBytes: sum(workers) };
}

/** A table for the build's log. */
export function formatFirstLoad(load: FirstLoad, budgetBytes = FIRST_LOAD_BUDGET_BYTES): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const line = (f: LoadedFile) => `  ${kb(f.gzipBytes).padStart(10)} gz ${kb(f.bytes).padStart(10)}  ${f.file}`;
  const verdict = load.gzipBytes <= budgetBytes ? 'within' : 'OVER';
  return [
    `first load (JS + CSS, gzipped): ${kb(load.gzipBytes)}, ${verdict} the budget of ${kb(budgetBytes)}`,
    ...load.files.map(line),
    `workers started at load (off the main thread, not in the budget): ${kb(load.workersGzipBytes)}`,
    ...load.workers.map(line),
  ].join('\n');
}

function measure(distDir: string, file: string): LoadedFile {
  const clean = file.replace(/^\/+/, '').split(/[?#]/)[0];
  const bytes = readFileSync(path.join(distDir, clean));
  return { file: clean, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

/** The base path the build was made for (`/` or `/zonemap/`), from the entry script's URL. */
function basePathOf(html: string): string {
  const src = /<script\b[^>]*\bsrc="([^"]+)"/.exec(html)?.[1] ?? '/assets/';
  const at = src.indexOf('assets/');
  return at >= 0 ? src.slice(0, at) : '/';
}

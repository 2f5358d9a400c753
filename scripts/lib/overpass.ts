/**
 * Fetches the district's streets from an Overpass endpoint and caches the raw answer, so later refreshes work
 * offline. The cache is replaced only by an answer that passed the checks: a timeout, a rate limit, an HTTP
 * error or a malformed answer leaves the previous cache as it was.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BBox } from '../../src/campaign/types';
import { overpassAnswerProblem, overpassQuery } from '../../src/ingest/osm';

export const DEFAULT_OVERPASS_URL = 'https://overpass-api.de/api/interpreter';
/** How long to wait for Overpass before giving up; the query itself asks the server for 90 s. */
export const DEFAULT_OVERPASS_TIMEOUT_MS = 120_000;

export type OverpassResult = { ok: true; bytes: number; elements: number } | { ok: false; message: string };

/**
 * Queries `url` for the highways in `bbox` and writes the answer to `cachePath` (temp file, fsync, rename).
 *
 * @example await updateOverpassCache({ url: DEFAULT_OVERPASS_URL, bbox, cachePath: 'data/osm/streets.overpass.json' })
 */
export async function updateOverpassCache(options: {
  url: string;
  bbox: BBox;
  cachePath: string;
  timeoutMs?: number;
}): Promise<OverpassResult> {
  const { url, bbox, cachePath, timeoutMs = DEFAULT_OVERPASS_TIMEOUT_MS } = options;
  const kept = `; the cache ${cachePath} is unchanged`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ data: overpassQuery(bbox) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const err = e as Error & { cause?: Error };
    if (err.name === 'TimeoutError')
      return { ok: false, message: `Overpass did not answer within ${timeoutMs / 1000} s (${url})${kept}` };
    return { ok: false, message: `could not reach Overpass at ${url}: ${err.cause?.message ?? err.message}${kept}` };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (e) {
    const err = e as Error;
    if (err.name === 'TimeoutError')
      return { ok: false, message: `Overpass did not finish its answer within ${timeoutMs / 1000} s (${url})${kept}` };
    return { ok: false, message: `Overpass answer broke off: ${err.message}${kept}` };
  }
  if (response.status === 429) {
    return {
      ok: false,
      message: `Overpass is rate-limiting this machine (HTTP 429 Too Many Requests): wait a few minutes or use another endpoint with --overpass-url${kept}`,
    };
  }
  if (!response.ok)
    return { ok: false, message: `Overpass answered HTTP ${response.status} ${response.statusText} (${url})${kept}` };
  const problem = overpassAnswerProblem(text);
  if (problem) return { ok: false, message: `Overpass answer unusable: ${problem}${kept}` };
  writeFileAtomic(cachePath, text);
  return {
    ok: true,
    bytes: Buffer.byteLength(text),
    elements: (JSON.parse(text) as { elements: unknown[] }).elements.length,
  };
}

function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

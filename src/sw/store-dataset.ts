/**
 * Storing a data set for offline use (the service worker's `store-dataset` message, src/sw/sw.ts), apart from the
 * worker's globals so it runs under test with any Cache and fetch: every file the manifest lists is fetched,
 * checked against its sha256 and stored under its hashed key; the manifest is stored last, and only when every
 * file of it is stored, so the stored copy is always one complete data set; then the older hashed copies of that
 * folder go. Without a network, it reports what is stored.
 */
import { sha256HexAsync } from '../dataset/hash';
import { checkDetailsIndex, type DetailsIndex } from '../dataset/details';
import {
  datasetFiles,
  hashInUrl,
  hashedKey,
  isDatasetManifest,
  manifestUrl,
  type StoreReport,
} from '../dataset/offline';
import { MANIFEST_PATH } from '../dataset/paths';
import type { Manifest } from '../dataset/types';

export interface StoreOptions {
  fetch: typeof fetch;
  /** The site's origin: extra files elsewhere are skipped. */
  origin: string;
  /** Files fetched at once. */
  parallel?: number;
}

/** See the module comment; the report counts every file the data set and the extras need. */
export async function storeDataset(
  cache: Cache,
  folder: string,
  extra: readonly string[],
  { fetch: fetchFn, origin, parallel = 4 }: StoreOptions,
): Promise<StoreReport> {
  let manifestText: string | null = null;
  let manifest: Manifest | null = null;
  try {
    const response = await fetchFn(manifestUrl(folder), { cache: 'no-cache' });
    if (response.ok) {
      const text = await response.text();
      const value: unknown = JSON.parse(text);
      if (isDatasetManifest(value)) [manifestText, manifest] = [text, value];
    }
  } catch {
    // No network (or no usable manifest): report what is stored.
  }
  const current = manifest ?? (await storedManifest(cache, folder));
  if (!current) throw new Error(`${MANIFEST_PATH} could not be fetched and no copy is stored`);

  const report: StoreReport = {
    files: 0,
    bytes: 0,
    fetchedFiles: 0,
    fetchedBytes: 0,
    failed: [],
    generatedAt: current.generatedAt,
  };
  const failedData: string[] = [];
  const keep = async (key: string, url: string, name: string, sha256: string | null, bytes: number | null) => {
    const hit = await cache.match(key);
    if (hit) {
      // Measured before adding: `report.bytes += await …` would read the total before the await and lose what
      // the jobs running beside this one added meanwhile.
      const size = bytes ?? (await hit.arrayBuffer()).byteLength;
      report.files++;
      report.bytes += size;
      return;
    }
    try {
      const response = await fetchFn(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      let size: number;
      if (sha256 !== null) size = await putVerified(cache, key, response, sha256);
      else {
        size = (await response.clone().arrayBuffer()).byteLength;
        await cache.put(key, response);
      }
      report.files++;
      report.bytes += size;
      report.fetchedFiles++;
      report.fetchedBytes += size;
    } catch (e) {
      report.failed.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      if (sha256 !== null) failedData.push(name);
    }
  };
  const jobs = datasetFiles(folder, current).map(
    ({ url, key, entry }) =>
      () =>
        keep(key, url, entry.path, entry.sha256, entry.bytes),
  );
  for (const url of extra) {
    if (new URL(url).origin !== origin) continue;
    // A details chunk is asked for with its hash (`?sha256=`): stored checked, under the key the page's fetch hits.
    const sha256 = hashInUrl(url);
    const name = url.slice(origin.length).replace(/\?.*$/, '');
    jobs.push(() => keep(sha256 ? hashedKey(url, sha256) : url, url, name, sha256, null));
  }
  await runLimited(jobs, parallel);

  if (manifestText !== null && manifest !== null && failedData.length === 0) {
    await cache.put(
      manifestUrl(folder),
      new Response(manifestText, { headers: { 'content-type': 'application/json' } }),
    );
    await pruneFolder(cache, folder, manifest);
  }
  const storedText = manifestText ?? (await (await cache.match(manifestUrl(folder)))?.text()) ?? '';
  report.files++;
  report.bytes += new TextEncoder().encode(storedText).length;
  return report;
}

/** The data-set manifest stored for `folder`, or null. */
export async function storedManifest(cache: Cache, folder: string): Promise<Manifest | null> {
  const stored = await cache.match(manifestUrl(folder));
  if (!stored) return null;
  const value: unknown = await stored.json().catch(() => null);
  return isDatasetManifest(value) ? value : null;
}

/** Stores `response` under `key` if its bytes hash to `sha256` (else throws); returns its size in bytes. */
export async function putVerified(cache: Cache, key: string, response: Response, sha256: string): Promise<number> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  if ((await sha256HexAsync(bytes)) !== sha256) throw new Error('does not match manifest.json');
  const type = response.headers.get('content-type');
  await cache.put(key, new Response(bytes, { headers: type ? { 'content-type': type } : {} }));
  return bytes.length;
}

/**
 * Drops the hashed copies directly in `folder` that `manifest` no longer lists (earlier data sets), keeping the
 * details chunks its details index lists.
 */
async function pruneFolder(cache: Cache, folder: string, manifest: Manifest): Promise<void> {
  const wanted = new Set(datasetFiles(folder, manifest).map((f) => f.key));
  for (const key of await chunkKeys(cache, folder, manifest)) wanted.add(key);
  const prefix = `${folder}/`;
  for (const request of await cache.keys()) {
    const url = request.url;
    if (!url.startsWith(prefix) || !url.includes('?sha256=')) continue;
    if (url.slice(prefix.length).includes('/')) continue;
    if (!wanted.has(url)) await cache.delete(request);
  }
}

/** The cache keys of the chunks the stored details index of `manifest` lists (none when it is not stored). */
async function chunkKeys(cache: Cache, folder: string, manifest: Manifest): Promise<string[]> {
  const entry = manifest.files.defectDetails;
  if (!entry) return [];
  const stored = await cache.match(hashedKey(`${folder}/${entry.path}`, entry.sha256));
  const index: unknown = await stored?.json().catch(() => null);
  if (checkDetailsIndex(index) !== null) return [];
  return (index as DetailsIndex).chunks.map((c) => hashedKey(`${folder}/${c.path}`, c.sha256));
}

async function runLimited(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

/**
 * The offline copy of a data set, as the service worker (src/sw) and the page agree on it. Data files keep their
 * names from one refresh to the next, so the cache is keyed by content: a file is stored under its URL plus the
 * sha256 its manifest gives (`defects.json?sha256=…`), and a new data set never overwrites the copy that the last
 * complete one needs. A data set's manifest is stored (under its own URL) only once every file it lists is stored,
 * so an offline reload always finds a complete set: the manifest's files, each under its hash.
 */
import type { Manifest, ManifestFile } from './types';
import { MANIFEST_PATH } from './paths';

/** The Cache Storage cache holding data files, data-set manifests, the site's index files and photos. */
export const DATA_CACHE = 'zonemap-data-v1';

/**
 * Response header the service worker adds to what it answers from its cache because the network failed; its value
 * is `1`. The page's offline badge reads it (navigator.onLine alone says nothing about a dead server or a captive
 * portal).
 */
export const OFFLINE_HEADER = 'x-zonemap-offline';

/** Messages from the page to the service worker, and the answer (sent back on the message's port). */
export type OfflineRequest = {
  type: 'store-dataset';
  /** Absolute URL of the data set's folder, without a trailing slash (`https://host/zonemap/data/330902`). */
  folder: string;
  /** Further same-origin files to keep (photos of a zone's defects, the site's districts.json). */
  extra: string[];
};

export interface StoreReport {
  /** Every file the trip needs (the data set's files, its manifest, the extras) and their size in bytes. */
  files: number;
  bytes: number;
  /** Of those, the ones fetched now (the rest were stored already). */
  fetchedFiles: number;
  fetchedBytes: number;
  /** Files that could not be fetched or did not match their manifest hash: nothing of the new set replaced the old. */
  failed: string[];
  /** The data set's generatedAt, as stored. */
  generatedAt: string | null;
}

export type OfflineReply = { ok: true; report: StoreReport } | { ok: false; message: string };

/** `https://h/data/defects.json` + sha256 → `https://h/data/defects.json?sha256=<hash>` (any query dropped). */
export function hashedKey(url: string, sha256: string): string {
  return `${url.replace(/[?#].*$/, '')}?sha256=${sha256}`;
}

/**
 * The content hash a URL names in its `sha256` query (how the app asks for a details chunk, which the manifest does
 * not list: src/dataset/details.ts), or null.
 */
export function hashInUrl(url: string): string | null {
  const match = /[?&]sha256=([0-9a-f]{64})(?:[&#]|$)/.exec(url);
  return match ? match[1] : null;
}

/** The folder and file name of a data URL: `https://h/data/330902/defects.json?x` → [`https://h/data/330902`, `defects.json`]. */
export function splitDataUrl(url: string): { folder: string; file: string } {
  const bare = url.replace(/[?#].*$/, '');
  const slash = bare.lastIndexOf('/');
  return { folder: bare.slice(0, slash), file: bare.slice(slash + 1) };
}

/** The manifest's URL in a data-set folder. */
export function manifestUrl(folder: string): string {
  return `${folder}/${MANIFEST_PATH}`;
}

/** A data set's manifest (it lists files), as opposed to the site's pointer to districts.json or anything else. */
export function isDatasetManifest(value: unknown): value is Manifest {
  if (typeof value !== 'object' || value === null) return false;
  const files = (value as { files?: unknown }).files;
  return typeof files === 'object' && files !== null && typeof (value as Manifest).generatedAt === 'string';
}

/** The manifest's entry for `file` (a file name in its folder), or undefined. */
export function manifestEntry(manifest: Manifest, file: string): ManifestFile | undefined {
  return Object.values(manifest.files).find((entry) => entry?.path === file);
}

/** Every file a data set lists, with its absolute URL and its cache key. */
export function datasetFiles(folder: string, manifest: Manifest): { url: string; key: string; entry: ManifestFile }[] {
  return Object.values(manifest.files)
    .filter((entry): entry is ManifestFile => entry !== undefined)
    .map((entry) => {
      const url = `${folder}/${entry.path}`;
      return { url, key: hashedKey(url, entry.sha256), entry };
    });
}

/**
 * The photos among `addresses` that can be kept for offline use: relative ones (resolved against the data set's
 * folder) and absolute ones on the site's own origin. Photos on other hosts are left out: the site's Content
 * Security Policy does not let the app fetch them, and their hosts did not agree to be copied.
 *
 * @example
 * offlinePhotoUrls(['photos/D1-1.jpg', 'https://other.example/x.jpg'], 'https://h/data')
 * // ['https://h/data/photos/D1-1.jpg']
 */
export function offlinePhotoUrls(addresses: readonly string[], folder: string): string[] {
  const origin = new URL(folder).origin;
  const urls = new Set<string>();
  for (const address of addresses) {
    let url: URL;
    try {
      url = new URL(address, `${folder}/`);
    } catch {
      continue;
    }
    if (url.origin === origin && (url.protocol === 'https:' || url.protocol === 'http:')) urls.add(url.href);
  }
  return [...urls];
}

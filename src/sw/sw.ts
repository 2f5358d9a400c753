/**
 * The service worker (built by vite-plugin-pwa's injectManifest into sw.js at the site's base path).
 *
 * - The app shell (index.html, the hashed bundles, the workers, the icons) is precached by Workbox at install and
 *   served from the cache; a new build installs beside it and waits until the page says to take over (the app's
 *   update prompt), so a page never runs half of one version and half of another. IndexedDB is not touched.
 * - Data (`data/**`): manifests and districts.json go to the network first, and fall back to the stored copy when
 *   the network fails or takes longer than NETWORK_TIMEOUT_MS. Every other data file is answered from the cache
 *   when the copy for its current hash is stored (keys in src/dataset/offline.ts), else from the network, falling
 *   back to the stored copy offline. A response served from the cache because the network failed carries
 *   OFFLINE_HEADER, which the page's offline badge reads.
 * - The page asks (message `store-dataset`) to store a whole data set plus extra files (a trip's photos): each
 *   file is fetched, checked against its manifest hash and stored; the manifest is stored last, only when every
 *   file is, so the stored copy is always one complete data set. Older hashed copies in that folder are then
 *   dropped.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { DISTRICTS_PATH } from '../dataset/districts';
import {
  DATA_CACHE,
  OFFLINE_HEADER,
  hashInUrl,
  hashedKey,
  isDatasetManifest,
  manifestEntry,
  splitDataUrl,
  type OfflineReply,
  type OfflineRequest,
} from '../dataset/offline';
import { MANIFEST_PATH } from '../dataset/paths';
import type { Manifest } from '../dataset/types';
import { putVerified, storeDataset, storedManifest } from './store-dataset';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

/** How long a manifest may take before the stored one answers (weak signal on the islands). */
const NETWORK_TIMEOUT_MS = 4000;
const DATA_ROOT = new URL('data/', self.registration.scope).href;

/**
 * The data-set manifest each folder last answered with (from the network, or the stored one when offline): the
 * files the page asks for next are the ones it lists.
 */
const answered = new Map<string, Manifest>();

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/\/data\//] }));

self.addEventListener('activate', (event) => {
  // Only caches of an older key scheme go; the data cache and IndexedDB stay across updates.
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith('zonemap-data-') && n !== DATA_CACHE).map((n) => caches.delete(n)),
        ),
      ),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(DATA_ROOT)) return;
  const { folder, file } = splitDataUrl(request.url);
  event.respondWith(
    file === MANIFEST_PATH || file === DISTRICTS_PATH ? indexResponse(event, folder, file) : fileResponse(event),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data as OfflineRequest | { type: 'SKIP_WAITING' } | null;
  if (data?.type === 'SKIP_WAITING') {
    void self.skipWaiting();
    return;
  }
  if (data?.type !== 'store-dataset') return;
  const port = event.ports[0];
  const reply = (message: OfflineReply) => port?.postMessage(message);
  event.waitUntil(
    store(data.folder, data.extra).then(
      (report) => reply({ ok: true, report }),
      (e: unknown) => reply({ ok: false, message: e instanceof Error ? e.message : String(e) }),
    ),
  );
});

/** A manifest or districts.json: network first; the stored copy when the network fails or is slow. */
async function indexResponse(event: FetchEvent, folder: string, file: string): Promise<Response> {
  const cache = await caches.open(DATA_CACHE);
  const key = `${folder}/${file}`;
  const fromCache = async () => {
    const stored = await cache.match(key);
    if (stored && file === MANIFEST_PATH) {
      const value: unknown = await stored
        .clone()
        .json()
        .catch(() => null);
      if (isDatasetManifest(value)) answered.set(folder, value);
    }
    return stored;
  };
  const response = await networkOr(event.request, fromCache, NETWORK_TIMEOUT_MS);
  if (response.ok && !response.headers.has(OFFLINE_HEADER)) {
    const value: unknown = await response
      .clone()
      .json()
      .catch(() => null);
    // A data set's manifest is stored only with its files (storeDataset); the site's small index files as they come.
    if (isDatasetManifest(value)) answered.set(folder, value);
    else if (value !== null) event.waitUntil(cache.put(key, response.clone()));
  }
  return response;
}

/** A data file (or a photo): the stored copy of its current hash, else the network, else any stored copy. */
async function fileResponse(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const cache = await caches.open(DATA_CACHE);
  const { folder, file } = splitDataUrl(request.url);
  const manifest = answered.get(folder) ?? (await storedManifest(cache, folder));
  // A file the manifest lists, or one the page asks for by its hash (a details chunk, listed in the details index).
  const inUrl = hashInUrl(request.url);
  const entry = (manifest ? manifestEntry(manifest, file) : undefined) ?? (inUrl ? { sha256: inUrl } : undefined);
  if (entry) {
    const hit = await cache.match(hashedKey(request.url, entry.sha256));
    if (hit) return hit;
  }
  const fromCache = async () => {
    const stored = await storedManifest(cache, folder);
    const storedEntry = stored ? manifestEntry(stored, file) : undefined;
    return (
      (storedEntry && (await cache.match(hashedKey(request.url, storedEntry.sha256)))) ||
      (await cache.match(request.url, { ignoreSearch: true }))
    );
  };
  const response = await networkOr(request, fromCache, null);
  if (entry && response.ok && !response.headers.has(OFFLINE_HEADER))
    // A response that does not match its hash still goes to the page (which names the file in its banner); it is
    // just not stored.
    event.waitUntil(
      putVerified(cache, hashedKey(request.url, entry.sha256), response.clone(), entry.sha256).catch(() => 0),
    );
  return response;
}

/**
 * The network's answer; the stored copy (marked with OFFLINE_HEADER) when the network fails, or when it has not
 * answered within `timeoutMs` and a copy is stored. Without a stored copy, the network's answer or error.
 */
async function networkOr(
  request: Request,
  fromCache: () => Promise<Response | undefined>,
  timeoutMs: number | null,
): Promise<Response> {
  const network = fetch(request);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow =
    timeoutMs === null
      ? null
      : new Promise<'slow'>((resolve) => {
          timer = setTimeout(() => resolve('slow'), timeoutMs);
        });
  try {
    const first = await (slow ? Promise.race([network, slow]) : network);
    if (first !== 'slow') return first;
  } catch {
    const stored = await fromCache();
    return stored ? markOffline(stored) : Response.error();
  } finally {
    clearTimeout(timer);
  }
  const stored = await fromCache();
  return stored ? markOffline(stored) : network;
}

function markOffline(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set(OFFLINE_HEADER, '1');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** storeDataset for a folder of this site; remembers the stored manifest as the one the folder answers with. */
async function store(folder: string, extra: string[]) {
  if (!`${folder}/`.startsWith(DATA_ROOT)) throw new Error(`not a data folder of this site: ${folder}`);
  const cache = await caches.open(DATA_CACHE);
  // Bound: the worker's fetch called as a plain function throws "Illegal invocation".
  const report = await storeDataset(cache, folder, extra, {
    fetch: (input, init) => fetch(input, init),
    origin: new URL(DATA_ROOT).origin,
  });
  const stored = await storedManifest(cache, folder);
  if (stored && stored.generatedAt === report.generatedAt) answered.set(folder, stored);
  return report;
}

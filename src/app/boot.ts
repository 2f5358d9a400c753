/**
 * The page's first script (index.html loads it before the app): starts the data set's fetches (prefetch.ts) so
 * they run while the app's code downloads and compiles. Tiny on purpose: it imports nothing of the app but the
 * list of files a load reads at once. A site of several districts (data/manifest.json points to
 * districts.json) is left to the app, which fetches as before.
 */
import { isFirstFile } from '@/dataset/file-groups';
import { prefetchDefectFiles, startEarlyWorkers } from './early-workers';
import { prefetch } from './prefetch';

const base = `${import.meta.env.BASE_URL}data`;

// Their code downloads and compiles while the app's does; the app adopts them (prestart.ts).
startEarlyWorkers();

// Taken twice: by resolveSite (is this one data set or several districts?) and by the loader.
void prefetch(`${base}/manifest.json`, 2)
  .then((response) => (response.ok ? response.clone().json() : null))
  .then((manifest: unknown) => {
    const files = (manifest as { files?: unknown } | null)?.files;
    if (!files || typeof files !== 'object') return;
    const entries = files as Record<string, { path?: unknown; sha256?: unknown } | undefined>;
    for (const [key, entry] of Object.entries(entries)) {
      if (typeof entry?.path === 'string' && isFirstFile(key, entry.path)) void prefetch(`${base}/${entry.path}`);
    }
    // The defect files go to the defects worker, as the loader will send them (same URLs, same hashes).
    const ref = (entry: { path?: unknown; sha256?: unknown } | undefined) =>
      typeof entry?.path === 'string' && typeof entry.sha256 === 'string'
        ? { url: new URL(`${base}/${entry.path}`, location.href).href, path: entry.path, sha256: entry.sha256 }
        : null;
    const bin = ref(entries.defects);
    if (bin && bin.path.endsWith('.bin')) prefetchDefectFiles({ bin, ids: ref(entries.defectIds) });
  })
  .catch(() => undefined);

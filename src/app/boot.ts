/**
 * The page's first script (index.html loads it before the app): starts the data set's fetches (prefetch.ts) so
 * they run while the app's code downloads and compiles. Tiny on purpose: it imports nothing of the app but the
 * list of files a load reads at once. A site of several districts (data/manifest.json points to
 * districts.json) is left to the app, which fetches as before.
 */
import { isFirstFile } from '@/dataset/file-groups';
import { prefetch } from './prefetch';

const base = `${import.meta.env.BASE_URL}data`;

// Taken twice: by resolveSite (is this one data set or several districts?) and by the loader.
void prefetch(`${base}/manifest.json`, 2)
  .then((response) => (response.ok ? response.clone().json() : null))
  .then((manifest: unknown) => {
    const files = (manifest as { files?: unknown } | null)?.files;
    if (!files || typeof files !== 'object') return;
    for (const [key, entry] of Object.entries(files as Record<string, { path?: unknown }>)) {
      if (typeof entry?.path === 'string' && isFirstFile(key, entry.path)) void prefetch(`${base}/${entry.path}`);
    }
  })
  .catch(() => undefined);

/**
 * Auto-refresh: polls manifest.json and, when the refresh has published a different data set (another
 * generation time or file hashes, see `manifestChanged`), loads it and swaps it into the store. Only the data
 * slice changes: filters, selection, what-if radii, view settings and the map camera stay as the user left them,
 * and the zone engine re-runs on the new data with the same settings. Used by every mode of the app (the desk
 * view and the big screen), so a wall display shows new data without anyone touching it.
 *
 * The interval comes from `?manifestPollMs=` in the URL, else `window.__manifestPollMs` (tests), else
 * DEFAULT_MANIFEST_POLL_MS; 0 turns polling off.
 */
import { useEffect } from 'react';
import { LazyIds, whenIds } from '@/dataset/lazy-ids';
import type { LoadedDataset } from '@/dataset/read';
import { manifestChanged } from '@/dataset/manifest-change';
import { MANIFEST_PATH } from '@/dataset/paths';
import { checkManifest } from '@/dataset/shape';
import { DATASET_SCHEMA_VERSION, type Manifest } from '@/dataset/types';
import { useAppStore } from '@/store/store';
import { updateInProgress } from './app-update';
import { currentDataUrl } from './site';
import { fetchDataset } from './use-data-pipeline';

declare global {
  interface Window {
    /** Manifest poll interval in ms for tests; the URL parameter `manifestPollMs` wins over it. */
    __manifestPollMs?: number;
  }
}

/** One small request a minute: cheap for the server (a 304 when unchanged), fresh enough for a wall display. */
export const DEFAULT_MANIFEST_POLL_MS = 60_000;
/** Never poll faster than this, whatever the URL says. */
const MIN_POLL_MS = 200;
/**
 * A new data set that loads with more file errors than the current one is most likely half-deployed (a CDN that
 * has the new manifest but an old file): keep the current data and try again. After this many polls in a row the
 * problem is real, and the new set is shown with its banner.
 */
const WORSE_LOADS_BEFORE_ACCEPT = 3;

/** The poll interval in ms from the URL or the window (see the module comment); 0 = off. */
export function manifestPollMs(search: string, fromWindow: number | undefined): number {
  const param = new URLSearchParams(search).get('manifestPollMs');
  const value = param !== null ? Number(param) : (fromWindow ?? DEFAULT_MANIFEST_POLL_MS);
  if (!Number.isFinite(value) || value < 0) return DEFAULT_MANIFEST_POLL_MS;
  return value === 0 ? 0 : Math.max(MIN_POLL_MS, value);
}

export function useManifestWatch(pollMs: number) {
  useEffect(() => startManifestWatch(pollMs), [pollMs]);
}

/**
 * Polls the manifest every `pollMs` (see the module comment) until the returned function is called; 0 or less does
 * nothing. A poll skips its turn while the previous one runs and while the app updates itself (app-update.ts).
 */
export function startManifestWatch(pollMs: number): () => void {
  if (pollMs <= 0) return () => undefined;
  let stopped = false;
  let busy = false;
  let worseLoads = 0;
  const tick = async () => {
    const current = useAppStore.getState().dataset;
    // Quiet while the app updates itself (app-update.ts).
    if (busy || !current || updateInProgress()) return;
    busy = true;
    try {
      const next = await fetchManifest();
      // An update that started meanwhile wants no more requests (app-update.ts).
      if (stopped || updateInProgress() || !next || !manifestChanged(current.manifest, next)) return;
      const dataset = await fetchDataset();
      // Stop if unmounted, updating, or if something else replaced the data set meanwhile.
      if (stopped || updateInProgress() || useAppStore.getState().dataset !== current) return;
      // The ids load on demand (lazy-ids.ts): a new data set's are asked for now, so a half-copied ids file counts
      // as the other files do; the current set's count includes its ids' error once it showed.
      if (
        loadErrors(dataset, await idsError(dataset)) > loadErrors(current, idsErrorNow(current)) &&
        ++worseLoads < WORSE_LOADS_BEFORE_ACCEPT
      )
        return;
      worseLoads = 0;
      useAppStore.getState().setDataset(dataset);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), pollMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** The server's manifest, or null when it cannot be read right now (offline, mid-deploy): try at the next poll. */
async function fetchManifest(): Promise<Manifest | null> {
  try {
    const response = await fetch(`${currentDataUrl()}/${MANIFEST_PATH}`, { cache: 'no-cache' });
    if (!response.ok) return null;
    const value: unknown = await response.json();
    return checkManifest(value, DATASET_SCHEMA_VERSION) === null ? (value as Manifest) : null;
  } catch {
    return null;
  }
}

function loadErrors(dataset: LoadedDataset, idsFailed: boolean): number {
  return dataset.errors.length + (idsFailed ? 1 : 0);
}

/** Loads the data set's ids (if they load on demand) and says whether they failed. */
async function idsError(dataset: LoadedDataset): Promise<boolean> {
  const ids = dataset.data.defects?.id;
  if (!ids) return false;
  return whenIds(ids).then(
    () => false,
    () => true,
  );
}

function idsErrorNow(dataset: LoadedDataset): boolean {
  const ids = dataset.data.defects?.id;
  return ids instanceof LazyIds && ids.error !== null;
}

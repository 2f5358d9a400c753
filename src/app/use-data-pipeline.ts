/**
 * Data flows one way: public/data → loadDataset → store → zone engine (in the worker) → store → map and panels.
 * This hook runs both steps: it loads the data set once, then re-runs the engine whenever the data, the what-if
 * radii or "today" change, dropping answers that a newer request has overtaken (`latestOnly`).
 */
import { useEffect, useMemo, useRef } from 'react';
import { loadDataset, loadDefectsHere, type DefectsLoader, type LoadedDataset } from '@/dataset/read';
import { useAppStore } from '@/store/store';
import { selectAsOfDate } from '@/store/selectors';
import type { EngineInput, EngineOptions } from '@/geo/types';
import { engineInput } from '@/geo/engine-input';
import { currentDataUrl } from './site';
import { latestOnly } from './latest-only';
import { currentDefectsClient, takeDataset, takeEngineClient } from './prestart';
import { fetchPrefetched } from './prefetch';

export function useDataPipeline() {
  const setDataset = useAppStore((s) => s.setDataset);
  useEffect(() => {
    let cancelled = false;
    // The map, the zones and the panels start on the first answer (everything but the defects); the full one follows.
    const onBase = (base: LoadedDataset) => {
      if (!cancelled && !useAppStore.getState().dataset) setDataset(base);
    };
    (takeDataset() ?? fetchDataset(onBase)).then((dataset) => {
      if (!cancelled) setDataset(dataset);
    });
    return () => {
      cancelled = true;
    };
  }, [setDataset]);

  const data = useAppStore((s) => s.dataset?.data);
  const input = useMemo(() => (data ? engineInput(data) : null), [data]);
  const radiusOverrides = useAppStore((s) => s.radiusOverrides);
  const asOfDate = useAppStore(selectAsOfDate);
  const run = useRef<ReturnType<typeof startEngineClient> | null>(null);

  useEffect(() => {
    const engine = startEngineClient();
    run.current = engine;
    return () => {
      run.current = null;
      engine.terminate();
    };
  }, []);

  useEffect(() => {
    if (!data || !run.current) return;
    const { startEngine, finishEngine, failEngine } = useAppStore.getState();
    if (!input || !asOfDate) {
      failEngine('campaign.json did not load');
      return;
    }
    startEngine();
    run.current.compute({ input, options: { radiusOverrides, asOfDate } }, finishEngine, failEngine);
  }, [data, input, radiusOverrides, asOfDate]);
}

/**
 * Loads the whole data set; never rejects (a failure becomes an error on manifest.json). `onBase` gets a first
 * answer without the defects (see loadDataset). Every request
 * revalidates with the server (`no-cache`: a 304 when unchanged), so a refreshed file is never taken from the
 * HTTP cache beside a new manifest.
 */
export function fetchDataset(onBase?: (base: LoadedDataset) => void): Promise<LoadedDataset> {
  // The first load takes what the page's first script fetched ahead (boot.ts); reloads fetch afresh.
  const fetchFn: typeof fetch = (input, init) => fetchPrefetched(input, { cache: 'no-cache', ...init });
  // The defects worker fetches, hashes and decodes the defect files and keeps the table; the page gets a copy.
  // Should that worker be gone (terminated by a remount), the files are loaded here instead.
  const loadDefects: DefectsLoader = (files) => {
    const client = currentDefectsClient();
    const here = () => loadDefectsHere(fetchFn, files);
    return client ? client.fetchDefects(files).catch(here) : here();
  };
  return loadDataset(currentDataUrl(), fetchFn, { onBase, loadDefects }).catch((e: unknown) => ({
    manifest: null,
    data: {},
    errors: [{ file: 'manifest.json', message: e instanceof Error ? e.message : String(e) }],
  }));
}

/** The worker-backed engine, with stale answers dropped. */
function startEngineClient() {
  const client = takeEngineClient();
  return {
    compute: latestOnly((req: { input: EngineInput; options: EngineOptions }) =>
      client.compute(req.input, req.options),
    ),
    terminate: () => client.terminate(),
  };
}

/**
 * The shell side of src/dataset/details.ts: one DetailsReader per loaded manifest (its chunks stay in memory
 * while that data set is shown), a defect's details fetched when its panel opens, and the histories loaded once
 * a view that replays them is shown after map-ready.
 */
import { useEffect, useState } from 'react';
import type { DefectHistories } from '@/dataset/details';
import type { DetailsReader, HistoriesResult } from '@/dataset/details-reader';
import type { DatasetLoadError, LoadedDataset } from '@/dataset/read';
import type { DefectDetails } from '@/dataset/types';
import { useAppStore } from './store';

const readers = new WeakMap<object, Promise<DetailsReader>>();

/** The reader's code, loaded on first use: no view before a defect opens needs it. */
const readerModule = () => import('@/dataset/details-reader');

/** Revalidated like the data set's other files; a chunk's URL carries its hash, so a cache keys it by content. */
const fetchData: typeof fetch = (input, init) => fetch(input, { cache: 'no-cache', ...init });

/** The details reader of a loaded data set, or null when its manifest lists no details. */
export function detailsReaderOf(dataset: LoadedDataset | null): Promise<DetailsReader> | null {
  const manifest = dataset?.manifest;
  const entry = manifest?.files.defectDetails;
  if (!dataset || !manifest || !entry || dataset.baseUrl === undefined) return null;
  let reader = readers.get(manifest);
  const baseUrl = dataset.baseUrl;
  if (!reader)
    readers.set(
      manifest,
      (reader = readerModule().then(
        (m) => new m.DetailsReader(baseUrl, fetchData, entry),
        (e: unknown) => {
          readers.delete(manifest); // tried again next time
          throw e;
        },
      )),
    );
  return reader;
}

export type DefectDetailState =
  | { status: 'loading' }
  | { status: 'done'; entry: DefectDetails[string] | null }
  | { status: 'error'; error: DatasetLoadError };

/** The details of the defect in `row` (id `id`), fetched with the chunk that holds it. */
export function useDefectDetail(row: number, id: string): DefectDetailState {
  const dataset = useAppStore((s) => s.dataset);
  const [state, setState] = useState<{ key: string; value: DefectDetailState } | null>(null);
  const key = `${row}:${id}`;
  const reader = detailsReaderOf(dataset);
  useEffect(() => {
    if (!reader) return;
    let live = true;
    void reader
      .then((r) => r.chunkOfRow(row))
      .then((result) => {
        if (!live) return;
        setState({
          key,
          value: result.ok
            ? { status: 'done', entry: result.details[id] ?? null }
            : { status: 'error', error: result.error },
        });
      })
      .catch((e: unknown) => {
        // The reader's code itself did not load (offline before the app was ever stored, say).
        if (live) setState({ key, value: { status: 'error', error: { file: 'details-reader', message: String(e) } } });
      });
    return () => {
      live = false;
    };
  }, [reader, row, id, key]);
  if (!reader) return { status: 'done', entry: null };
  return state?.key === key ? state.value : { status: 'loading' };
}

/**
 * The histories of the shown data set: null until loaded (or when they cannot be; the views then work from the
 * defect columns, as they say). Asking starts the load, once per data set, after the map is ready.
 */
export function useHistories(): DefectHistories | null {
  const dataset = useAppStore((s) => s.dataset);
  const mapReady = useAppStore((s) => s.mapReady);
  const histories = useAppStore((s) => s.histories);
  const current = histories.status !== 'idle' && histories.dataset === dataset;
  useEffect(() => {
    if (!mapReady || current || !dataset) return;
    void startHistories(dataset);
  }, [mapReady, current, dataset]);
  return current && histories.status === 'done' ? histories.histories : null;
}

/** Loads a data set's histories: `baseUrl` as LoadedDataset's, `count` the defects in defects.bin. */
export type HistoriesLoader = (
  baseUrl: string,
  entry: { path: string; sha256: string },
  count: number,
) => Promise<HistoriesResult>;

/** On the page: parsed and decoded on the main thread (1.4 s in one task at 1M defects). */
const loadOnPage: HistoriesLoader = async (baseUrl, entry, count) =>
  (await readerModule()).loadHistories(baseUrl, fetchData, entry, count);

/** The defects worker's loader while the app runs one (provideHistoriesLoader), else null. */
let workerLoader: HistoriesLoader | null = null;

/**
 * Has the histories loaded by `loader` (the defects worker's) until the returned function is called; the app's
 * defect pipeline provides its worker's for as long as it runs it.
 */
export function provideHistoriesLoader(loader: HistoriesLoader): () => void {
  workerLoader = loader;
  return () => {
    if (workerLoader === loader) workerLoader = null;
  };
}

/** Loads the histories of `dataset` into the store, unless they are loading or loaded already. */
export async function startHistories(dataset: LoadedDataset): Promise<void> {
  const { histories, setHistories } = useAppStore.getState();
  if (histories.status !== 'idle' && histories.dataset === dataset) return;
  const entry = dataset.manifest?.files.defectHistory;
  const count = dataset.data.defects?.count;
  if (!entry || count === undefined || dataset.baseUrl === undefined) return;
  setHistories({ status: 'loading', dataset });
  const load = workerLoader ?? loadOnPage;
  const result = await load(dataset.baseUrl, entry, count).catch((e: unknown): HistoriesResult => ({
    ok: false,
    error: { file: entry.path, message: e instanceof Error ? e.message : String(e) },
  }));
  if (useAppStore.getState().dataset !== dataset) return;
  // For the browser bench: when the first histories were in (or failed).
  const mark = result.ok ? 'histories-loaded' : 'histories-failed';
  if (typeof performance !== 'undefined' && performance.getEntriesByName(mark).length === 0) performance.mark(mark);
  setHistories(
    result.ok
      ? { status: 'done', dataset, histories: result.histories }
      : { status: 'error', dataset, error: result.error },
  );
}

/**
 * What the page starts before React renders, so it overlaps with loading the app's code and its first render: the
 * two workers (their scripts download and compile while the data set does) and, once the site is known, the data
 * set's fetch. The pipelines take each once, on their first mount; a later mount (a remount, StrictMode's dev
 * re-run) starts its own as before.
 */
import type { LoadedDataset } from '@/dataset/read';
import { createDefectsClient, type DefectsClient, type DefectsWorkerLike } from '@/worker/defects-client';
import { createEngineClient, type EngineClient, type WorkerLike } from '@/worker/client';
import { adoptEarlyWorker } from './early-workers';

let engine: EngineClient | null = null;
let defects: DefectsClient | null = null;
/** The client the defect pipeline took, while it runs: data set loads after the first go to its worker. */
let active: DefectsClient | null = null;
let dataset: Promise<LoadedDataset> | null = null;

/** Starts the zone-engine and defects workers. */
export function prestartWorkers(): void {
  // The boot script's workers when it started them (the defects one may already be fetching the defect files).
  engine ??= createEngineClient((adoptEarlyWorker('engine') as unknown as WorkerLike | null) ?? undefined);
  defects ??= createDefectsClient((adoptEarlyWorker('defects') as unknown as DefectsWorkerLike | null) ?? undefined);
}

/** Starts loading the data set (`load` is the pipeline's fetchDataset, which never rejects). */
export function prefetchDataset(load: () => Promise<LoadedDataset>): void {
  dataset ??= load();
}

/** Stops what was started for a page that turned out not to need it (the districts roll-up). */
export function discardPrestarted(): void {
  engine?.terminate();
  defects?.terminate();
  engine = defects = dataset = null;
}

export function takeEngineClient(): EngineClient {
  const client = engine ?? createEngineClient();
  engine = null;
  return client;
}

export function takeDefectsClient(): DefectsClient {
  const client = defects ?? createDefectsClient();
  defects = null;
  active = client;
  return client;
}

/** The pipeline's client stopped (unmount). */
export function releaseDefectsClient(client: DefectsClient): void {
  if (active === client) active = null;
}

/**
 * The defects worker that should fetch the defect files: the prestarted one until the pipeline takes it, then the
 * pipeline's; null when neither runs (the files are then fetched on the page).
 */
export function currentDefectsClient(): DefectsClient | null {
  return defects ?? active;
}

/** The data set fetched ahead, once; null when none was started (or it was taken). */
export function takeDataset(): Promise<LoadedDataset> | null {
  const pending = dataset;
  dataset = null;
  return pending;
}

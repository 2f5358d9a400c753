/**
 * The two workers, started by the page's first script (boot.ts) so their code downloads and compiles while the
 * app's does, and the defect files are fetched, checked and decoded while the app's code still loads (at a
 * million defects the worker otherwise started ~1.2 s later, once the app's first render let go of the main
 * thread). prestart.ts adopts them into the app's clients. Tiny on purpose: it is part of the boot chunk.
 */
import type { DefectFilesRequest } from '@/dataset/defects-load';
import type { DefectsRequest } from '@/worker/defects-protocol';

export type EarlyWorkerKind = 'defects' | 'engine';

interface Early {
  worker: Worker;
  /** The script failed to load or threw before a client took the worker over. */
  failed: boolean;
}

const REGISTRY = '__zonemapEarlyWorkers';

function registry(): Partial<Record<EarlyWorkerKind, Early>> {
  const g = globalThis as unknown as Record<string, Partial<Record<EarlyWorkerKind, Early>> | undefined>;
  return (g[REGISTRY] ??= {});
}

function start(kind: EarlyWorkerKind, worker: Worker): void {
  const early: Early = { worker, failed: false };
  // Until a client takes it over, an error would reach no one and its requests would wait for ever.
  worker.onerror = () => {
    early.failed = true;
  };
  registry()[kind] = early;
}

/** Starts both workers (in a browser with module workers; elsewhere nothing). */
export function startEarlyWorkers(): void {
  if (typeof Worker === 'undefined') return;
  try {
    start('defects', new Worker(new URL('../worker/defects.worker.ts', import.meta.url), { type: 'module' }));
    start('engine', new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' }));
  } catch {
    // The app's clients start their own.
  }
}

/** Has the early defects worker start on these files (absolute URLs); the app's 'fetch' of them takes the result. */
export function prefetchDefectFiles(files: DefectFilesRequest): void {
  const early = registry().defects;
  if (!early || early.failed) return;
  const request: DefectsRequest = { id: 0, type: 'prefetch', files };
  early.worker.postMessage(request);
}

/** The worker of `kind` the boot script started, once, or null (none started, or it failed: start a new one). */
export function adoptEarlyWorker(kind: EarlyWorkerKind): Worker | null {
  const early = registry()[kind];
  delete registry()[kind];
  if (!early) return null;
  if (early.failed) {
    early.worker.terminate();
    return null;
  }
  early.worker.onerror = null;
  return early.worker;
}

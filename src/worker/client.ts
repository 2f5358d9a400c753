/**
 * Promise-based client of the engine worker, used by the app. `compute(input, options)` sends the data set only
 * when it changed (any collection, the campaign or the defects is a different object), flattened here into typed
 * arrays that are transferred (see protocol.ts), then asks for a compute; answers come back in request order. The
 * worker answers in typed arrays (`CompactResult`, merged zone geometry included); the client names them with
 * the ids of the flat collections it sent (`catalogOfFlat`) and expands them lazily, so memberships, circles and status
 * records are built only when the app reads them. The roll-up is cached here because the worker sends it only
 * when it changes.
 */
import { OBJECT_DATA_KEYS } from '../campaign/object-kinds';
import { expandResult } from '../geo/expand';
import { catalogOfFlat } from '../geo/flat';
import type { EngineCatalog, EngineInput, EngineOptions, EngineResult, RollUp } from '../geo/types';
import { toEngineData, type EngineRequest, type EngineResponse } from './protocol';

export interface EngineClient {
  compute(input: EngineInput, options?: EngineOptions): Promise<EngineResult>;
  terminate(): void;
}

/** Anything with the Worker messaging surface; tests pass an in-process stand-in. */
export interface WorkerLike {
  postMessage(message: EngineRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

const INPUT_KEYS: (keyof EngineInput)[] = ['campaign', ...OBJECT_DATA_KEYS, 'land', 'defects'];

export function createEngineClient(worker?: WorkerLike): EngineClient {
  const w: WorkerLike =
    worker ?? (new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike);
  let nextId = 1;
  let loaded: EngineInput | null = null;
  let catalog: EngineCatalog | null = null;
  let rollup: RollUp | null = null;
  const pending = new Map<number, { resolve: (r: EngineResponse) => void; reject: (e: Error) => void }>();

  w.onmessage = (event) => {
    const waiter = pending.get(event.data.id);
    if (!waiter) return;
    pending.delete(event.data.id);
    if (event.data.type === 'error') waiter.reject(new Error(`zone engine: ${event.data.message}`));
    else waiter.resolve(event.data);
  };
  w.onerror = (event) => {
    const error = new Error(`zone engine worker failed: ${event.message}`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  function send(request: EngineRequest, transfer: Transferable[] = []): Promise<EngineResponse> {
    return new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      w.postMessage(request, transfer);
    });
  }

  return {
    async compute(input, options = {}) {
      const sameData = loaded !== null && INPUT_KEYS.every((k) => loaded![k] === input[k]);
      if (!sameData) {
        loaded = input;
        rollup = null;
        try {
          let load: ReturnType<typeof toEngineData>;
          try {
            load = toEngineData(input);
          } catch (e) {
            throw new Error(`zone engine: ${e instanceof Error ? e.message : String(e)}`);
          }
          catalog = catalogOfFlat(load.data);
          await send({ id: nextId++, type: 'load', data: load.data }, load.transfer);
        } catch (e) {
          loaded = null;
          throw e;
        }
      }
      const response = await send({ id: nextId++, type: 'compute', options });
      if (response.type !== 'computed') throw new Error(`zone engine: expected a compute answer, got ${response.type}`);
      if (response.result.rollup) rollup = response.result.rollup;
      if (!rollup || !catalog) throw new Error('zone engine: the first answer for a data set carried no object states');
      return expandResult(catalog, { ...response.result, rollup }, { lazy: true });
    },
    terminate() {
      w.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error('zone engine worker terminated'));
      pending.clear();
    },
  };
}

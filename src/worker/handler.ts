/**
 * The engine worker's logic, free of worker globals so it runs (and is tested) in Node: it holds the prepared
 * data set between messages and answers 'load' and 'compute'. engine.worker.ts only wires it to `self`.
 */
import { computePrepared } from '../geo/engine';
import { prepareEngine, type Prepared } from '../geo/prepare';
import type { ObjectStatus } from '../geo/types';
import type { EngineRequest, EngineResponse } from './protocol';

export interface EngineHandler {
  handle(request: EngineRequest): { response: EngineResponse; transfer: Transferable[] };
}

export function createEngineHandler(): EngineHandler {
  let prepared: Prepared | null = null;
  let sentStatus: Record<string, ObjectStatus> | null = null;

  function answer(request: EngineRequest): EngineResponse {
    if (request.type === 'load') {
      // Only the prepared arrays are kept, so the cloned GeoJSON can be collected after this message.
      prepared = prepareEngine(request.data);
      sentStatus = null;
      const objects = prepared.setList.reduce((n, s) => n + s.count, 0);
      return { id: request.id, type: 'loaded', objects, defects: request.data.defects.count };
    }
    if (request.type === 'compute') {
      if (!prepared) throw new Error('compute before load: send the data set first');
      const { status, ...rest } = computePrepared(prepared, request.options);
      const changed = status !== sentStatus;
      sentStatus = status;
      return { id: request.id, type: 'computed', result: { ...rest, status: changed ? status : null } };
    }
    throw new Error(`unknown request type ${JSON.stringify((request as { type: unknown }).type)}`);
  }

  return {
    handle(request) {
      try {
        return { response: answer(request), transfer: [] };
      } catch (e) {
        return { response: { id: request.id, type: 'error', message: e instanceof Error ? e.message : String(e) }, transfer: [] };
      }
    },
  };
}

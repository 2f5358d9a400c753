/**
 * The engine's Web Worker: a thin shell around handler.ts. Spawned by client.ts.
 */
import { createEngineHandler } from './handler';
import type { EngineRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = createEngineHandler();

scope.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { response, transfer } = handler.handle(event.data);
  scope.postMessage(response, transfer);
};

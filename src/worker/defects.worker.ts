/**
 * The defects Web Worker: a thin shell around defects-handler.ts. Spawned by defects-client.ts.
 */
import { createDefectsHandler } from './defects-handler';
import type { DefectsRequest } from './defects-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = createDefectsHandler();

scope.onmessage = (event: MessageEvent<DefectsRequest>) => {
  const { response, transfer } = handler.handle(event.data);
  scope.postMessage(response, transfer);
};

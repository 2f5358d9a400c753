/**
 * The mock-inspection Web Worker: a thin shell around mock-handler.ts. Spawned by mock-client.ts.
 */
import { createMockHandler } from './mock-handler';
import type { MockRequest } from './mock-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = createMockHandler();

scope.onmessage = (event: MessageEvent<MockRequest>) => {
  const { response, transfer } = handler.handle(event.data);
  scope.postMessage(response, transfer);
};

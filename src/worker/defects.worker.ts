/**
 * The defects Web Worker: a thin shell around defects-handler.ts. Spawned by defects-client.ts.
 */
import { createDefectsHandler } from './defects-handler';
import type { DefectsRequest } from './defects-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = createDefectsHandler();

/** One request at a time, in order, though a fetch waits on the network: answers keep the requests' order. */
let queue: Promise<void> = Promise.resolve();

const fetchFn: typeof fetch = (input, init) => fetch(input, { cache: 'no-cache', ...init });

scope.onmessage = (event: MessageEvent<DefectsRequest>) => {
  const request = event.data;
  // Started at once, outside the queue, and never answered: the 'fetch' that follows takes its result.
  if (request.type === 'prefetch') return handler.prefetch(request, fetchFn);
  // Outside the queue too: the ids' or histories' download must not hold up a filter; answered by id when in.
  if (request.type === 'ids' || request.type === 'history') {
    (request.type === 'ids' ? handler.ids(request, fetchFn) : handler.history(request, fetchFn)).then(
      ({ response, transfer }) => scope.postMessage(response, transfer),
      (e: unknown) =>
        scope.postMessage({ id: request.id, type: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return;
  }
  queue = queue.then(async () => {
    try {
      const { response, transfer } =
        request.type === 'fetch' ? await handler.fetch(request, fetchFn) : handler.handle(request);
      scope.postMessage(response, transfer);
    } catch (e) {
      // Whatever failed, the request gets its answer and the queue keeps going.
      scope.postMessage({ id: request.id, type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
};

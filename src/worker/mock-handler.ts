/**
 * The mock-inspection worker's logic, free of worker globals so it runs (and is tested) in Node: it keeps the
 * loaded input between messages and answers each 'run' with `runMockInspection`. mock.worker.ts wires it to `self`.
 */
import { runMockInspection, type MockInput } from '../insights/mock-inspection';
import type { MockRequest, MockResponse } from './mock-protocol';
import { withErrorReply } from './error-reply';

export interface MockHandler {
  handle(request: MockRequest): { response: MockResponse; transfer: Transferable[] };
}

export function createMockHandler(): MockHandler {
  let input: MockInput | null = null;

  function answer(request: MockRequest): { response: MockResponse; transfer: Transferable[] } {
    switch (request.type) {
      case 'load': {
        input = request.input;
        const sites = Object.values(input.objects).reduce((n, list) => n + (list?.length ?? 0), 0);
        return { response: { id: request.id, type: 'loaded', sites }, transfer: [] };
      }
      case 'run': {
        if (!input) throw new Error('mock inspection run before load: send the data first');
        const run = runMockInspection(input, request.evaluation, request.asOfDate, { trendDates: request.trendDates });
        return { response: { id: request.id, type: 'ran', run }, transfer: [] };
      }
      default:
        throw new Error(`unknown request type ${JSON.stringify((request as { type: unknown }).type)}`);
    }
  }

  return { handle: withErrorReply(answer) };
}

/**
 * Promise client of the mock-inspection worker. Answers come back in request order (the worker handles one
 * message at a time); dropping answers a newer request has overtaken is the caller's job.
 *
 * @example
 * const client = createMockClient();
 * await client.load({ campaign, objects, defects, histories });
 * const run = await client.run('national', '2019-09-12', ['2019-08-28', '2019-09-04']);
 */
import type { IsoDate } from '../campaign/types';
import type { MockInput, MockRun } from '../insights/mock-inspection';
import type { MockRequest, MockResponse } from './mock-protocol';

export interface MockClient {
  /** Returns the number of sites loaded. */
  load(input: MockInput): Promise<number>;
  run(evaluation: string, asOfDate: IsoDate, trendDates?: IsoDate[]): Promise<MockRun>;
  terminate(): void;
}

/** Anything with the Worker messaging surface; tests pass an in-process stand-in. */
export interface MockWorkerLike {
  postMessage(message: MockRequest, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<MockResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

type Body = MockRequest extends infer Q ? (Q extends MockRequest ? Omit<Q, 'id'> : never) : never;

export function createMockClient(worker?: MockWorkerLike): MockClient {
  const w: MockWorkerLike =
    worker ??
    (new Worker(new URL('./mock.worker.ts', import.meta.url), { type: 'module' }) as unknown as MockWorkerLike);
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: MockResponse) => void; reject: (e: Error) => void }>();

  w.onmessage = (event) => {
    const waiter = pending.get(event.data.id);
    if (!waiter) return;
    pending.delete(event.data.id);
    if (event.data.type === 'error') waiter.reject(new Error(`mock inspection: ${event.data.message}`));
    else waiter.resolve(event.data);
  };
  w.onerror = (event) => {
    const error = new Error(`mock inspection worker failed: ${event.message}`);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  function send(body: Body): Promise<MockResponse> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ ...body, id } as MockRequest, []);
    });
  }

  return {
    async load(input) {
      const answer = await send({ type: 'load', input });
      if (answer.type !== 'loaded') throw new Error(`mock inspection: expected 'loaded', got '${answer.type}'`);
      return answer.sites;
    },
    async run(evaluation, asOfDate, trendDates = []) {
      const answer = await send({ type: 'run', evaluation, asOfDate, trendDates });
      if (answer.type !== 'ran') throw new Error(`mock inspection: expected 'ran', got '${answer.type}'`);
      return answer.run;
    },
    terminate() {
      w.terminate();
      for (const waiter of pending.values()) waiter.reject(new Error('mock inspection worker terminated'));
      pending.clear();
    },
  };
}

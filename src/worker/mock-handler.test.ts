import { describe, expect, it } from 'vitest';
import { campaign } from '../geo/__fixtures__/build';
import { columns } from '../insights/__fixtures__/defects';
import type { MockInput } from '../insights/mock-inspection';
import { createMockClient, type MockWorkerLike } from './mock-client';
import { createMockHandler } from './mock-handler';
import type { MockResponse } from './mock-protocol';

function input(): MockInput {
  return {
    campaign,
    objects: {
      market: [
        { id: 'M1', name: '甲市场' },
        { id: 'M2', name: '乙市场' },
      ],
    },
    defects: columns([{ object: 'M1', state: 'reported', found: '2019-09-01' }]),
    histories: null,
  };
}

/** The handler behind a Worker-shaped stand-in: messages are structured-cloned both ways. */
function inProcessWorker(): MockWorkerLike {
  const handler = createMockHandler();
  const w: MockWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      const copy = structuredClone(message);
      queueMicrotask(() => {
        const { response } = handler.handle(copy);
        w.onmessage?.({ data: structuredClone(response) } as MessageEvent<MockResponse>);
      });
    },
    terminate() {},
  };
  return w;
}

describe('mock inspection worker', () => {
  it('answers a run after load, through the client', async () => {
    const client = createMockClient(inProcessWorker());
    expect(await client.load(input())).toBe(2);
    const run = await client.run('provincial', '2019-09-12', ['2019-08-31']);
    const market = run.result.kinds.find((k) => k.site === 'market')!;
    // Both markets are visited (3 asked for, 2 exist); M1 fails.
    expect(market).toMatchObject({ population: 2, failing: 1, sampled: 2, expectedRate: 0.5 });
    expect(run.result.topFailing[0]).toMatchObject({ id: 'M1', failedDraws: 1000 });
    // Before the problem was found, every market passed.
    expect(run.trend).toEqual([{ date: '2019-08-31', expectedRate: 1, p10: 1, p90: 1 }]);
  });

  it('answers a run before load, or an unknown evaluation, with an error', async () => {
    const client = createMockClient(inProcessWorker());
    await expect(client.run('provincial', '2019-09-12')).rejects.toThrow('mock inspection run before load');
    await client.load(input());
    await expect(client.run('city', '2019-09-12')).rejects.toThrow('has no evaluation "city"');
  });
});

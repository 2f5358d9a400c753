import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import { campaign, defectColumns, emptyInput, fc, feat, obj } from '../geo/__fixtures__/build';
import { computeEngine } from '../geo/engine';
import { expandResult } from '../geo/expand';
import { catalogOfInput } from '../geo/flat';
import { destination } from '../geo/geodesy';
import type { CompactResult, EngineInput } from '../geo/types';
import { createEngineClient, type WorkerLike } from './client';
import { createEngineHandler } from './handler';
import { toDefectArrays, toEngineData, type EngineRequest, type EngineResponse } from './protocol';

const CENTER: LngLat = [122.1, 30.02];

function sampleInput(): EngineInput {
  return emptyInput({
    communities: fc([feat({ type: 'Point', coordinates: CENTER }, obj('C1'))]),
    compounds: fc([
      feat({ type: 'Point', coordinates: destination(CENTER, 250, 0) }, obj('K1', { lastInspected: '2019-09-01' })),
      feat({ type: 'Point', coordinates: destination(CENTER, 350, 0) }, obj('K2')),
    ]),
    defects: defectColumns([{ object: 'K1', state: 'assigned', found: 18140, deadline: 18145 }]),
  });
}

/** The handler behind a Worker-shaped stand-in: messages are structured-cloned with their transfer list. */
function inProcessWorker(log: EngineRequest['type'][]): WorkerLike {
  const handler = createEngineHandler();
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      log.push(message.type);
      const copy = structuredClone(message, { transfer });
      queueMicrotask(() => {
        const { response } = handler.handle(copy);
        w.onmessage?.({ data: structuredClone(response) } as MessageEvent<EngineResponse>);
      });
    },
    terminate() {},
  };
  return w;
}

describe('engine worker handler', () => {
  it('refuses to compute before a load', () => {
    const { response } = createEngineHandler().handle({ id: 1, type: 'compute', options: {} });
    expect(response).toEqual({ id: 1, type: 'error', message: 'compute before load: send the data set first' });
  });

  it('answers like computeEngine in typed arrays, sending the object states only when they change', () => {
    const input = sampleInput();
    const handler = createEngineHandler();
    expect(handler.handle({ id: 1, type: 'load', data: toEngineData(input).data }).response).toEqual({
      id: 1,
      type: 'loaded',
      objects: 3,
      defects: 1,
    });
    const first = handler.handle({ id: 2, type: 'compute', options: {} });
    if (first.response.type !== 'computed') throw new Error(first.response.type);
    const rollup = first.response.result.rollup!;
    expect(rollup.stateIndex).toBeInstanceOf(Uint8Array);
    // 15 buffers per rule, and the 3 of its merged zone geometry when it has one (transferred, not cloned).
    const rules = first.response.result.rules;
    expect(rules.some((r) => r.geometry)).toBe(true);
    expect(first.transfer.length).toBe(rules.reduce((n, r) => n + 15 + (r.geometry ? 3 : 0), 0));
    for (const r of rules) if (r.geometry) expect(first.transfer).toContain(r.geometry.coords.buffer);
    expect(expandResult(catalogOfInput(input), { ...first.response.result, rollup })).toEqual(computeEngine(input));

    const wider = handler.handle({ id: 3, type: 'compute', options: { radiusOverrides: { R300: 400 } } }).response;
    if (wider.type !== 'computed') throw new Error(wider.type);
    expect(wider.result.rollup).toBeNull();
    const expanded = expandResult(catalogOfInput(input), { ...wider.result, rollup });
    expect(expanded.rules.find((r) => r.ruleId === 'R300')!.memberships.map((m) => m.objectId)).toEqual(['K1', 'K2']);

    const later = handler.handle({ id: 4, type: 'compute', options: { asOfDate: '2019-10-30' } }).response;
    if (later.type !== 'computed') throw new Error(later.type);
    expect(later.result.rollup).not.toBeNull();
    expect(expandResult(catalogOfInput(input), later.result as CompactResult).status.K1.stale).toBe(true);
  });

  it('reports a bad what-if radius as an error answer', () => {
    const input = sampleInput();
    const handler = createEngineHandler();
    handler.handle({ id: 1, type: 'load', data: toEngineData(input).data });
    expect(handler.handle({ id: 2, type: 'compute', options: { radiusOverrides: { R300: 0 } } }).response).toEqual({
      id: 2,
      type: 'error',
      message: 'radiusOverrides: R300: must be a number of metres from 10 to 20000 (got 0)',
    });
  });
});

describe('toDefectArrays', () => {
  it('copies the engine columns into typed arrays and leaves the caller’s columns alone', () => {
    const columns = defectColumns([
      { object: 'K1', state: 'assigned', found: 18140, deadline: 18145 },
      { object: 'K2', state: 'closed', found: 18141, deadline: 18146 },
    ]);
    const { defects, transfer } = toDefectArrays(columns);
    expect(defects.object).toBeInstanceOf(Int32Array);
    expect([...defects.found]).toEqual([18140, 18141]);
    expect(transfer).toHaveLength(5);
    structuredClone(defects, { transfer });
    expect(defects.found.length).toBe(0);
    expect(columns.found).toEqual([18140, 18141]);
  });

  it('copies typed columns (as loaded from defects.bin) into arrays of their own, leaving the loaded ones intact', () => {
    const columns = defectColumns([
      { object: 'K1', state: 'assigned', found: 18140, deadline: 18145 },
      { object: 'K2', state: 'closed', found: 18141, deadline: 18146 },
    ]);
    const typed = {
      ...columns,
      state: Uint8Array.from(columns.state),
      object: Int32Array.from(columns.object),
      found: Int32Array.from(columns.found),
      deadline: Int32Array.from([0, 18146]),
      updated: Int32Array.from(columns.updated),
    };
    const { defects, transfer } = toDefectArrays(typed);
    expect(defects.state).toBeInstanceOf(Uint8Array);
    expect([...defects.found]).toEqual([18140, 18141]);
    expect([...defects.deadline]).toEqual([0, 18146]);
    structuredClone(defects, { transfer });
    expect(defects.found.length).toBe(0);
    expect([...typed.found]).toEqual([18140, 18141]);
    expect([...typed.state]).toEqual(Array.from(columns.state as ArrayLike<number>));
  });

  it('rejects columns shorter than count', () => {
    const columns = defectColumns([{ object: 'K1', state: 'assigned', found: 18140, deadline: 18145 }]);
    columns.found = [];
    expect(() => toDefectArrays(columns)).toThrow('defect column found has 0 entries, expected count 1');
  });
});

describe('toEngineData', () => {
  it('sends the collections flat, their typed arrays and the defect columns transferred, the GeoJSON untouched', () => {
    const input = sampleInput();
    const { data, transfer } = toEngineData(input);
    expect(Object.keys(data).sort()).toEqual(['campaign', 'collections', 'defects', 'land']);
    const compounds = data.collections.compound;
    expect(compounds.ids).toEqual(['K1', 'K2']);
    expect(transfer).toContain(compounds.coords.buffer);
    expect(transfer).toContain(data.defects.found.buffer);
    // 5 defect columns and 6 arrays per object kind.
    expect(transfer).toHaveLength(5 + 6 * 7);
    const sent = structuredClone(data, { transfer });
    expect(compounds.coords.length).toBe(0);
    expect([...sent.collections.compound.coords]).toEqual(
      input.compounds.features.flatMap((f) => f.geometry!.coordinates as number[]),
    );
    expect(input.compounds.features[0].geometry!.type).toBe('Point');
  });
});

describe('engine client', () => {
  it('loads once per data set and returns full results with cached object states', async () => {
    const log: EngineRequest['type'][] = [];
    const client = createEngineClient(inProcessWorker(log));
    const input = sampleInput();
    const first = await client.compute(input);
    const second = await client.compute({ ...input }, { radiusOverrides: { R300: 400 } });
    expect(log).toEqual(['load', 'compute', 'compute']);
    expect(first).toEqual(computeEngine(input));
    expect(second).toEqual(computeEngine(input, { radiusOverrides: { R300: 400 } }));
    expect(second.status).toBe(first.status);
    expect(second.status.K1.state).toBe('overdue');
    expect(second.rules.find((r) => r.ruleId === 'R300')!.radiusM).toBe(400);
    expect(input.defects.found).toEqual([18140]);

    await client.compute({ ...input, compounds: fc([]) });
    expect(log).toEqual(['load', 'compute', 'compute', 'load', 'compute']);
  });

  it('rejects a geometry the engine cannot take before loading it', async () => {
    const log: EngineRequest['type'][] = [];
    const client = createEngineClient(inProcessWorker(log));
    const input = sampleInput();
    const line = feat({ type: 'LineString', coordinates: [CENTER, destination(CENTER, 50, 0)] }, obj('K9'));
    // A data file can hold what the types forbid; the flattening checks it.
    const compounds = fc([line]) as unknown as EngineInput['compounds'];
    await expect(client.compute({ ...input, compounds })).rejects.toThrow(
      'zone engine: compound K9: geometry type LineString is not supported for this kind',
    );
    expect(log).toEqual([]);
    await client.compute(input);
    expect(log).toEqual(['load', 'compute']);
  });

  it('rejects with the engine’s message', async () => {
    const client = createEngineClient(inProcessWorker([]));
    await expect(client.compute(sampleInput(), { radiusOverrides: { R9: 1 } })).rejects.toThrow(
      'zone engine: radiusOverrides: unknown rule "R9"',
    );
    expect(campaign.zoneRules.some((r) => r.id === 'R9')).toBe(false);
  });
});

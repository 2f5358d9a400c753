import { PackedIds, idsToArray } from '../dataset/packed-ids';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defectIdsJson, encodeDefectsBin } from '../dataset/defects-bin';
import { sha256Hex } from '../dataset/hash';
import { buildDetailsFiles, historyOf, type DetailsRow } from '../dataset/details';
import { DEFECT_NUMBER_COLUMNS } from '../dataset/types';
import type { BBox, Campaign } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import type { DefectClusterProps } from '../defects/cluster';
import { syntheticDefects } from '../defects/synthetic';
import { defectTableFromColumns } from '../defects/table';
import { idsReady, whenIds } from '../dataset/lazy-ids';
import { createDefectsClient, type DefectsWorkerLike } from './defects-client';
import { createDefectsHandler } from './defects-handler';
import type { DefectsResponse } from './defects-protocol';

const campaign = JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')) as Campaign;
const { columns, objectLastDay } = syntheticDefects(campaign, { count: 2000, seed: 11 });
const WORLD: BBox = [-180, -85, 180, 85];
const AS_OF = campaign.asOfDate;

/** One history step as the refresh writes it (no field record, no unit). */
function step(date: string, to: DetailsRow['history'][number]['to']): DetailsRow['history'][number] {
  return { date, to, from: null, unit: '' };
}

/** The handler behind a Worker-shaped stand-in: messages are structured-cloned with their transfer lists. */
function inProcessWorker(): DefectsWorkerLike {
  const handler = createDefectsHandler();
  const w: DefectsWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      const copy = structuredClone(message, { transfer });
      queueMicrotask(() => {
        const { response, transfer: back } = handler.handle(copy);
        w.onmessage?.({ data: structuredClone(response, { transfer: back }) } as MessageEvent<DefectsResponse>);
      });
    },
    terminate() {},
  };
  return w;
}

/** An in-process defects worker that also fetches (over msw), routing requests as defects.worker.ts does. */
function fetchingWorker(): DefectsWorkerLike {
  const handler = createDefectsHandler();
  const w: DefectsWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      const copy = structuredClone(message, { transfer });
      void (async () => {
        const { response, transfer: back } =
          copy.type === 'fetch'
            ? await handler.fetch(copy, fetch)
            : copy.type === 'ids'
              ? await handler.ids(copy, fetch)
              : copy.type === 'history'
                ? await handler.history(copy, fetch)
                : handler.handle(copy);
        w.onmessage?.({ data: structuredClone(response, { transfer: back }) } as MessageEvent<DefectsResponse>);
      })();
    },
    terminate() {},
  };
  return w;
}

/** Every number column empty (a data set with no defects). */
function emptyNumberColumns() {
  return Object.fromEntries(DEFECT_NUMBER_COLUMNS.map((k) => [k, [] as number[]])) as Record<
    (typeof DEFECT_NUMBER_COLUMNS)[number],
    number[]
  >;
}

/** Rows passing TF2 + assigned at the as-of date, counted straight from the JSON columns. */
function naiveCount(tf: string, state: string): number {
  const asOf = dayFromIso(AS_OF);
  let n = 0;
  for (let d = 0; d < columns.count; d++) {
    if (columns.found[d] > asOf) continue;
    if (columns.tables.taskForce[columns.taskForce[d]] !== tf) continue;
    if (columns.tables.state[columns.state[d]] !== state) continue;
    n++;
  }
  return n;
}

function load(handler = createDefectsHandler()) {
  const response = handler.handle({ id: 1, type: 'load', table: defectTableFromColumns(columns), campaign }).response;
  expect(response).toEqual({ id: 1, type: 'loaded', count: columns.count });
  return handler;
}

function ok<T extends DefectsResponse['type']>(r: DefectsResponse, type: T): Extract<DefectsResponse, { type: T }> {
  if (r.type !== type) throw new Error(`expected ${type}, got ${r.type}: ${'message' in r ? r.message : ''}`);
  return r as Extract<DefectsResponse, { type: T }>;
}

describe('defects worker handler', () => {
  it('refuses requests before a load, naming what is missing', () => {
    const { response } = createDefectsHandler().handle({ id: 3, type: 'view', view: { bbox: WORLD, zoom: 3 } });
    expect(response).toEqual({
      id: 3,
      type: 'error',
      message: 'defect request before load: send the defect table first',
    });
  });

  it('answers a filter with facets, the selected indexes and no markers until a view is asked for', () => {
    const handler = load();
    const r = ok(
      handler.handle({ id: 2, type: 'filter', filter: { taskForces: ['TF2'], states: ['assigned'] }, asOfDate: AS_OF })
        .response,
      'filtered',
    );
    expect(r.indexes.length).toBe(naiveCount('TF2', 'assigned'));
    expect(r.collection).toBeNull();
    for (const d of r.indexes) {
      expect(columns.tables.taskForce[columns.taskForce[d]]).toBe('TF2');
      expect(columns.tables.state[columns.state[d]]).toBe('assigned');
    }
    // Faceted: the TF3 count applies the state filter only.
    expect(r.facets.taskForce.TF3).toBe(naiveCount('TF3', 'assigned'));
    expect(r.facets.stale).toBeNull();
  });

  it('carries the markers of the last view in a filter answer, made from the new selection', () => {
    const handler = load();
    const all = ok(handler.handle({ id: 2, type: 'view', view: { bbox: WORLD, zoom: 9 } }).response, 'viewed');
    const filtered = ok(
      handler.handle({ id: 3, type: 'filter', filter: { taskForces: ['TF2'], states: ['assigned'] }, asOfDate: AS_OF })
        .response,
      'filtered',
    );
    expect(filtered.inView).toBe(filtered.indexes.length);
    expect(filtered.inView).toBeLessThan(all.inView);
    const sum = filtered.collection!.features.reduce(
      (n, f) => n + (f.properties.cluster ? f.properties.point_count : 1),
      0,
    );
    expect(sum).toBe(filtered.indexes.length);
  });

  it('expands a cluster of the latest view: a higher zoom and members that pass the filter', () => {
    const handler = load();
    handler.handle({ id: 2, type: 'filter', filter: { taskForces: ['TF2'] }, asOfDate: AS_OF });
    const view = ok(handler.handle({ id: 3, type: 'view', view: { bbox: WORLD, zoom: 11 } }).response, 'viewed');
    const cluster = view.collection!.features.find((f) => f.properties.cluster);
    const props = cluster!.properties as DefectClusterProps;
    const r = ok(handler.handle({ id: 4, type: 'expand', clusterId: props.cluster_id, limit: 5 }).response, 'expanded');
    expect(r.expansionZoom).toBeGreaterThan(11);
    expect(r.count).toBe(props.point_count);
    expect(r.leaves.length).toBe(Math.min(5, props.point_count));
    for (const d of r.leaves) expect(columns.tables.taskForce[columns.taskForce[d]]).toBe('TF2');
  });

  it('needs the last-inspection days for the stale filter, and checks their length', () => {
    const handler = load();
    const stale = { id: 2, type: 'filter', filter: { staleDays: 14 }, asOfDate: AS_OF } as const;
    expect(ok(handler.handle(stale).response, 'error').message).toContain('objectLastDay');
    const wrong = handler.handle({ id: 3, type: 'inspected', objectLastDay: new Int32Array(3) }).response;
    expect(ok(wrong, 'error').message).toContain('expected one per table object');
    ok(handler.handle({ id: 4, type: 'inspected', objectLastDay }).response, 'inspected');
    const r = ok(handler.handle({ ...stale, id: 5 }).response, 'filtered');
    expect(r.indexes.length).toBe(r.facets.stale);
    expect(r.indexes.length).toBeGreaterThan(0);
  });

  it('rolls the selected defects up onto their objects when asked, once the last-inspection days are known', () => {
    const handler = load();
    const filter = { taskForces: ['TF2'] };
    const before = ok(
      handler.handle({ id: 2, type: 'filter', filter, asOfDate: AS_OF, rollUp: true }).response,
      'filtered',
    );
    expect(before.rollup).toBeNull();
    ok(handler.handle({ id: 3, type: 'inspected', objectLastDay }).response, 'inspected');
    const unasked = ok(handler.handle({ id: 4, type: 'filter', filter, asOfDate: AS_OF }).response, 'filtered');
    expect(unasked.rollup).toBeNull();
    const { response, transfer } = handler.handle({ id: 5, type: 'filter', filter, asOfDate: AS_OF, rollUp: true });
    const r = ok(response, 'filtered');
    const rollup = r.rollup!;
    expect(rollup.stateIndex.length).toBe(columns.tables.object.length);
    expect(transfer).toContain(rollup.openDefects.buffer);
    // Open and overdue TF2 defects per object, counted straight from the JSON columns.
    const asOf = dayFromIso(AS_OF);
    const open = new Uint32Array(columns.tables.object.length);
    const overdue = new Uint32Array(columns.tables.object.length);
    const openStates = new Set(campaign.lifecycle.states.filter((s) => s.open).map((s) => s.code as string));
    const fixed = new Set<string>(campaign.lifecycle.fixedStates);
    for (let d = 0; d < columns.count; d++) {
      const o = columns.object[d];
      const state = columns.tables.state[columns.state[d]];
      if (o < 0 || columns.found[d] > asOf || columns.tables.taskForce[columns.taskForce[d]] !== 'TF2') continue;
      if (!openStates.has(state)) continue;
      open[o]++;
      if (!fixed.has(state) && columns.deadline[d] > 0 && columns.deadline[d] < asOf) overdue[o]++;
    }
    expect([...rollup.openDefects]).toEqual([...open]);
    expect([...rollup.overdue]).toEqual([...overdue]);
    expect(open.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
  });

  it('drops the last-inspection days of an older table on a new load', () => {
    const handler = load();
    handler.handle({ id: 2, type: 'inspected', objectLastDay });
    load(handler);
    const r = handler.handle({ id: 3, type: 'filter', filter: { staleDays: 14 }, asOfDate: AS_OF }).response;
    expect(r.type).toBe('error');
  });
});

describe('defects client', () => {
  it('loads by transfer (the sender’s table is detached) and answers in request order', async () => {
    const client = createDefectsClient(inProcessWorker());
    const table = defectTableFromColumns(columns);
    expect(await client.load(table, campaign)).toBe(columns.count);
    expect(table.coords.length).toBe(0);
    const [filtered, viewed] = await Promise.all([
      client.filter({ states: ['reported'] }, AS_OF),
      client.view({ bbox: WORLD, zoom: 10 }),
    ]);
    expect(filtered.collection).toBeNull();
    expect(viewed.inView).toBe(filtered.indexes.length);
  });

  it('rejects with the worker’s message', async () => {
    const client = createDefectsClient(inProcessWorker());
    await expect(client.expand(0)).rejects.toThrow('defects worker: defect request before load');
  });
});

describe('defects worker fetching defects.bin itself', () => {
  const BASE = 'http://worker.test/data';
  const bin = encodeDefectsBin(columns);
  const ids = new TextEncoder().encode(defectIdsJson(columns.id));
  const files = {
    bin: { url: `${BASE}/defects.bin`, path: 'defects.bin', sha256: sha256Hex(bin) },
    ids: { url: `${BASE}/defect-ids.json`, path: 'defect-ids.json', sha256: sha256Hex(ids) },
  };
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  const serve = (binBody: Uint8Array = bin) =>
    server.use(
      http.get(`${BASE}/defects.bin`, () => new HttpResponse(binBody.slice())),
      http.get(`${BASE}/defect-ids.json`, () => new HttpResponse(ids.slice())),
    );

  it('checks and decodes the files, keeps the table for a load without one, and answers with a copy', async () => {
    serve();
    const handler = createDefectsHandler();
    const { response, transfer } = await handler.fetch({ id: 1, type: 'fetch', files }, fetch);
    const fetched = ok(response, 'fetched');
    expect(fetched.errors).toEqual([]);
    const copy = fetched.columns!;
    // No ids with the table: the page asks for them apart.
    expect('id' in copy).toBe(false);
    expect(Array.from(copy.state)).toEqual(columns.state);
    expect(Array.from(copy.coords)).toEqual(columns.coords);
    // The page's copy is transferred; the worker keeps its own views.
    expect(transfer).toContain((copy.state as Uint8Array).buffer);
    expect(ok(handler.handle({ id: 2, type: 'load', campaign }).response, 'loaded').count).toBe(columns.count);
    const r = ok(
      handler.handle({ id: 3, type: 'filter', filter: { taskForces: ['TF2'], states: ['assigned'] }, asOfDate: AS_OF })
        .response,
      'filtered',
    );
    expect(r.indexes.length).toBe(naiveCount('TF2', 'assigned'));
  });

  it('fetches the ids on their own request, packed into one string with their ends transferred', async () => {
    const hits: string[] = [];
    server.events.on('request:start', ({ request }) => hits.push(new URL(request.url).pathname));
    serve();
    const handler = createDefectsHandler();
    const { response, transfer } = await handler.ids(
      { id: 5, type: 'ids', file: files.ids, count: columns.count },
      fetch,
    );
    server.events.removeAllListeners();
    const answer = ok(response, 'ids');
    expect(answer.errors).toEqual([]);
    expect(typeof answer.ids!.text).toBe('string');
    expect(transfer).toContain(answer.ids!.ends.buffer);
    expect(idsToArray(new PackedIds(answer.ids!))).toEqual(columns.id);
    expect(hits).toEqual(['/data/defect-ids.json']);
  });

  it('names defect-ids.json when its hash or its count is wrong, and answers no ids', async () => {
    serve();
    const handler = createDefectsHandler();
    const wrongCount = ok(
      (await handler.ids({ id: 1, type: 'ids', file: files.ids, count: columns.count + 1 }, fetch)).response,
      'ids',
    );
    expect(wrongCount).toMatchObject({
      ids: null,
      errors: [
        { file: 'defect-ids.json', message: `has ${columns.count} ids, defects.bin has ${columns.count + 1} defects` },
      ],
    });
    const wrongHash = ok(
      (
        await handler.ids(
          { id: 2, type: 'ids', file: { ...files.ids, sha256: 'f'.repeat(64) }, count: columns.count },
          fetch,
        )
      ).response,
      'ids',
    );
    expect(wrongHash.ids).toBeNull();
    expect(wrongHash.errors[0]).toMatchObject({ file: 'defect-ids.json', message: expect.stringContaining('sha256') });
  });

  describe('histories', () => {
    // Three defects' histories as the refresh writes them: two with steps, one without.
    const rows: DetailsRow[] = [
      { id: 'A', description: '', photos: [], history: [step('2019-09-01', 'reported'), step('2019-09-05', 'closed')] },
      { id: 'B', description: '', photos: [], history: [] },
      { id: 'C', description: '', photos: [], history: [step('2019-09-03', 'assigned')] },
    ];
    const content = new TextEncoder().encode(buildDetailsFiles(rows).historyContent);
    const entry = { path: 'defect-history.json', sha256: sha256Hex(content) };
    const serveHistory = () =>
      server.use(http.get(`${BASE}/defect-history.json`, () => new HttpResponse(content.slice())));

    it('are fetched, checked and decoded in the worker, their arrays transferred', async () => {
      serveHistory();
      const handler = createDefectsHandler();
      const { response, transfer } = await handler.history(
        { id: 7, type: 'history', baseUrl: BASE, entry, count: rows.length },
        fetch,
      );
      const { result } = ok(response, 'history');
      if (!result.ok) throw new Error(result.error.message);
      expect(transfer).toEqual([
        result.histories.start.buffer,
        result.histories.day.buffer,
        result.histories.to.buffer,
      ]);
      expect(historyOf(result.histories, 0)).toEqual([
        { date: '2019-09-01', to: 'reported' },
        { date: '2019-09-05', to: 'closed' },
      ]);
      expect(historyOf(result.histories, 1)).toBeUndefined();
      expect(historyOf(result.histories, 2)).toEqual([{ date: '2019-09-03', to: 'assigned' }]);
    });

    it('name the file when its hash or its count is wrong', async () => {
      serveHistory();
      const handler = createDefectsHandler();
      const answer = async (e: typeof entry, count: number) =>
        ok(
          (await handler.history({ id: 1, type: 'history', baseUrl: BASE, entry: e, count }, fetch)).response,
          'history',
        ).result;
      expect(await answer(entry, rows.length + 1)).toEqual({
        ok: false,
        error: { file: 'defect-history.json', message: expect.stringContaining('not from the same refresh') },
      });
      expect(await answer({ ...entry, sha256: 'f'.repeat(64) }, rows.length)).toEqual({
        ok: false,
        error: { file: 'defect-history.json', message: expect.stringContaining('sha256') },
      });
    });

    it('reach the page through the client, and load on the page once the worker is gone', async () => {
      serveHistory();
      const client = createDefectsClient(fetchingWorker());
      const viaWorker = await client.histories(BASE, entry, rows.length);
      expect(viaWorker.ok && historyOf(viaWorker.histories, 2)).toEqual([{ date: '2019-09-03', to: 'assigned' }]);
      // Terminated while asked (a remount): the page fetches and decodes them itself.
      const silent = fetchingWorker();
      silent.postMessage = () => undefined;
      const gone = createDefectsClient(silent);
      const asked = gone.histories(BASE, entry, rows.length);
      gone.terminate();
      expect(await asked).toEqual(viaWorker);
    });
  });

  it('a load after the worker projected the fetched table in the meantime draws the same markers', async () => {
    serve();
    const markers = async (wait: boolean) => {
      const handler = createDefectsHandler();
      await handler.fetch({ id: 1, type: 'fetch', files }, fetch);
      // The page takes the table before it asks for a load: the worker projects it then.
      if (wait) await new Promise((done) => setTimeout(done, 5));
      handler.handle({ id: 2, type: 'load', campaign });
      handler.handle({ id: 3, type: 'filter', filter: {}, asOfDate: AS_OF });
      return ok(handler.handle({ id: 4, type: 'view', view: { bbox: WORLD, zoom: 11 } }).response, 'viewed');
    };
    const later = await markers(true);
    expect(later.inView).toBeGreaterThan(0);
    expect(later).toEqual(await markers(false));
  });

  it('names defects.bin when its bytes do not match the manifest, and keeps no table', async () => {
    const tampered = bin.slice();
    tampered[tampered.length - 1] ^= 1;
    serve(tampered);
    const handler = createDefectsHandler();
    const fetched = ok((await handler.fetch({ id: 1, type: 'fetch', files }, fetch)).response, 'fetched');
    expect(fetched.columns).toBeNull();
    expect(fetched.errors).toEqual([
      { file: 'defects.bin', message: expect.stringMatching(/^content does not match manifest\.json \(sha256/) },
    ]);
    expect(ok(handler.handle({ id: 2, type: 'load', campaign }).response, 'error').message).toContain(
      'load without a table before any fetch',
    );
  });

  it('a fetch of the files the boot script prefetched takes that result: each file is fetched once', async () => {
    const hits: string[] = [];
    server.events.on('request:start', ({ request }) => hits.push(new URL(request.url).pathname));
    serve();
    const handler = createDefectsHandler();
    handler.prefetch({ id: 0, type: 'prefetch', files }, fetch);
    const fetched = ok((await handler.fetch({ id: 1, type: 'fetch', files }, fetch)).response, 'fetched');
    server.events.removeAllListeners();
    expect(fetched.errors).toEqual([]);
    // The table's file once; the ids not at all until asked for.
    expect(hits.sort()).toEqual(['/data/defects.bin']);
    expect(ok(handler.handle({ id: 2, type: 'load', campaign }).response, 'loaded').count).toBe(columns.count);
  });

  it('other files than the prefetched ones are fetched afresh, and their errors name them', async () => {
    serve();
    server.use(http.get(`${BASE}/other.bin`, () => new HttpResponse(null, { status: 404 })));
    const handler = createDefectsHandler();
    handler.prefetch({ id: 0, type: 'prefetch', files }, fetch);
    const other = { ...files, bin: { ...files.bin, url: `${BASE}/other.bin`, path: 'other.bin' } };
    const fetched = ok((await handler.fetch({ id: 1, type: 'fetch', files: other }, fetch)).response, 'fetched');
    expect(fetched.columns).toBeNull();
    expect(fetched.errors).toEqual([{ file: 'other.bin', message: 'HTTP 404 (missing)' }]);
  });

  it('keeps the table of the latest fetch, even when an earlier one finishes last', async () => {
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const small = encodeDefectsBin({ ...columns, count: 0, coords: [], ...emptyNumberColumns() });
    const smallFiles = {
      bin: { url: `${BASE}/small.bin`, path: 'small.bin', sha256: sha256Hex(small) },
      ids: null,
    };
    serve();
    server.use(
      http.get(`${BASE}/defects.bin`, async () => {
        await slow;
        return new HttpResponse(bin.slice());
      }),
      http.get(`${BASE}/small.bin`, () => new HttpResponse(small.slice())),
    );
    const handler = createDefectsHandler();
    const first = handler.fetch({ id: 1, type: 'fetch', files }, fetch);
    const second = await handler.fetch({ id: 2, type: 'fetch', files: smallFiles }, fetch);
    release();
    await first;
    expect(ok(second.response, 'fetched').columns!.count).toBe(0);
    expect(ok(handler.handle({ id: 3, type: 'load', campaign }).response, 'loaded').count).toBe(0);
  });

  it('loads through the client: fetched columns are held, so load needs no table', async () => {
    serve();
    const client = createDefectsClient(fetchingWorker());
    const { columns: copy, errors } = await client.fetchDefects(files);
    expect(errors).toEqual([]);
    expect(client.holds(copy!)).toBe(true);
    expect(client.holds(columns)).toBe(false);
    // The ids come when asked for: until then nothing answers; then the page reads ids by row and finds a row by
    // id, as it did with the array.
    expect([copy!.id.length, copy!.id.at(0), idsReady(copy!.id)]).toEqual([columns.count, undefined, false]);
    await whenIds(copy!.id);
    expect(idsToArray(copy!.id)).toEqual(columns.id);
    expect(copy!.id.indexOf(columns.id[17])).toBe(columns.id.indexOf(columns.id[17]));
    expect(await client.load(null, campaign)).toBe(columns.count);
  });

  it('fetches the ids on the page when the worker that gave the columns was terminated (a remount)', async () => {
    serve();
    const client = createDefectsClient(fetchingWorker());
    const { columns: copy } = await client.fetchDefects(files);
    client.terminate();
    await whenIds(copy!.id);
    expect(idsToArray(copy!.id)).toEqual(columns.id);
  });
});

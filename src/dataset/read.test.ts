import { idsToArray } from './packed-ids';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { sha256Hex } from './hash';
import { loadDataset, type LoadedDataset } from './read';
import { smallModel } from './test-data';
import { buildDataset } from './write';

const here = dirname(fileURLToPath(import.meta.url));
const campaign = parseCampaign(JSON.parse(readFileSync(join(here, '../../data/campaign.json'), 'utf8')));
const BASE = 'http://dashboard.test/data';
const built = buildDataset(smallModel(), campaign, { generatedAt: '2019-09-12T08:00:00.000Z' });

/** Serves the built data set, with per-path overrides. */
function serve(overrides: Record<string, () => Response> = {}) {
  const files: Record<string, string | Uint8Array> = { 'manifest.json': built.manifestContent };
  for (const f of built.files) files[f.path] = f.content;
  server.use(
    http.get(`${BASE}/:file`, ({ params }) => {
      const name = String(params.file);
      if (overrides[name]) return overrides[name]();
      return name in files
        ? new HttpResponse(files[name], { headers: { 'Content-Type': 'application/json' } })
        : new HttpResponse(null, { status: 404 });
    }),
  );
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('loadDataset', () => {
  test('loads every file of a good data set', async () => {
    serve();
    const { manifest, data, errors } = await loadDataset(`${BASE}/`, fetch);
    expect(errors).toEqual([]);
    expect(manifest?.asOfDate).toBe('2019-09-12');
    // The ids come inside the defects' columns; the details index and the histories are read on demand
    // (details.ts), never by the load.
    const notLoaded = ['defectIds', 'defectDetails', 'defectHistory'];
    expect(Object.keys(data).sort()).toEqual(
      built.files
        .map((f) => f.key)
        .filter((k) => !notLoaded.includes(k))
        .sort(),
    );
    expect(idsToArray(data.defects!.id)).toEqual(['D1', 'D2']);
    expect(data.defects?.found).toBeInstanceOf(Int32Array);
    expect(Array.from(data.defects!.coords)).toEqual([122.11, 30.03, 122.1, 30.02]);
    expect(data.communities?.features[0].properties.name).toBe('西安社区');
  });

  test('a missing file, a malformed file and a file from another refresh each name themselves; the rest loads', async () => {
    const streets = built.files.find((f) => f.key === 'streets')!.content as string;
    // A malformed file whose manifest entry matches it (say, hand-edited), so the JSON parse is what fails.
    const malformed = '[{"community": "C1", ';
    const manifest = JSON.parse(built.manifestContent);
    manifest.files.visits.sha256 = sha256Hex(new TextEncoder().encode(malformed));
    serve({
      'manifest.json': () => HttpResponse.json(manifest),
      'markets.geojson': () => new HttpResponse('Not Found', { status: 404 }),
      'visits.json': () => new HttpResponse(malformed, { headers: { 'Content-Type': 'application/json' } }),
      'streets.geojson': () =>
        new HttpResponse(streets.replace('和宁巷', '和平巷'), { headers: { 'Content-Type': 'application/json' } }),
    });
    const { data, errors } = await loadDataset(BASE, fetch);
    expect(errors).toEqual([
      { file: 'markets.geojson', message: 'HTTP 404 (missing)' },
      {
        file: 'streets.geojson',
        message: expect.stringMatching(
          /^content does not match manifest\.json \(sha256 [0-9a-f]{12}…, expected [0-9a-f]{12}…\)$/,
        ),
      },
      { file: 'visits.json', message: expect.stringMatching(/^not valid JSON: /) },
    ]);
    expect(data.markets).toBeUndefined();
    expect(data.streets).toBeUndefined();
    expect(data.visits).toBeUndefined();
    expect(data.communities?.features).toHaveLength(1);
    expect(data.defects?.count).toBe(2);
    expect(Object.keys(data)).toHaveLength(built.files.length - 3 - 3);
  });

  test('a defects.bin with the right hash but cut short, or ids that do not match it, are named', async () => {
    const bin = built.files.find((f) => f.key === 'defects')!.content as Uint8Array;
    const short = bin.slice(0, bin.byteLength - 4);
    const ids = JSON.stringify(['D1']);
    const manifest = JSON.parse(built.manifestContent);
    manifest.files.defects = { ...manifest.files.defects, sha256: sha256Hex(short) };
    serve({
      'manifest.json': () => HttpResponse.json(manifest),
      'defects.bin': () => new HttpResponse(short),
    });
    const cut = await loadDataset(BASE, fetch);
    expect(cut.errors).toEqual([
      { file: 'defects.bin', message: expect.stringMatching(/^updated: ends at byte \d+, past the end of the file/) },
    ]);
    expect(cut.data.defects).toBeUndefined();
    expect(cut.data.boundary?.properties.adcode).toBe('330902');

    manifest.files.defects = JSON.parse(built.manifestContent).files.defects;
    manifest.files.defectIds = { ...manifest.files.defectIds, sha256: sha256Hex(new TextEncoder().encode(ids)) };
    serve({ 'manifest.json': () => HttpResponse.json(manifest), 'defect-ids.json': () => new HttpResponse(ids) });
    const fewer = await loadDataset(BASE, fetch);
    expect(fewer.errors).toEqual([{ file: 'defect-ids.json', message: 'has 1 ids, defects.bin has 2 defects' }]);
    // The markers still draw without ids.
    expect(fewer.data.defects?.count).toBe(2);
    expect(fewer.data.defects?.id).toEqual([]);
  });

  test('both defect files broken at once: each named, the rest of the data set still loads', async () => {
    const notIds = 'null';
    const manifest = JSON.parse(built.manifestContent);
    manifest.files.defectIds = { ...manifest.files.defectIds, sha256: sha256Hex(new TextEncoder().encode(notIds)) };
    serve({
      'manifest.json': () => HttpResponse.json(manifest),
      'defects.bin': () => new HttpResponse(null, { status: 404 }),
      'defect-ids.json': () => new HttpResponse(notIds),
    });
    const broken = await loadDataset(BASE, fetch);
    expect(broken.errors).toEqual([
      { file: 'defects.bin', message: 'HTTP 404 (missing)' },
      { file: 'defect-ids.json', message: 'not a JSON array of strings' },
    ]);
    expect(broken.data.defects).toBeUndefined();
    expect(broken.data.boundary?.properties.adcode).toBe('330902');
  });

  test('a data set from before defects.bin says to run the refresh again', async () => {
    const manifest = JSON.parse(built.manifestContent);
    manifest.files.defects = { ...manifest.files.defects, path: 'defects.json' };
    delete manifest.files.defectIds;
    serve({ 'manifest.json': () => HttpResponse.json(manifest) });
    const { data, errors } = await loadDataset(BASE, fetch);
    expect(errors).toEqual([
      {
        file: 'defects.json',
        message: 'written by an older refresh: this app reads defects.bin; run the refresh again',
      },
    ]);
    expect(data.defects).toBeUndefined();
    expect(data.communities?.features).toHaveLength(1);
  });

  test('hands the defect files to the given loader (the app: the defects worker)', async () => {
    serve();
    const asked: string[] = [];
    const { data, errors } = await loadDataset(BASE, fetch, {
      loadDefects: async (files) => {
        asked.push(files.bin.url, files.ids!.url);
        return { columns: null, errors: [{ file: 'defects.bin', message: 'from the loader' }] };
      },
    });
    expect(asked).toEqual([`${BASE}/defects.bin`, `${BASE}/defect-ids.json`]);
    expect(errors).toEqual([{ file: 'defects.bin', message: 'from the loader' }]);
    expect(data.defects).toBeUndefined();
  });

  test('loads the import report when the manifest lists it; an older data set without one loads without an error', async () => {
    const withReport = buildDataset(smallModel(), campaign, {
      generatedAt: '2019-09-12T08:00:00.000Z',
      importReport: { sources: [], stats: [], problems: [] },
    });
    const report = withReport.files.find((f) => f.key === 'importReport')!.content as string;
    serve({
      'manifest.json': () => new HttpResponse(withReport.manifestContent),
      'import-report.json': () => new HttpResponse(report),
    });
    const loaded = await loadDataset(BASE, fetch);
    expect(loaded.errors).toEqual([]);
    expect(loaded.data.importReport?.coverage.map((c) => c.ruleId)).toEqual(['R300', 'R500', 'R1000']);

    serve();
    const older = await loadDataset(BASE, fetch);
    expect(older.errors).toEqual([]);
    expect(older.data.importReport).toBeUndefined();

    serve({
      'manifest.json': () => new HttpResponse(withReport.manifestContent),
      'import-report.json': () => new HttpResponse(report.replace('"schemaVersion":1', '"schemaVersion":1 ')),
    });
    const broken = await loadDataset(BASE, fetch);
    expect(broken.errors).toEqual([
      { file: 'import-report.json', message: expect.stringMatching(/^content does not match manifest\.json/) },
    ]);
    expect(broken.data.communities?.features).toHaveLength(1);
  });

  test('a network failure on one file is reported, not thrown', async () => {
    serve({ 'land.geojson': () => HttpResponse.error() });
    const { errors } = await loadDataset(BASE, fetch);
    expect(errors).toEqual([{ file: 'land.geojson', message: expect.stringMatching(/^could not be fetched: /) }]);
  });

  test('without a usable manifest nothing else is fetched', async () => {
    serve({ 'manifest.json': () => HttpResponse.json({ ...JSON.parse(built.manifestContent), schemaVersion: 2 }) });
    expect(await loadDataset(BASE, fetch)).toEqual({
      manifest: null,
      data: {},
      errors: [{ file: 'manifest.json', message: 'schema version 2, this app reads version 1: run the refresh again' }],
    });
    serve({ 'manifest.json': () => new HttpResponse(null, { status: 404 }) });
    expect((await loadDataset(BASE, fetch)).errors).toEqual([{ file: 'manifest.json', message: 'HTTP 404 (missing)' }]);
  });

  test('with onBase, a first answer holds everything but the defects, before the defects have arrived', async () => {
    let releaseDefects = () => {};
    const defectsHeld = new Promise<void>((resolve) => (releaseDefects = resolve));
    const defects = built.files.find((f) => f.key === 'defects')!.content;
    serve();
    // Hold the defects back until the first answer came, so it cannot have them.
    server.use(
      http.get(`${BASE}/defects.bin`, async () => {
        await defectsHeld;
        return new HttpResponse(defects);
      }),
    );
    const bases: LoadedDataset[] = [];
    const full = loadDataset(BASE, fetch, {
      onBase: (base) => {
        bases.push(base);
        releaseDefects();
      },
    });
    const { data, errors, pending } = await full;
    expect(bases).toHaveLength(1);
    expect(bases[0].data.defects).toBeUndefined();
    expect(bases[0].data.communities?.features.length).toBeGreaterThan(0);
    expect(bases[0].pending).toEqual(['defects.bin', 'defect-ids.json']);
    expect(errors).toEqual([]);
    expect(pending).toBeUndefined();
    expect(idsToArray(data.defects!.id)).toEqual(['D1', 'D2']);
  });
});

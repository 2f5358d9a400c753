import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { DefectState } from '../campaign/types';
import {
  buildDetailsFiles,
  checkHistoryColumns,
  decodeHistories,
  detailsChunkPath,
  historiesFromLists,
  historyOf,
  isDetailsChunkPath,
  type DetailsRow,
} from './details';
import { DetailsReader, loadHistories } from './details-reader';
import { sha256Hex } from './hash';
import type { DefectHistoryEntry } from './types';

const BASE = 'http://dashboard.test/data';

/** `n` defects D0000…; defect k has k % 4 steps from 2019-09-01 on, one every k % 3 + 1 days. */
function rows(n: number): DetailsRow[] {
  const states: DefectState[] = ['reported', 'assigned', 'in_progress', 'closed'];
  return Array.from({ length: n }, (_, k) => {
    const history: DefectHistoryEntry[] = [];
    for (let j = 0; j < k % 4; j++) {
      const day = 1 + j * ((k % 3) + 1);
      history.push({
        date: `2019-09-${String(day).padStart(2, '0')}`,
        from: j ? states[j - 1] : null,
        to: states[j],
        unit: 'U-CG',
        ...(j === 2 && k === 7
          ? {
              field: {
                record: 'R1',
                verdict: 'stillThere' as const,
                by: '张三',
                time: '2019-09-07T10:00:00+08:00',
                lngLat: [122.1, 30.02] as [number, number],
                accuracyM: 8,
                note: '仍有',
                photos: ['field-photo-R1_1.jpg'],
              },
            }
          : {}),
      });
    }
    return {
      id: `D${String(k).padStart(4, '0')}`,
      description: `问题 ${k}`,
      photos: k % 5 ? [] : [`p/${k}.jpg`],
      history,
    };
  });
}

/** Serves the files of `built` under BASE, with per-file overrides. */
function serve(built: ReturnType<typeof buildDetailsFiles>, overrides: Record<string, () => Response> = {}) {
  const files: Record<string, string> = {
    'defect-details-index.json': built.indexContent,
    'defect-history.json': built.historyContent,
  };
  for (const c of built.chunks) files[c.path] = c.content;
  const requested: string[] = [];
  server.use(
    http.get(`${BASE}/:file`, ({ params, request }) => {
      const name = String(params.file);
      requested.push(`${name}${new URL(request.url).search}`);
      if (overrides[name]) return overrides[name]();
      return name in files ? new HttpResponse(files[name]) : new HttpResponse(null, { status: 404 });
    }),
  );
  return requested;
}

const indexEntry = (built: ReturnType<typeof buildDetailsFiles>) => ({
  path: 'defect-details-index.json',
  sha256: sha(built.indexContent),
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const sha = (text: string) => sha256Hex(new TextEncoder().encode(text));

describe('buildDetailsFiles', () => {
  test('cuts the details into chunks of chunkSize in row order, each listed with its range, bytes and hash', () => {
    const built = buildDetailsFiles(rows(7), { chunkSize: 3 });
    expect(built.index.chunks.map((c) => [c.path, c.first, c.count])).toEqual([
      ['defect-details-0000.json', 0, 3],
      ['defect-details-0001.json', 3, 3],
      ['defect-details-0002.json', 6, 1],
    ]);
    for (const [k, c] of built.chunks.entries()) {
      expect(built.index.chunks[k].sha256).toBe(sha(c.content));
      expect(built.index.chunks[k].bytes).toBe(new TextEncoder().encode(c.content).byteLength);
    }
    expect(Object.keys(JSON.parse(built.chunks[1].content))).toEqual(['D0003', 'D0004', 'D0005']);
    expect(JSON.parse(built.indexContent)).toEqual(built.index);
  });

  test('no defects: an index without chunks and an empty history file', () => {
    const built = buildDetailsFiles([]);
    expect(built.index).toMatchObject({ count: 0, chunks: [] });
    expect(decodeHistories(built.history, 0).start).toEqual(new Int32Array([0]));
    expect(checkHistoryColumns(built.history)).toBeNull();
  });

  test('the history file gives back every (date, state) step, field steps included', () => {
    const input = rows(50);
    const built = buildDetailsFiles(input);
    expect(checkHistoryColumns(JSON.parse(built.historyContent))).toBeNull();
    const decoded = decodeHistories(JSON.parse(built.historyContent), input.length);
    input.forEach((r, row) =>
      expect(historyOf(decoded, row)).toEqual(
        r.history.length ? r.history.map(({ date, to }) => ({ date, to })) : undefined,
      ),
    );
    expect(historyOf(decoded, 0)).toBeUndefined();
    expect(historyOf(decoded, 50)).toBeUndefined();
    expect(historyOf(null, 7)).toBeUndefined();
    expect(historyOf(decoded, 7)).toEqual([
      { date: '2019-09-01', to: 'reported' },
      { date: '2019-09-03', to: 'assigned' },
      { date: '2019-09-05', to: 'in_progress' },
    ]);
  });

  test('a history file for another number of defects is refused', () => {
    const built = buildDetailsFiles(rows(3));
    expect(() => decodeHistories(built.history, 1)).toThrow('describes 3 defects, defects.bin 1');
  });

  test('histories from lists give the same steps back, across long gaps and on one day', () => {
    const lists = [
      undefined,
      [
        { date: '2019-01-31', to: 'reported' as const },
        { date: '2019-01-31', to: 'assigned' as const },
        { date: '2020-03-01', to: 'closed' as const },
      ],
      [],
    ];
    const h = historiesFromLists(lists);
    expect([0, 1, 2].map((row) => historyOf(h, row))).toEqual([undefined, lists[1], undefined]);
  });

  test('chunk names', () => {
    expect(detailsChunkPath(7)).toBe('defect-details-0007.json');
    expect(detailsChunkPath(12345)).toBe('defect-details-12345.json');
    expect(isDetailsChunkPath('defect-details-0007.json')).toBe(true);
    expect(
      ['defect-details-index.json', 'defect-details-7.json', 'x/defect-details-0001.json'].map(isDetailsChunkPath),
    ).toEqual([false, false, false]);
  });
});

describe('DetailsReader', () => {
  test('round trip: a row fetches the index and its one chunk (by hash), once', async () => {
    const input = rows(8);
    const built = buildDetailsFiles(input, { chunkSize: 3 });
    const requested = serve(built);
    const reader = new DetailsReader(`${BASE}/`, fetch, indexEntry(built));
    const first = await reader.chunkOfRow(4);
    expect(first.ok && first.details.D0004).toEqual({
      description: input[4].description,
      photos: input[4].photos,
      history: input[4].history,
    });
    const again = await reader.chunkOfRow(5);
    expect(again.ok && Object.keys(again.details)).toEqual(['D0003', 'D0004', 'D0005']);
    const last = await reader.chunkOfRow(7);
    expect(last.ok && last.details.D0007.history[2].field?.photos).toEqual(['field-photo-R1_1.jpg']);
    expect(requested).toEqual([
      'defect-details-index.json',
      `defect-details-0001.json?sha256=${built.index.chunks[1].sha256}`,
      `defect-details-0002.json?sha256=${built.index.chunks[2].sha256}`,
    ]);
  });

  test('a chunk that does not match its hash is an error naming the chunk; other chunks still load', async () => {
    const built = buildDetailsFiles(rows(7), { chunkSize: 3 });
    serve(built, {
      'defect-details-0001.json': () => new HttpResponse(built.chunks[1].content.replace('问题 4', '问题 X')),
    });
    const reader = new DetailsReader(BASE, fetch, indexEntry(built));
    expect(await reader.chunkOfRow(4)).toEqual({
      ok: false,
      error: {
        file: 'defect-details-0001.json',
        message: expect.stringMatching(/^content does not match manifest\.json \(sha256 [0-9a-f]{12}…/),
      },
    });
    expect((await reader.chunkOfRow(0)).ok).toBe(true);
    const many = await reader.rows([0, 1, 4, 6]);
    expect(Object.keys(many.details)).toEqual(['D0000', 'D0001', 'D0002', 'D0006']);
    expect(many.chunks.map((c) => c.path)).toEqual([
      'defect-details-0000.json',
      'defect-details-0001.json',
      'defect-details-0002.json',
    ]);
    expect(many.errors.map((e) => e.file)).toEqual(['defect-details-0001.json']);
  });

  test('a broken index names the index; a row past the end says so', async () => {
    const built = buildDetailsFiles(rows(4), { chunkSize: 3 });
    serve(built);
    const wrong = new DetailsReader(BASE, fetch, { path: 'defect-details-index.json', sha256: '0'.repeat(64) });
    const failed = await wrong.chunkOfRow(0);
    expect(!failed.ok && failed.error.file).toBe('defect-details-index.json');
    const reader = new DetailsReader(BASE, fetch, indexEntry(built));
    expect(await reader.chunkOfRow(9)).toEqual({
      ok: false,
      error: { file: 'defect-details-index.json', message: 'no chunk holds defect row 9' },
    });
  });
});

describe('loadHistories', () => {
  test('loads and decodes the history file; a wrong hash names it', async () => {
    const input = rows(6);
    const built = buildDetailsFiles(input);
    serve(built);
    const entry = { path: 'defect-history.json', sha256: sha(built.historyContent) };
    const loaded = await loadHistories(BASE, fetch, entry, input.length);
    expect(loaded.ok && historyOf(loaded.histories, 3)?.map((h) => h.to)).toEqual([
      'reported',
      'assigned',
      'in_progress',
    ]);
    const bad = await loadHistories(BASE, fetch, { ...entry, sha256: '1'.repeat(64) }, input.length);
    expect(!bad.ok && bad.error.file).toBe('defect-history.json');
  });
});

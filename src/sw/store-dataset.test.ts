import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../dataset/hash';
import { hashedKey } from '../dataset/offline';
import { storeDataset } from './store-dataset';

const ORIGIN = 'https://zonemap.test';
const FOLDER = `${ORIGIN}/zonemap/data`;

/** The Cache API as far as storeDataset uses it, in memory (Node has no CacheStorage). */
class MemoryCache {
  entries = new Map<string, Response>();
  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    return this.entries.get(urlOf(key))?.clone();
  }
  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    this.entries.set(urlOf(key), response.clone());
  }
  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
  async delete(key: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(urlOf(key));
  }
}
const urlOf = (key: RequestInfo | URL) => (typeof key === 'string' ? key : key instanceof URL ? key.href : key.url);

/** A data set of two files served by msw; `served` overrides what the server sends for a file. */
function dataset(generatedAt: string, files: Record<string, string>, served: Record<string, string> = {}) {
  const manifest = {
    schemaVersion: 1,
    generatedAt,
    files: Object.fromEntries(
      Object.entries(files).map(([path, body]) => [
        path.replace('.json', ''),
        { path, count: 1, bytes: body.length, sha256: sha256Hex(new TextEncoder().encode(body)) },
      ]),
    ),
  };
  const bodies: Record<string, string> = { 'manifest.json': JSON.stringify(manifest), ...files, ...served };
  server.use(
    http.get(`${FOLDER}/:file`, ({ params }) => {
      const body = bodies[String(params.file)];
      return body === undefined ? new HttpResponse(null, { status: 404 }) : HttpResponse.text(body);
    }),
    http.get(`${FOLDER}/photos/:file`, () => HttpResponse.text('JPEG')),
  );
  return manifest;
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const options = { fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init), origin: ORIGIN };
const sha = (body: string) => sha256Hex(new TextEncoder().encode(body));

describe('storeDataset', () => {
  it('stores every file under its hash, then the manifest, and counts what it fetched', async () => {
    const cache = new MemoryCache();
    const manifest = dataset('2019-09-12T10:00:00.000Z', { 'a.json': '{"a":1}', 'b.json': '[1,2,3]' });
    const report = await storeDataset(cache as unknown as Cache, FOLDER, [`${FOLDER}/photos/1.jpg`], options);
    expect(report).toEqual({
      files: 4,
      bytes: 7 + 7 + 4 + JSON.stringify(manifest).length,
      fetchedFiles: 3,
      fetchedBytes: 18,
      failed: [],
      generatedAt: '2019-09-12T10:00:00.000Z',
    });
    expect([...cache.entries.keys()].sort()).toEqual(
      [
        `${FOLDER}/manifest.json`,
        hashedKey(`${FOLDER}/a.json`, sha('{"a":1}')),
        hashedKey(`${FOLDER}/b.json`, sha('[1,2,3]')),
        `${FOLDER}/photos/1.jpg`,
      ].sort(),
    );

    // Again: nothing to fetch.
    const again = await storeDataset(cache as unknown as Cache, FOLDER, [`${FOLDER}/photos/1.jpg`], options);
    expect([again.files, again.fetchedFiles, again.bytes]).toEqual([4, 0, report.bytes]);
  });

  it('keeps the previous complete set when a file of the new one does not match its hash', async () => {
    const cache = new MemoryCache();
    dataset('2019-09-12T10:00:00.000Z', { 'a.json': '{"a":1}', 'b.json': '[1,2,3]' });
    await storeDataset(cache as unknown as Cache, FOLDER, [], options);
    const before = await (await cache.match(`${FOLDER}/manifest.json`))!.text();

    server.resetHandlers();
    dataset('2019-09-13T10:00:00.000Z', { 'a.json': '{"a":2}', 'b.json': '[1,2,3]' }, { 'a.json': '{"a":"tampered"}' });
    const report = await storeDataset(cache as unknown as Cache, FOLDER, [], options);
    expect(report.failed).toEqual(['a.json: does not match manifest.json']);
    expect(await (await cache.match(`${FOLDER}/manifest.json`))!.text()).toBe(before);
    expect(cache.entries.has(hashedKey(`${FOLDER}/a.json`, sha('{"a":1}')))).toBe(true);
    expect(cache.entries.has(hashedKey(`${FOLDER}/a.json`, sha('{"a":2}')))).toBe(false);
  });

  it('replaces the old set by the new one once it is complete, dropping the old hashed copies', async () => {
    const cache = new MemoryCache();
    dataset('2019-09-12T10:00:00.000Z', { 'a.json': '{"a":1}', 'b.json': '[1,2,3]' });
    await storeDataset(cache as unknown as Cache, FOLDER, [], options);
    server.resetHandlers();
    dataset('2019-09-13T10:00:00.000Z', { 'a.json': '{"a":2}', 'b.json': '[1,2,3]' });
    const report = await storeDataset(cache as unknown as Cache, FOLDER, [], options);
    expect([report.fetchedFiles, report.generatedAt]).toEqual([1, '2019-09-13T10:00:00.000Z']);
    expect([...cache.entries.keys()].filter((k) => k.includes('a.json'))).toEqual([
      hashedKey(`${FOLDER}/a.json`, sha('{"a":2}')),
    ]);
  });

  it('offline, reports the stored set; with nothing stored, says so', async () => {
    const cache = new MemoryCache();
    dataset('2019-09-12T10:00:00.000Z', { 'a.json': '{"a":1}' });
    await storeDataset(cache as unknown as Cache, FOLDER, [], options);
    server.resetHandlers();
    server.use(http.get(`${FOLDER}/:file`, () => HttpResponse.error()));
    const report = await storeDataset(cache as unknown as Cache, FOLDER, [], options);
    expect([report.files, report.fetchedFiles, report.failed, report.generatedAt]).toEqual([
      2,
      0,
      [],
      '2019-09-12T10:00:00.000Z',
    ]);
    await expect(storeDataset(new MemoryCache() as unknown as Cache, FOLDER, [], options)).rejects.toThrow(
      'manifest.json could not be fetched and no copy is stored',
    );
  });

  it('skips extra files on other hosts', async () => {
    const cache = new MemoryCache();
    dataset('2019-09-12T10:00:00.000Z', { 'a.json': '{"a":1}' });
    const report = await storeDataset(cache as unknown as Cache, FOLDER, ['https://elsewhere.test/x.jpg'], options);
    expect(report.files).toBe(2);
  });
});

describe('storeDataset with details chunks (asked for by hash)', () => {
  /** A data set whose manifest lists a details index of two chunks; the chunks are served but not in the manifest. */
  function withChunks(generatedAt: string, servedChunk1 = '{"D2":{"history":[]}}') {
    const chunks = ['{"D1":{"history":[]}}', '{"D2":{"history":[]}}'];
    const index = JSON.stringify({
      schemaVersion: 1,
      count: 2,
      chunkSize: 1,
      chunks: chunks.map((body, k) => ({
        path: `defect-details-000${k}.json`,
        first: k,
        count: 1,
        bytes: body.length,
        sha256: sha(body),
      })),
    });
    const manifest = {
      schemaVersion: 1,
      generatedAt,
      files: {
        defectDetails: { path: 'defect-details-index.json', count: 2, bytes: index.length, sha256: sha(index) },
      },
    };
    const bodies: Record<string, string> = {
      'manifest.json': JSON.stringify(manifest),
      'defect-details-index.json': index,
      'defect-details-0000.json': chunks[0],
      'defect-details-0001.json': servedChunk1,
    };
    server.use(http.get(`${FOLDER}/:file`, ({ params }) => HttpResponse.text(bodies[String(params.file)])));
    const chunkUrl = (k: number) => `${FOLDER}/defect-details-000${k}.json?sha256=${sha(chunks[k])}`;
    return { chunks, chunkUrl, index, manifestText: bodies['manifest.json'] };
  }

  it('stores the chunks a trip names, checked, under their hashed key, counts them, and keeps them on the next store', async () => {
    const cache = new MemoryCache();
    const { chunks, chunkUrl } = withChunks('2019-09-12T10:00:00.000Z');
    const report = await storeDataset(cache as unknown as Cache, FOLDER, [chunkUrl(0)], options);
    expect(report.failed).toEqual([]);
    expect(report.files).toBe(3);
    expect(cache.entries.has(chunkUrl(0))).toBe(true);
    expect(cache.entries.has(chunkUrl(1))).toBe(false);
    expect(report.fetchedBytes).toBeGreaterThanOrEqual(chunks[0].length);

    // A later data set with the same index: the stored chunk is not pruned, and not fetched again.
    withChunks('2019-09-13T10:00:00.000Z');
    const again = await storeDataset(cache as unknown as Cache, FOLDER, [], options);
    expect(again.failed).toEqual([]);
    expect(cache.entries.has(chunkUrl(0))).toBe(true);
  });

  it('counts every stored chunk in the size, however many are read from the cache at once', async () => {
    const cache = new MemoryCache();
    const { chunks, chunkUrl, index, manifestText } = withChunks('2019-09-12T10:00:00.000Z');
    await storeDataset(cache as unknown as Cache, FOLDER, [chunkUrl(0), chunkUrl(1)], options);
    const again = await storeDataset(cache as unknown as Cache, FOLDER, [chunkUrl(0), chunkUrl(1)], options);
    expect(again.fetchedFiles).toBe(0);
    expect(again.files).toBe(4);
    expect(again.bytes).toBe(index.length + chunks[0].length + chunks[1].length + manifestText.length);
  });

  it('a chunk that does not match its hash is named and not stored; the new manifest is not stored either', async () => {
    const cache = new MemoryCache();
    const { chunkUrl } = withChunks('2019-09-12T10:00:00.000Z', '{"D2":{"history":["changed"]}}');
    const report = await storeDataset(cache as unknown as Cache, FOLDER, [chunkUrl(1)], options);
    expect(report.failed).toEqual(['/zonemap/data/defect-details-0001.json: does not match manifest.json']);
    expect(cache.entries.has(chunkUrl(1))).toBe(false);
    expect(cache.entries.has(`${FOLDER}/manifest.json`)).toBe(false);
  });
});

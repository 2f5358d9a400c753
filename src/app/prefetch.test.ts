import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clearPrefetched, fetchPrefetched, MAX_AGE_MS, prefetch, takePrefetched } from './prefetch';

const ORIGIN = 'http://localhost';
let hits: Record<string, number> = {};
const manifest = {
  schemaVersion: 9,
  files: {
    campaign: { path: 'campaign.json', sha256: 'a' },
    streets: { path: 'streets.geojson', sha256: 'b' },
    defects: { path: 'defects.bin', sha256: 'c' },
    defectIds: { path: 'defect-ids.json', sha256: 'd' },
    defectDetails: { path: 'defect-details-index.json', sha256: 'e' },
    defectHistory: { path: 'defect-history.json', sha256: 'f' },
    sneaky: { path: '../secret.json', sha256: 'g' },
    'photo:field-photo-R1_1.jpg': { path: 'field-photo-R1_1.jpg', sha256: 'h' },
    photos: { path: 'field-photo-R2_1.jpg', sha256: 'i' },
  },
};
const server = setupServer(
  http.get(`${ORIGIN}/data/:file`, ({ params }) => {
    const file = String(params.file);
    hits[file] = (hits[file] ?? 0) + 1;
    if (file === 'manifest.json') return HttpResponse.json(manifest);
    if (file === 'gone.json') return HttpResponse.error();
    return HttpResponse.json({ file, hit: hits[file] });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  clearPrefetched();
  hits = {};
});
afterAll(() => server.close());

describe('prefetched data files', () => {
  it('are handed to as many takers as they were fetched for, each with the whole body, then fetched afresh', async () => {
    void prefetch('/data/campaign.json', 2);
    const first = await takePrefetched('/data/campaign.json');
    const second = await takePrefetched(`${ORIGIN}/data/campaign.json`);
    expect(await first!.json()).toEqual({ file: 'campaign.json', hit: 1 });
    expect(await second!.json()).toEqual({ file: 'campaign.json', hit: 1 });
    expect(takePrefetched('/data/campaign.json')).toBeNull();
    const third = await fetchPrefetched(`${ORIGIN}/data/campaign.json`);
    expect(await third.json()).toEqual({ file: 'campaign.json', hit: 2 });
  });

  it('are not used once their answer is older than MAX_AGE_MS, and then none of them is', async () => {
    void prefetch('/data/campaign.json');
    await prefetch('/data/streets.geojson');
    const later = Date.now() + MAX_AGE_MS + 1;
    expect(takePrefetched('/data/streets.geojson', later)).toBeNull();
    // Dropped with the rest: files of one manifest are never read against a fresher one.
    expect(takePrefetched('/data/campaign.json')).toBeNull();
  });

  it('count their age from the answer, not from the request', async () => {
    const longAgo = Date.now() - 2 * MAX_AGE_MS;
    await prefetch('/data/streets.geojson', 1, longAgo);
    const response = await takePrefetched('/data/streets.geojson');
    expect(await response!.json()).toEqual({ file: 'streets.geojson', hit: 1 });
  });

  it('answer only a plain GET of the same URL', async () => {
    void prefetch('/data/campaign.json');
    const post = await fetchPrefetched(`${ORIGIN}/data/campaign.json`, { method: 'POST' }).catch(() => null);
    expect(post?.status ?? 'no POST handler').not.toBe(200);
    const get = await fetchPrefetched(`${ORIGIN}/data/campaign.json`, { cache: 'no-cache' });
    expect(await get.json()).toEqual({ file: 'campaign.json', hit: 1 });
    expect(hits['campaign.json']).toBe(1);
  });

  it('pass a failed fetch on to the taker, who reports it as for any fetch', async () => {
    void prefetch('/data/gone.json');
    await expect(takePrefetched('/data/gone.json')).rejects.toThrow();
  });
});

describe('the boot script', () => {
  it('fetches the manifest, then the files a load reads at once: not defects, details, photos or odd paths', async () => {
    vi.resetModules();
    await import('./boot');
    await vi.waitFor(() => expect(hits['streets.geojson']).toBe(1));
    expect(Object.keys(hits).sort()).toEqual(['campaign.json', 'manifest.json', 'streets.geojson']);
    // The manifest waits for resolveSite and the loader; each file for the loader.
    const [a, b] = [takePrefetched('/data/manifest.json'), takePrefetched('/data/manifest.json')];
    expect((await (await a!).json()).files.campaign.path).toBe('campaign.json');
    expect((await (await b!).json()).files.streets.path).toBe('streets.geojson');
    expect(takePrefetched('/data/manifest.json')).toBeNull();
    expect(takePrefetched('/data/defects.bin')).toBeNull();
  });
});

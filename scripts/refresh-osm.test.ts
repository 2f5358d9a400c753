/**
 * `--osm-streets` against a mocked Overpass (msw; no real network): success feeds the streets into the data set
 * and caches the raw answer; a timeout, HTTP 429 and a malformed answer each give a clear message, exit 1, and
 * leave both the cache and public/data as they were.
 */
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { refresh } from './refresh';
import { writeDataDir } from './refresh-test-data';

const OVERPASS = 'https://overpass.test/api/interpreter';
const CACHE = 'osm/streets.overpass.json';

const way = (id: number, highway: string, name: string | undefined, coords: [number, number][]) => ({
  type: 'way',
  id,
  tags: { highway, ...(name ? { name } : {}) },
  geometry: coords.map(([lon, lat]) => ({ lat, lon })),
});
const ANSWER = {
  version: 0.6,
  elements: [
    way(101, 'primary', '解放西路', [
      [122.1, 30.02],
      [122.11, 30.021],
    ]),
    way(102, 'residential', undefined, [
      [122.105, 30.022],
      [122.106, 30.023],
    ]),
    way(103, 'service', '停车场通道', [
      [122.1, 30.02],
      [122.1001, 30.0201],
    ]),
    way(104, 'residential', '出界路', [
      [122.27, 30.1],
      [122.3, 30.1],
    ]),
  ],
};
const OLD_CACHE = JSON.stringify({
  version: 0.6,
  remark: 'the previous cache',
  elements: [
    way(1, 'tertiary', '旧路', [
      [122.1, 30.02],
      [122.12, 30.03],
    ]),
  ],
});

let work: string;
let data: string;
let out: string;
let lines: string[];
const run = (timeoutMs = 5000) =>
  refresh(
    { data, out, check: false, lenient: false, osmStreets: true, overpassUrl: OVERPASS, overpassTimeoutMs: timeoutMs },
    (l) => lines.push(l),
  );

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

beforeEach(() => {
  lines = [];
  work = mkdtempSync(join(tmpdir(), 'refresh-osm-'));
  data = join(work, 'data');
  out = join(work, 'public', 'data');
  writeDataDir(data, {
    communitiesCrs: 'wgs84',
    extraSources: [{ id: 'osm-streets', path: CACHE, kind: 'street', format: 'overpass', crs: 'wgs84' }],
  });
  mkdirSync(join(data, 'osm'));
  writeFileSync(
    join(data, 'communities.csv'),
    '编号,名称,区划代码,经度,纬度,所属街道\nC1,西安社区,330902002001,122.105,30.02,昌国街道\nC2,沈家门社区,330902004001,122.2,30.1,城东街道\n',
  );
  writeFileSync(join(data, CACHE), OLD_CACHE);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const cache = () => readFileSync(join(data, CACHE), 'utf8');
const streets = () => JSON.parse(readFileSync(join(out, 'streets.geojson'), 'utf8')).features;

describe('refresh --osm-streets', () => {
  test('success: the query covers the campaign bbox, the answer is cached raw, streets are classed and placed', async () => {
    let query = '';
    server.use(
      http.post(OVERPASS, async ({ request }) => {
        query = new URLSearchParams(await request.text()).get('data') ?? '';
        return HttpResponse.json(ANSWER);
      }),
    );
    expect(await run()).toBe(0);
    expect(query).toContain('(29.93173,121.81771,30.24959,122.27837)');
    expect(query).toMatch(/^\[out:json\]/);
    expect(JSON.parse(cache())).toEqual(ANSWER);
    expect(streets().map((f: { properties: unknown }) => f.properties)).toEqual([
      {
        id: 'osm-101',
        name: '解放西路',
        subdistrict: '330902002',
        unit: 'U-CG',
        lastInspected: null,
        sample: false,
        streetClass: 'main',
        onRoute: false,
      },
      {
        id: 'osm-102',
        name: '未命名residential',
        subdistrict: '330902002',
        unit: 'U-CG',
        lastInspected: null,
        sample: false,
        streetClass: 'back',
        onRoute: false,
      },
    ]);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^refresh: cached 4 OSM elements \\([\\d.]+ KiB\\) in ${CACHE}$`)),
    );
  });

  test('later refreshes work offline from the cache', async () => {
    expect(await refresh({ data, out, check: false, lenient: false }, (l) => lines.push(l))).toBe(0);
    expect(streets().map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['旧路']);
  });

  test.each([
    [
      'timeout',
      () => delay('infinite').then(() => HttpResponse.json(ANSWER)),
      /^refresh: Overpass did not answer within 0\.2 s \(https:\/\/overpass\.test\/api\/interpreter\); the cache .*streets\.overpass\.json is unchanged$/,
    ],
    [
      'HTTP 429',
      () => new HttpResponse('rate_limited', { status: 429, statusText: 'Too Many Requests' }),
      /^refresh: Overpass is rate-limiting this machine \(HTTP 429 Too Many Requests\): wait a few minutes or use another endpoint with --overpass-url; the cache .* is unchanged$/,
    ],
    [
      'HTTP 504',
      () => new HttpResponse('gateway', { status: 504, statusText: 'Gateway Timeout' }),
      /^refresh: Overpass answered HTTP 504 Gateway Timeout/,
    ],
    [
      'malformed answer',
      () => new HttpResponse('<html>Overpass API busy</html>', { status: 200 }),
      /^refresh: Overpass answer unusable: the answer is not valid JSON .*; the cache .* is unchanged$/,
    ],
    [
      'no elements',
      () => HttpResponse.json({ version: 0.6 }),
      /^refresh: Overpass answer unusable: the answer has no "elements" array/,
    ],
    [
      'server-side timeout remark',
      () =>
        HttpResponse.json({
          elements: [],
          remark: 'runtime error: Query timed out in "query" at line 2 after 91 seconds.',
        }),
      /^refresh: Overpass answer unusable: Overpass reported: runtime error: Query timed out/,
    ],
  ])('%s: a clear message, exit 1, cache and output kept', async (_name, answer, message) => {
    expect(await refresh({ data, out, check: false, lenient: false }, () => undefined)).toBe(0);
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    server.use(http.post(OVERPASS, answer));
    expect(await run(200)).toBe(1);
    expect(lines.at(-1)).toMatch(message);
    expect(cache()).toBe(OLD_CACHE);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
  });

  test('without an overpass source in sources.json the flag says what to add', async () => {
    const sources = JSON.parse(readFileSync(join(data, 'sources.json'), 'utf8'));
    sources.sources.pop();
    writeFileSync(join(data, 'sources.json'), JSON.stringify(sources));
    expect(await run()).toBe(1);
    expect(lines.at(-1)).toContain('sources.json lists no source with "format": "overpass"');
    expect(existsSync(out)).toBe(false);
  });
});

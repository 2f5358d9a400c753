import { describe, expect, it } from 'vitest';
import type { DistrictsIndex } from '@/dataset/districts';
import { currentDataUrl, resolveSite, siteFor, SITE_DATA_URL } from './site';

const entry = (adcode: string, name: string) => ({
  adcode,
  name,
  status: 'ok' as const,
  generatedAt: null,
  asOfDate: null,
  sample: true,
  rollup: null,
});
const index: DistrictsIndex = {
  schemaVersion: 1,
  generatedAt: '2019-09-12T08:00:00.000Z',
  districts: [entry('330902', '定海区'), entry('330921', '岱山县')],
};
/** A site whose data/manifest.json is `manifest` and data/districts.json answers `status` with `body`. */
const respond =
  (status: number, body: unknown, manifest: unknown = { schemaVersion: 1, districts: 'districts.json' }) =>
  (url: string | URL | Request) =>
    Promise.resolve(
      String(url).endsWith('/manifest.json')
        ? new Response(JSON.stringify(manifest), { status: 200 })
        : new Response(JSON.stringify(body), { status }),
    );

describe('siteFor', () => {
  it('is a single-district site without districts.json', () => {
    expect(siteFor(null, '?d=330902')).toEqual({ kind: 'single' });
  });

  it('opens the district ?d= names, else the roll-up', () => {
    expect(siteFor(index, '?d=330921&lang=en')).toMatchObject({ kind: 'district', district: { name: '岱山县' } });
    expect(siteFor(index, '')).toMatchObject({ kind: 'rollup', unknown: null });
    expect(siteFor(index, '?d=999999')).toMatchObject({ kind: 'rollup', unknown: '999999' });
  });
});

describe('resolveSite', () => {
  it('loads data/<adcode> for a district and data/ on a single-district site', async () => {
    await resolveSite('?d=330902', respond(200, index));
    expect(currentDataUrl()).toBe(`${SITE_DATA_URL}/330902`);
    await resolveSite('?d=330902', respond(404, {}));
    expect(currentDataUrl()).toBe(SITE_DATA_URL);
  });

  it('does not ask for districts.json when data/manifest.json is a data set manifest', async () => {
    const asked: string[] = [];
    const fetchFn = (url: string | URL | Request) => {
      asked.push(String(url));
      return respond(200, index, { schemaVersion: 1, files: {} })(url);
    };
    expect(await resolveSite('?d=330902', fetchFn)).toEqual({ kind: 'single' });
    expect(asked).toEqual([`${SITE_DATA_URL}/manifest.json`]);
  });

  it('treats an unusable districts.json as a single-district site', async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      expect(await resolveSite('?d=330902', respond(200, { schemaVersion: 9 }))).toEqual({ kind: 'single' });
    } finally {
      console.warn = warn;
    }
  });
});

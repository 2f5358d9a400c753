/**
 * Warnings (land that misses an anchor's island) are printed but never fail the refresh, strict or --lenient,
 * and are not counted as problems or skipped rows.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { refresh } from './refresh';
import { communitiesCsv, GOOD_ROWS, writeDataDir } from './refresh-test-data';

let work: string;
let data: string;
let out: string;

const WARNINGS = [
  "land.geojson:file: warning: coverage: 100 % of the district boundary's area is not covered by this land (more " +
    'than 20 %): zones of rules that clip to land are empty there; use land that covers the district',
  'town-seats.geojson:feature 0: warning: geometry: town seat 金塘镇 is 28.4 km from the nearest land in ' +
    "land.geojson (its 1 km zone would be empty): the district boundary's polygon around it is used as land " +
    '(boundary.geojson polygon 1)',
];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'refresh-warnings-'));
  data = join(work, 'data');
  out = join(work, 'out');
  writeDataDir(data, {
    communitiesCrs: 'wgs84',
    extraSources: [
      { id: 'land', path: 'land.geojson', kind: 'land', format: 'geojson', crs: 'wgs84' },
      { id: 'town-seats', path: 'town-seats.geojson', kind: 'townSeat', format: 'geojson', crs: 'wgs84' },
    ],
  });
  writeFileSync(join(data, 'communities.csv'), communitiesCsv(GOOD_ROWS));
  const square = [
    [121.88, 30.18],
    [121.92, 30.18],
    [121.92, 30.22],
    [121.88, 30.22],
    [121.88, 30.18],
  ];
  writeFileSync(
    join(data, 'land.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square] } }],
    }),
  );
  writeFileSync(
    join(data, 'town-seats.geojson'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { id: 'T1', name: '金塘镇', subdistrict: '330902100' },
          geometry: { type: 'Point', coordinates: [122.15, 30.02] },
        },
      ],
    }),
  );
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

test.each([[[]], [['--lenient']]])('warnings do not fail the refresh (%j)', async (flags) => {
  const lines: string[] = [];
  const code = await refresh(
    { data, out, check: false, lenient: flags.includes('--lenient'), problemsPath: join(work, 'problems.txt') },
    (line) => lines.push(line),
  );
  expect(lines.filter((l) => l.includes(': warning: '))).toEqual(WARNINGS);
  expect(code).toBe(0);
  expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  expect(lines.some((l) => l.includes('--lenient:') || l.includes('problem(s)'))).toBe(false);
  expect(existsSync(join(work, 'problems.txt'))).toBe(false);
});

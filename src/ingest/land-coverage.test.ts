/**
 * Land that misses islands (issue #12): the land source holds one island of three; the district boundary holds
 * all three. The refresh must name the town seats off the land, and fall back to the boundary so their 1 km
 * zones count what is on their island (checked against a brute-force count).
 */
import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, Point, Polygon, Position } from 'geojson';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseCampaign } from '../campaign/parse';
import { computeEngine } from '../geo/engine';
import { haversineRawM } from '../geo/geodesy';
import { mostlyAtSea, seaShare } from '../insights/lookup';
import { formatProblem } from './problems';
import { ingestSources, type IngestedData, type SourceInput } from './ingest';
import type { SourceSpec } from './types';

const campaign = parseCampaign(JSON.parse(readFileSync(new URL('../../data/campaign.json', import.meta.url), 'utf8')));
const RURAL = '330902100'; // 金塘镇: the R1000 rule anchors on rural town seats

/** A square island of half-size `h` degrees around [lng, lat], counter-clockwise. */
const island = ([lng, lat]: Position, h = 0.02): Position[][] => [
  [
    [lng - h, lat - h],
    [lng + h, lat - h],
    [lng + h, lat + h],
    [lng - h, lat + h],
    [lng - h, lat - h],
  ],
];
const A = island([121.9, 30.0]);
const B = island([122.0, 30.15]);
const C = island([122.2, 29.98]);

const seats: [string, Position][] = [
  ['岛甲镇', [121.9, 30.0]], // on the land source
  ['岛乙镇', [122.0, 30.165]], // on island B, 556 m from its north coast: its circle reaches the sea
  ['岛丙镇', [122.2, 29.98]], // on island C
  ['礁外镇', [121.9, 29.975]], // in the sea south of A, outside the boundary
];

/** Compounds on a 250 m grid around every seat, some on land and some in the sea. */
function compounds(): Feature<Point>[] {
  const out: Feature<Point>[] = [];
  seats.forEach(([, [lng, lat]], s) => {
    for (let i = -5; i <= 5; i++) {
      for (let j = -5; j <= 5; j++) {
        const at = [lng + (i * 250) / 96_300, lat + (j * 250) / 111_195];
        out.push({
          type: 'Feature',
          properties: { id: `H${s}-${i}-${j}`, name: `小区${s}${i}${j}`, subdistrict: RURAL },
          geometry: { type: 'Point', coordinates: at },
        });
      }
    }
  });
  return out;
}

const geojson = (features: unknown[]) =>
  new TextEncoder().encode(JSON.stringify({ type: 'FeatureCollection', features }));
const spec = (path: string, kind: SourceSpec['kind']): SourceSpec => ({
  id: path,
  path,
  kind,
  format: 'geojson',
  crs: 'wgs84',
});

async function ingest(): Promise<{ data: IngestedData; lines: string[]; problems: string[] }> {
  const inputs: SourceInput[] = [
    {
      spec: spec('boundary.geojson', 'boundary'),
      bytes: geojson([
        {
          type: 'Feature',
          properties: { name: '测试区', adcode: '330902' },
          geometry: { type: 'MultiPolygon', coordinates: [A, B, C] },
        },
      ]),
    },
    {
      spec: spec('land.geojson', 'land'),
      bytes: geojson([{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: A } }]),
    },
    {
      spec: spec('town-seats.geojson', 'townSeat'),
      bytes: geojson(
        seats.map(([name, at], s) => ({
          type: 'Feature',
          properties: { id: `T${s}`, name, subdistrict: RURAL },
          geometry: { type: 'Point', coordinates: at },
        })),
      ),
    },
    { spec: spec('compounds.geojson', 'compound'), bytes: geojson(compounds()) },
  ];
  const { data, problems, warnings } = await ingestSources(inputs, campaign);
  return { data, lines: warnings.map(formatProblem), problems: problems.map(formatProblem) };
}

function r1000(data: IngestedData) {
  const result = computeEngine({
    campaign,
    ...data,
    defects: {
      count: 0,
      tables: { state: [], object: [] },
      state: [],
      object: [],
      found: [],
      deadline: [],
      updated: [],
    },
  });
  return result.rules.find((r) => r.ruleId === 'R1000')!;
}

function r1000Members(data: IngestedData): Map<string, number> {
  const rule = r1000(data);
  const counts = new Map(rule.zones.map((z) => [z.anchorName, 0]));
  for (const m of rule.memberships)
    for (const a of m.anchors) counts.set(a.anchorName, (counts.get(a.anchorName) ?? 0) + 1);
  return counts;
}

describe('land that does not cover the district', () => {
  test('warns per seat off the land, and about the uncovered share, without failing', async () => {
    const { lines, problems } = await ingest();
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      "land.geojson:file: warning: coverage: 66 % of the district boundary's area is not covered by this land " +
        '(more than 20 %): zones of rules that clip to land are empty there; use land that covers the district',
      'town-seats.geojson:feature 1: warning: geometry: town seat 岛乙镇 is 17.9 km from the nearest land in ' +
        "land.geojson (its 1 km zone would be empty): the district boundary's polygon around it is used as land " +
        '(boundary.geojson polygon 2)',
      'town-seats.geojson:feature 2: warning: geometry: town seat 岛丙镇 is 27 km from the nearest land in ' +
        "land.geojson (its 1 km zone would be empty): the district boundary's polygon around it is used as land " +
        '(boundary.geojson polygon 3)',
      'town-seats.geojson:feature 3: warning: geometry: town seat 礁外镇 is 556 m from the nearest land: its 1 km ' +
        'zone is land only from 556 m out',
    ]);
  });

  test('the boundary fallback restores the 1 km zones: members equal a brute-force count', async () => {
    const { data } = await ingest();
    const counts = r1000Members(data);
    const onIsland = (at: Position) =>
      [A, B, C].some((rings) => booleanPointInPolygon(point(at), { type: 'Polygon', coordinates: rings } as Polygon));
    for (const [name, [lng, lat]] of seats) {
      const brute = data.compounds.features.filter((f) => {
        const [x, y] = (f.geometry as Point).coordinates;
        return haversineRawM(lng, lat, x, y) <= 1000 && onIsland([x, y]);
      }).length;
      expect([name, counts.get(name)]).toEqual([name, brute]);
    }
    expect(counts.get('岛乙镇')).toBeGreaterThan(0);
    expect(counts.get('岛丙镇')).toBeGreaterThan(counts.get('岛乙镇')!);
  });

  test("each zone knows its circle's share on land; most of a seat's zone off the coast is at sea", async () => {
    const { data } = await ingest();
    const zones = new Map(r1000(data).zones.map((z) => [z.anchorName, z]));
    expect(zones.get('岛甲镇')!.landShare).toBe(1);
    expect(mostlyAtSea(zones.get('岛甲镇')!)).toBe(false);
    // A circular segment beyond 556 m of a 1 km circle: (acos(0.556) − 0.556·√(1 − 0.556²)) / π ≈ 16.5 % land.
    expect(zones.get('礁外镇')!.landShare).toBeCloseTo(0.165, 2);
    expect(seaShare(zones.get('礁外镇')!)).toBeCloseTo(0.835, 2);
    expect(mostlyAtSea(zones.get('礁外镇')!)).toBe(true);
    const landOnly = { ...data, land: { type: 'FeatureCollection' as const, features: [data.land.features[0]] } };
    expect(
      r1000(landOnly)
        .zones.filter(mostlyAtSea)
        .map((z) => z.anchorName),
    ).toEqual(['岛乙镇', '岛丙镇', '礁外镇']);
  });

  test('without the fallback the zones of the missed islands would be empty', async () => {
    const { data } = await ingest();
    const landOnly = { ...data, land: { type: 'FeatureCollection' as const, features: [data.land.features[0]] } };
    expect(landOnly.land.features[0].geometry.coordinates).toEqual(A);
    const counts = r1000Members(landOnly);
    expect([counts.get('岛乙镇'), counts.get('岛丙镇')]).toEqual([0, 0]);
  });
});

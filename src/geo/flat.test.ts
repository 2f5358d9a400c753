import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LngLat, ObjectKind } from '../campaign/types';
import { dayFromIso, isoFromDay } from '../campaign/dates';
import type { LandFC } from '../dataset/types';
import { BUILT_UP, campaign, defectColumns, emptyInput, fc, RURAL } from './__fixtures__/build';
import { computeCompact, computeEngine } from './engine';
import { expandResult } from './expand';
import {
  catalogOfFlat,
  catalogOfInput,
  FlatCollectionBuilder,
  flattenCollection,
  flattenCollections,
  GEOM_LINE,
  GEOM_POLYGON,
} from './flat';
import { dataKeyOf, OBJECT_KINDS } from '../campaign/object-kinds';
import { buildLandIndex, pointOnLand } from './land';
import { catalogOf, prepareEngine, prepareFlat } from './prepare';
import { circlePolygon, destination } from './geodesy';
import { mulberry32 } from './prng';
import { NO_DAY } from './rollup';
import type { EngineInput } from './types';

const coast = JSON.parse(readFileSync(new URL('./__fixtures__/coast.geojson', import.meta.url), 'utf8')) as LandFC;
const SEAT: LngLat = [122.199, 30.06];
const CORE: LngLat = [122.1, 30.02];
const ASOF = dayFromIso(campaign.asOfDate);

/**
 * Seeded objects written twice, independently: as GeoJSON features (the loader's form) and through
 * FlatCollectionBuilder (the flat form a generator or columnar file gives). Covers points, polygons with a
 * hole, MultiPolygons, streets, an object without geometry, null properties, coastal targets and defects.
 */
function seededData(seed: number) {
  const rnd = mulberry32(seed);
  const features = Object.fromEntries(
    OBJECT_KINDS.map((k) => [k, [] as Feature<Geometry | null, Record<string, unknown> | null>[]]),
  ) as Record<ObjectKind, Feature<Geometry | null, Record<string, unknown> | null>[]>;
  const builders = Object.fromEntries(OBJECT_KINDS.map((k) => [k, new FlatCollectionBuilder(k, 4)])) as Record<
    ObjectKind,
    FlatCollectionBuilder
  >;
  const near = (c: LngLat, m: number): LngLat => destination(c, m * Math.sqrt(rnd()), rnd() * 360);
  const add = (
    kind: ObjectKind,
    id: string,
    subdistrict: string,
    geometry: Geometry | null,
    extra: { builtUp?: boolean; streetClass?: string } = {},
  ) => {
    const day = rnd() < 0.3 ? NO_DAY : ASOF - Math.floor(rnd() * 40);
    const lastInspected = day === NO_DAY ? null : isoFromDay(day);
    features[kind].push({
      type: 'Feature',
      geometry,
      properties: { id, name: `name ${id}`, subdistrict, lastInspected, ...extra },
    });
    const b = builders[kind];
    b.begin({ id, name: `name ${id}`, subdistrict, lastInspectedDay: day, ...extra });
    if (!geometry) return;
    if (geometry.type === 'Point') b.point(geometry.coordinates[0], geometry.coordinates[1]);
    else if (geometry.type === 'LineString') b.flatRing(GEOM_LINE, geometry.coordinates.flat());
    else if (geometry.type === 'Polygon') for (const ring of geometry.coordinates) b.ring(GEOM_POLYGON, ring);
    else if (geometry.type === 'MultiPolygon')
      for (const poly of geometry.coordinates) for (const ring of poly) b.ring(GEOM_POLYGON, ring);
  };
  const point = (c: LngLat): Geometry => ({ type: 'Point', coordinates: c });
  const blob = (c: LngLat, withHole: boolean): Polygon => {
    const outer = circlePolygon(c, 30 + rnd() * 50, { steps: 5 + Math.floor(rnd() * 4) }).coordinates[0];
    const hole = circlePolygon(c, 10, { steps: 6 }).coordinates[0].reverse();
    return { type: 'Polygon', coordinates: withHole ? [outer, hole] : [outer] };
  };

  for (let k = 0; k < 20; k++) add('community', `C${k}`, BUILT_UP, point(near(CORE, 1500)));
  for (let k = 0; k < 6; k++) add('market', `M${k}`, BUILT_UP, point(near(CORE, 1500)), { builtUp: k !== 0 });
  add('townSeat', 'T1', RURAL, point(SEAT));
  for (let k = 0; k < 300; k++) {
    const coastal = rnd() < 0.3;
    const at = coastal ? near(SEAT, 1400) : near(CORE, 1800);
    const sub = coastal ? RURAL : BUILT_UP;
    const kind = k % 3;
    if (kind === 0) add('compound', `K${k}`, sub, point(at));
    else if (kind === 1) add('compound', `K${k}`, sub, blob(at, rnd() < 0.3));
    else {
      const multi: MultiPolygon = {
        type: 'MultiPolygon',
        coordinates: [blob(at, false).coordinates, blob(destination(at, 150, 90), false).coordinates],
      };
      add('compound', `K${k}`, sub, multi);
    }
  }
  add('compound', 'K-none', BUILT_UP, null);
  for (let k = 0; k < 200; k++) {
    const coastal = rnd() < 0.3;
    const coords: LngLat[] = [coastal ? near(SEAT, 1400) : near(CORE, 1800)];
    for (let j = 0, n = 1 + Math.floor(rnd() * 4); j < n; j++)
      coords.push(destination(coords[j], 40 + rnd() * 300, rnd() * 360));
    add(
      'street',
      `S${k}`,
      coastal ? RURAL : BUILT_UP,
      { type: 'LineString', coordinates: coords },
      { streetClass: rnd() < 0.7 ? 'back' : 'main' },
    );
  }
  for (let k = 0; k < 40; k++) add('station', `V${k}`, RURAL, point(near(SEAT, 1300)));
  for (let k = 0; k < 40; k++) add('adsite', `A${k}`, RURAL, point(near(SEAT, 1300)));

  // One feature with null properties: its id becomes `adsite#<index>` on both paths.
  const index = features.adsite.length;
  const at = near(SEAT, 500);
  features.adsite.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: null });
  builders.adsite.begin({ id: `adsite#${index}` });
  builders.adsite.point(at[0], at[1]);

  const ids = [...features.compound, ...features.street, ...features.station].map((f) => String(f.properties!.id));
  const defects = defectColumns(
    Array.from({ length: 400 }, () => {
      const found = ASOF - Math.floor(rnd() * 50);
      const state = (['reported', 'assigned', 'awaiting_recheck', 'closed', 'reopened'] as const)[
        Math.floor(rnd() * 5)
      ];
      return { object: ids[Math.floor(rnd() * ids.length)], state, found, deadline: found + 10, updated: found + 1 };
    }),
  );
  const input: EngineInput = emptyInput({
    communities: fc(features.community as Feature<never>[]),
    markets: fc(features.market as Feature<never>[]),
    townSeats: fc(features.townSeat as Feature<never>[]),
    compounds: fc(features.compound as Feature<never>[]),
    streets: fc(features.street as Feature<never>[]),
    stations: fc(features.station as Feature<never>[]),
    adsites: fc(features.adsite as Feature<never>[]),
    land: coast,
    defects,
  });
  const collections = Object.fromEntries(OBJECT_KINDS.map((k) => [k, builders[k].finish()])) as ReturnType<
    typeof flattenCollections
  >['collections'];
  return { input, flat: { campaign, collections, land: coast, defects } };
}

describe('the flat input path', () => {
  for (const seed of [1, 2, 3]) {
    const { input, flat } = seededData(seed);

    it(`flattens GeoJSON into the same arrays the builder writes (seed ${seed})`, () => {
      for (const kind of OBJECT_KINDS) {
        const collection = input[dataKeyOf(kind)] as unknown as { features: Feature<Geometry | null, null>[] };
        expect(flattenCollection(kind, collection.features)).toEqual(flat.collections[kind]);
      }
    });

    it(`gives the same memberships, figures and states as the GeoJSON path, at the plan's radii and a what-if (seed ${seed})`, () => {
      const p = prepareFlat(flat);
      for (const options of [{}, { radiusOverrides: { R300: 450, R500: 380, R1000: 1300 } }]) {
        const viaGeoJSON = computeEngine(input, options);
        const viaFlat = expandResult(catalogOf(p), computeCompact(p, options));
        expect(viaFlat).toEqual(viaGeoJSON);
        expect(viaGeoJSON.rules.every((r) => r.memberships.length > 0)).toBe(true);
      }
    });

    it(`names the compact result from the GeoJSON alone, lazily, as the worker's client does (seed ${seed})`, () => {
      const p = prepareEngine(input);
      const compact = computeCompact(p, { radiusOverrides: { R300: 350 } });
      expect(catalogOfInput(input).sets).toEqual(
        catalogOf(p).sets.map(({ kind, slot0, count, ids, names, subdistrict }) => ({
          kind,
          slot0,
          count,
          ids,
          names,
          subdistrict,
        })),
      );
      const lazy = expandResult(catalogOfInput(input), compact, { lazy: true });
      expect(lazy).toEqual(expandResult(catalogOf(p), compact));
      expect({ ...lazy }.rules[0].memberships).toBe(lazy.rules[0].memberships);
    });
  }

  it('names slots from flat collections as from the GeoJSON, after their typed arrays were transferred', () => {
    const { input } = seededData(4);
    const flat = flattenCollections(input);
    const transfer = Object.values(flat.collections).map((c) => c.coords.buffer as ArrayBuffer);
    structuredClone(flat.collections, { transfer });
    expect(flat.collections.compound.coords.length).toBe(0);
    expect(catalogOfFlat(flat)).toEqual(catalogOfInput(input));
  });

  it('rejects geometry before an object and a street with two lines', () => {
    const b = new FlatCollectionBuilder('street');
    expect(() => b.point(1, 2)).toThrow('street: geometry given before begin()');
    b.begin({ id: 'S1' });
    b.ring(GEOM_LINE, [
      [0, 0],
      [1, 1],
    ]);
    expect(() =>
      b.ring(GEOM_LINE, [
        [0, 0],
        [1, 1],
      ]),
    ).toThrow('street S1: a point or street has one ring');
  });
});

describe('pointOnLand by ray casting through the coast edges', () => {
  it('agrees with booleanPointInPolygon on seeded points near a detailed coast, vertices and edges included', () => {
    const land = buildLandIndex(coast);
    const rnd = mulberry32(11);
    const points: Position[] = Array.from({ length: 3000 }, () =>
      destination(SEAT, 2500 * Math.sqrt(rnd()), rnd() * 360),
    );
    for (const f of coast.features) {
      const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
      for (const ring of rings) {
        for (let k = 0; k < ring.length - 1; k += 7) {
          points.push(ring[k]);
          points.push([(ring[k][0] + ring[k + 1][0]) / 2, ring[k][1]]);
        }
      }
    }
    const onLand = (p: Position) => coast.features.some((f) => booleanPointInPolygon(p, f));
    const disagreements = points.filter((p) => pointOnLand(land, p[0], p[1]) !== onLand(p));
    expect(disagreements).toEqual([]);
    expect(points.filter(onLand).length).toBeGreaterThan(100);
  });
});

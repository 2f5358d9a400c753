import { area, booleanPointInPolygon, feature, featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { LngLat } from '../campaign/types';
import type { LandFC } from '../dataset/types';
import { unionCircles } from './circle-union';
import { destination } from './geodesy';
import { buildLandIndex, clipToLand, pointOnLand } from './land';
import { mulberry32 } from './prng';

const CENTER: LngLat = [122.1, 30.02];

/** A wobbly island of radius about `radiusM` with a lake, optionally written clockwise. */
function island(seed: number, radiusM: number, clockwise = false): LandFC {
  const rnd = mulberry32(seed);
  const phase = [rnd() * 6, rnd() * 6];
  const outer: LngLat[] = [];
  for (let k = 0; k < 600; k++) {
    const b = (2 * Math.PI * k) / 600;
    const r = radiusM * (1 + 0.1 * Math.sin(5 * b + phase[0]) + 0.04 * Math.sin(17 * b + phase[1]));
    outer.push(destination(CENTER, r, (b * 180) / Math.PI));
  }
  outer.push(outer[0]);
  const lake: LngLat[] = [0, 90, 180, 270].map((b) => destination(destination(CENTER, radiusM * 0.5, 45), 150, -b));
  lake.push(lake[0]);
  const rings = clockwise ? [[...outer].reverse(), [...lake].reverse()] : [outer, lake];
  return {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } }],
  };
}

function coastalZone(seed: number, radiusM: number): MultiPolygon {
  const rnd = mulberry32(seed);
  const circles = Array.from({ length: 12 }, () => ({
    center: destination(CENTER, radiusM * (0.6 + rnd() * 0.8), rnd() * 360),
    radiusM: 300 + rnd() * 700,
  }));
  return unionCircles(circles);
}

describe('clipToLand', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`agrees with turf.intersect on a coastal zone (seed ${seed})`, () => {
      const land = island(seed, 3000);
      const zone = coastalZone(seed + 100, 3000);
      const ours = clipToLand(zone, buildLandIndex(land));
      const theirs = intersect(
        featureCollection<Polygon | MultiPolygon>([feature(zone), land.features[0] as Feature<Polygon>]),
      );
      expect(ours).not.toBeNull();
      expect(Math.abs(area(ours!) - area(theirs!)) / area(theirs!)).toBeLessThan(1e-6);
      const rnd = mulberry32(seed);
      for (let k = 0; k < 300; k++) {
        const p = destination(CENTER, 4500 * Math.sqrt(rnd()), rnd() * 360);
        expect(booleanPointInPolygon(p, ours!), `${p}`).toBe(booleanPointInPolygon(p, theirs!));
      }
    });
  }

  it('gives the same area when the land rings are written clockwise', () => {
    const zone = coastalZone(7, 3000);
    const a = clipToLand(zone, buildLandIndex(island(7, 3000)));
    const b = clipToLand(zone, buildLandIndex(island(7, 3000, true)));
    expect(area(b!)).toBeCloseTo(area(a!), 0);
  });

  it('keeps a zone far inland whole and drops a zone far out at sea', () => {
    const land = buildLandIndex(island(8, 5000));
    const inland = unionCircles([{ center: CENTER, radiusM: 500 }]);
    expect(clipToLand(inland, land)).toEqual({ type: 'Polygon', coordinates: inland.coordinates[0] });
    const sea = unionCircles([{ center: destination(CENTER, 9000, 30), radiusM: 500 }]);
    expect(clipToLand(sea, land)).toBeNull();
  });

  it('keeps an islet lying wholly inside a zone at sea', () => {
    const islet = island(9, 200);
    (islet.features[0].geometry as Polygon).coordinates.pop(); // no lake on an islet this small
    const zone = unionCircles([{ center: destination(CENTER, 300, 90), radiusM: 800 }]);
    const clipped = clipToLand(zone, buildLandIndex(islet));
    expect(area(clipped!)).toBeCloseTo(area(islet.features[0]), -2);
  });
});

describe('pointOnLand', () => {
  it('is true on land, false in the sea and in a lake', () => {
    const land = buildLandIndex(island(1, 3000));
    expect(pointOnLand(land, CENTER[0], CENTER[1])).toBe(true);
    const [lx, ly] = destination(CENTER, 1500, 45);
    expect(pointOnLand(land, lx, ly)).toBe(false);
    const [sx, sy] = destination(CENTER, 5000, 0);
    expect(pointOnLand(land, sx, sy)).toBe(false);
  });
});

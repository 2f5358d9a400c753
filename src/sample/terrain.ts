/**
 * Where a synthetic sample object may stand: on an island of the OSM land set and inside the district, and the
 * small geodesic helpers the placement code shares. Part of the sample generator (see generate.ts).
 */

import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { bbox as turfBbox, booleanPointInPolygon, destination, distance } from '@turf/turf';
import type { BBox, LngLat } from '../campaign/types';
import type { Random } from './random';

/** Land and district tests with a bbox prefilter: the island polygons are few but tested tens of thousands of times. */
export class Terrain {
  private readonly land: { feature: Feature<Polygon | MultiPolygon>; bbox: BBox }[];
  private readonly district: { feature: Feature<Polygon | MultiPolygon>; bbox: BBox }[];

  constructor(land: FeatureCollection<Polygon | MultiPolygon>, boundary: FeatureCollection<Polygon | MultiPolygon>) {
    this.land = land.features.map((feature) => ({ feature, bbox: turfBbox(feature) as BBox }));
    this.district = boundary.features.map((feature) => ({ feature, bbox: turfBbox(feature) as BBox }));
  }

  /** On an island and inside the district. */
  ok(p: LngLat): boolean {
    return inAny(this.land, p) && inAny(this.district, p);
  }

  /** Every vertex and every segment's midpoint is on land in the district. */
  lineOk(coords: LngLat[]): boolean {
    for (let i = 0; i < coords.length; i += 1) {
      if (!this.ok(coords[i])) return false;
      if (i > 0) {
        const [a, b] = [coords[i - 1], coords[i]];
        if (!this.ok([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2])) return false;
      }
    }
    return true;
  }
}

function inAny(polys: { feature: Feature<Polygon | MultiPolygon>; bbox: BBox }[], p: LngLat): boolean {
  return polys.some(
    ({ feature, bbox }) =>
      p[0] >= bbox[0] && p[0] <= bbox[2] && p[1] >= bbox[1] && p[1] <= bbox[3] && booleanPointInPolygon(p, feature),
  );
}

/** Draws until `accept` says yes; a generator that cannot place a thing is a bug in its settings, so it throws. */
export function place<T>(what: string, draw: () => T, accept: (t: T) => boolean, tries = 2000): T {
  for (let i = 0; i < tries; i += 1) {
    const t = draw();
    if (accept(t)) return t;
  }
  throw new Error(`sample: could not place ${what} after ${tries} tries`);
}

export function offset(from: LngLat, distanceM: number, bearingDeg: number): LngLat {
  const c = destination(from, distanceM / 1000, bearingDeg, { units: 'kilometers' }).geometry.coordinates;
  return [round6(c[0]), round6(c[1])];
}

export function metres(a: LngLat, b: LngLat): number {
  return distance(a, b, { units: 'kilometers' }) * 1000;
}

export function inBBox(rnd: Random, b: BBox): LngLat {
  return [round6(rnd.range(b[0], b[2])), round6(rnd.range(b[1], b[3]))];
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

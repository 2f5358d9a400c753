/**
 * Land polygons for rules that clip to land (an island district: a 1 km circle around a coastal town seat must
 * not count the sea). Point tests go through a flatbush over each land polygon's bbox and then
 * `booleanPointInPolygon` against the few candidate polygons, never against a union of all land.
 */
import { bboxClip, booleanPointInPolygon, feature, featureCollection, intersect } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LandFC } from '../dataset/types';

export interface LandIndex {
  polygons: Feature<Polygon | MultiPolygon>[];
  bboxes: Float64Array;
  index: Flatbush | null;
}

export function buildLandIndex(land: LandFC): LandIndex {
  const polygons = land.features.filter(
    (f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  ) as Feature<Polygon | MultiPolygon>[];
  const bboxes = new Float64Array(polygons.length * 4);
  polygons.forEach((f, k) => {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    for (const ring of rings) {
      for (const [x, y] of ring) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
    }
    bboxes.set(b, k * 4);
  });
  let index: Flatbush | null = null;
  if (polygons.length > 0) {
    index = new Flatbush(polygons.length);
    for (let k = 0; k < polygons.length; k++) index.add(bboxes[4 * k], bboxes[4 * k + 1], bboxes[4 * k + 2], bboxes[4 * k + 3]);
    index.finish();
  }
  return { polygons, bboxes, index };
}

/** True when `[lng, lat]` lies on land (inside or on the edge of a land polygon). */
export function pointOnLand(land: LandIndex, lng: number, lat: number): boolean {
  if (!land.index) return false;
  for (const k of land.index.search(lng, lat, lng, lat)) {
    if (booleanPointInPolygon([lng, lat], land.polygons[k])) return true;
  }
  return false;
}

/**
 * The part of `zone` on land, for display. Each land polygon is first cut to the zone's bbox (a linear pass),
 * so the general polygon intersection only sees a few hundred coastline vertices instead of a whole island.
 * Returns null when the zone is all sea.
 */
export function clipToLand(zone: MultiPolygon, land: LandIndex): Polygon | MultiPolygon | null {
  if (!land.index) return null;
  const parts: Position[][][] = [];
  for (const poly of zone.coordinates) {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of poly[0]) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
    // Pad so the straight cut edges of the land piece stay clear of the zone's outline.
    const padX = (b[2] - b[0]) * 0.01 + 1e-6;
    const padY = (b[3] - b[1]) * 0.01 + 1e-6;
    const box: [number, number, number, number] = [b[0] - padX, b[1] - padY, b[2] + padX, b[3] + padY];
    const zonePart = feature<Polygon>({ type: 'Polygon', coordinates: poly });
    for (const k of land.index.search(box[0], box[1], box[2], box[3])) {
      const piece = bboxClip(land.polygons[k], box) as Feature<Polygon | MultiPolygon>;
      const polys: Position[][][] =
        piece.geometry.type === 'Polygon' ? [piece.geometry.coordinates] : piece.geometry.coordinates;
      if (!polys.some((p) => p.length > 0 && p[0].length >= 4)) continue;
      const hit = intersect(featureCollection([zonePart, piece]));
      if (!hit) continue;
      if (hit.geometry.type === 'Polygon') parts.push(hit.geometry.coordinates);
      else parts.push(...hit.geometry.coordinates);
    }
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts };
}

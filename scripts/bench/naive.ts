/**
 * The naive Turf approach the issue compares against: buffer every anchor, union the buffers, clip to land where
 * the rule says, then test each target against the union (booleanPointInPolygon for points, booleanIntersects
 * for polygons and lines) and measure streets with lineSplit. Written the way a first version would be, with
 * Turf's defaults; only used by the benchmark.
 */
import {
  booleanIntersects,
  booleanPointInPolygon,
  buffer,
  featureCollection,
  intersect,
  length,
  lineSplit,
  along,
  union,
} from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { LandFC } from '../../src/dataset/types';

export type ZoneShape = Feature<Polygon | MultiPolygon>;

/** Buffers, union and (optionally) land clip of one rule's anchors: null when there are none or all is sea. */
export function naiveZone(anchors: Feature<Point>[], radiusM: number, land: LandFC | null): ZoneShape | null {
  if (anchors.length === 0) return null;
  const buffers = anchors.map((a) => buffer(a, radiusM, { units: 'meters' }) as ZoneShape);
  let zone: ZoneShape | null = buffers.length === 1 ? buffers[0] : union(featureCollection(buffers));
  if (zone && land) {
    const landUnion = land.features.length === 1 ? (land.features[0] as ZoneShape) : union(featureCollection(land.features as ZoneShape[]));
    zone = landUnion ? intersect(featureCollection([zone, landUnion])) : null;
  }
  return zone;
}

/** Membership of one target, and for streets the length inside the zone (metres) via lineSplit. */
export function naiveMember(
  target: Feature<Point | Polygon | LineString>,
  zone: ZoneShape,
): { member: boolean; insideLengthM?: number } {
  const g = target.geometry;
  if (g.type === 'Point') return { member: booleanPointInPolygon(g.coordinates, zone) };
  if (g.type === 'Polygon') return { member: booleanIntersects(target, zone) };
  if (!booleanIntersects(target, zone)) return { member: false, insideLengthM: 0 };
  const pieces = lineSplit(target as Feature<LineString>, zone).features;
  const parts = pieces.length > 0 ? pieces : [target as Feature<LineString>];
  let insideLengthM = 0;
  for (const piece of parts) {
    const lenM = length(piece, { units: 'meters' });
    const mid = along(piece, lenM / 2, { units: 'meters' });
    if (booleanPointInPolygon(mid, zone)) insideLengthM += lenM;
  }
  return { member: true, insideLengthM };
}

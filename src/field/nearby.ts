/**
 * "Near me": the places an inspector can walk to, sorted by straight-line (great-circle) distance from a position.
 * We have no walking network, so the distance is what it is, 直线距离, and the UI says so; a street route on the
 * islands is often much longer.
 */
import type { Geometry, Position } from 'geojson';
import type { LngLat } from '../campaign/types';
import { haversineRawM } from '../geo/geodesy';

/** One place on the list: a defect or an object, positioned at `lngLat` (WGS-84). */
export interface Place<T = unknown> {
  /** Unique across the list, e.g. `defect:D-0001` or `compound:K-001`. */
  key: string;
  lngLat: LngLat;
  item: T;
}

export interface NearPlace<T = unknown> extends Place<T> {
  /** Straight-line distance from the origin, metres. */
  distanceM: number;
}

/**
 * The `limit` places nearest to `origin`, nearest first (ties by key, so the order is stable).
 *
 * @example nearest([122.1, 30.02], places, 50)[0].distanceM // the closest place's distance in metres
 */
export function nearest<T>(origin: LngLat, places: readonly Place<T>[], limit = Infinity): NearPlace<T>[] {
  if (!Number.isFinite(origin[0]) || !Number.isFinite(origin[1])) throw new Error('origin must be a finite [lng, lat]');
  const out = places.map((p) => ({
    ...p,
    distanceM: haversineRawM(origin[0], origin[1], p.lngLat[0], p.lngLat[1]),
  }));
  out.sort((a, b) => a.distanceM - b.distanceM || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return out.slice(0, limit);
}

/**
 * Rows of a flat `[lng0, lat0, lng1, lat1, …]` coordinate array (the defect columns) as places, for `nearest`.
 * `rows` picks which rows (the current filter's selection); `key` and `item` describe each.
 */
export function placesFromCoords<T>(
  coords: ArrayLike<number>,
  rows: ArrayLike<number>,
  key: (row: number) => string,
  item: (row: number) => T,
): Place<T>[] {
  const out: Place<T>[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    out.push({ key: key(r), lngLat: [coords[2 * r], coords[2 * r + 1]], item: item(r) });
  }
  return out;
}

/**
 * A distance for people: whole metres under a kilometre, else kilometres with one decimal (two under 10 km
 * would claim a precision a straight line does not have).
 *
 * @example formatDistance(87.4) // { value: '87', unit: 'm' }
 * @example formatDistance(1234) // { value: '1.2', unit: 'km' }
 */
export function formatDistance(distanceM: number): { value: string; unit: 'm' | 'km' } {
  if (distanceM < 1000) return { value: String(Math.round(distanceM)), unit: 'm' };
  return { value: (distanceM / 1000).toFixed(1), unit: 'km' };
}

/**
 * One point to walk to for an object of any geometry: a point itself, the middle vertex of a street (of its
 * longest part), the mean of a polygon's outer ring (of its largest part by vertex count). Null for an empty
 * geometry. A person navigating to a compound needs its position, not its survey outline.
 */
export function representativePoint(geometry: Geometry | null): LngLat | null {
  if (!geometry) return null;
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates[0], geometry.coordinates[1]];
    case 'MultiPoint':
      return geometry.coordinates.length > 0 ? [geometry.coordinates[0][0], geometry.coordinates[0][1]] : null;
    case 'LineString':
      return middleVertex(geometry.coordinates);
    case 'MultiLineString':
      return middleVertex(longest(geometry.coordinates));
    case 'Polygon':
      return ringMean(geometry.coordinates[0] ?? []);
    case 'MultiPolygon':
      return ringMean(longest(geometry.coordinates.map((p) => p[0] ?? [])));
    default:
      return null;
  }
}

function longest(parts: Position[][]): Position[] {
  return parts.reduce((a, b) => (b.length > a.length ? b : a), [] as Position[]);
}

function middleVertex(line: Position[]): LngLat | null {
  if (line.length === 0) return null;
  const p = line[Math.floor((line.length - 1) / 2)];
  return [p[0], p[1]];
}

function ringMean(ring: Position[]): LngLat | null {
  // The closing vertex repeats the first: leave it out so it is not counted twice.
  const open = ring.length > 1 ? ring.slice(0, -1) : ring;
  if (open.length === 0) return null;
  let lng = 0;
  let lat = 0;
  for (const p of open) [lng, lat] = [lng + p[0], lat + p[1]];
  return [lng / open.length, lat / open.length];
}

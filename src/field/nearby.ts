/**
 * "Near me": the places an inspector can walk to, sorted by straight-line (great-circle) distance from a position.
 * We have no walking network, so the distance is what it is, 直线距离, and the UI says so; a street route on the
 * islands is often much longer.
 */
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

/**
 * Small geodesic helpers on the sphere Turf uses (radius 6 371 008.8 m), so our distances match `turf.distance`
 * and `turf.circle` exactly. At the campaign's radii (hundreds of metres to a few kilometres) the sphere is within
 * 0.5% of the ellipsoid, far less than the positional error of the inputs, and the plan's "300 m" is not a survey.
 */
import type { Polygon } from 'geojson';
import type { LngLat } from '../campaign/types';

/** Mean Earth radius used by Turf (`earthRadius` in @turf/helpers), metres. */
export const EARTH_RADIUS_M = 6371008.8;

/** Metres per degree of latitude on that sphere (and of longitude at the equator). */
export const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** Largest allowed gap between a display circle's edge and the true circle, metres: a drawn zone is within 1 m. */
export const MAX_CHORD_ERROR_M = 1;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in metres between two `[lng, lat]` points (haversine formula).
 *
 * @example haversineM([122.1, 30.02], [122.1, 30.03]) // ≈ 1111.95
 */
export function haversineM(a: LngLat, b: LngLat): number {
  return haversineRawM(a[0], a[1], b[0], b[1]);
}

/** `haversineM` on loose numbers, for hot loops over flat coordinate arrays. */
export function haversineRawM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const sinDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinDLng = Math.sin(((lng2 - lng1) * RAD) / 2);
  const h = sinDLat * sinDLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinDLng * sinDLng;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point `distanceM` from `origin` along the great circle leaving at `bearingDeg` (clockwise from north),
 * the same formula as `turf.destination`.
 */
export function destination(origin: LngLat, distanceM: number, bearingDeg: number): LngLat {
  destinationInto(origin[0], origin[1], distanceM, bearingDeg, scratchXY, 0);
  return [scratchXY[0], scratchXY[1]];
}

const scratchXY = new Float64Array(2);

/**
 * `destination` from `lng, lat`, written to `out[2 * at]` and `out[2 * at + 1]` rather than returned as a new
 * array: the merged zone geometry places hundreds of thousands of vertices per what-if at province scale.
 */
export function destinationInto(
  lng: number,
  lat: number,
  distanceM: number,
  bearingDeg: number,
  out: Float64Array,
  at: number,
): void {
  const lat1 = lat * RAD;
  const lng1 = lng * RAD;
  const delta = distanceM / EARTH_RADIUS_M;
  const theta = bearingDeg * RAD;
  const sinLat1 = Math.sin(lat1);
  const cosLat1 = Math.cos(lat1);
  const sinDelta = Math.sin(delta);
  const cosDelta = Math.cos(delta);
  const lat2 = Math.asin(sinLat1 * cosDelta + cosLat1 * sinDelta * Math.cos(theta));
  const lng2 = lng1 + Math.atan2(Math.sin(theta) * sinDelta * cosLat1, cosDelta - sinLat1 * Math.sin(lat2));
  out[2 * at] = lng2 / RAD;
  out[2 * at + 1] = lat2 / RAD;
}

/**
 * Fewest vertices for a regular polygon inscribed in a circle of `radiusM` whose edges stay strictly closer than
 * `maxErrorM` to the circle. The gap (sagitta) of an edge spanning 2π/n is r·(1 − cos(π/n)), so n is the smallest
 * integer with π/n < acos(1 − e/r). Never fewer than 16, so tiny circles still look round.
 *
 * @example stepsForChordError(300, 1) // 39
 * @example stepsForChordError(1000, 1) // 71
 */
export function stepsForChordError(radiusM: number, maxErrorM: number = MAX_CHORD_ERROR_M): number {
  if (!(radiusM > 0) || !Number.isFinite(radiusM)) throw new Error(`radiusM must be a positive number, got ${radiusM}`);
  if (!(maxErrorM > 0)) throw new Error(`maxErrorM must be a positive number, got ${maxErrorM}`);
  if (maxErrorM >= radiusM) return 16;
  const halfAngle = Math.acos(1 - maxErrorM / radiusM);
  return Math.max(16, Math.floor(Math.PI / halfAngle) + 1);
}

export interface CircleOptions {
  /** Vertices on the ring; defaults to the fewest that keep every edge within 1 m of the true circle. */
  steps?: number;
}

/**
 * A geodesic circle as a closed, counter-clockwise GeoJSON polygon whose vertices lie exactly on the circle
 * (same construction as `turf.circle`, without the feature wrapper and with steps chosen from the chord error).
 *
 * @example circlePolygon([122.1, 30.02], 300) // Polygon with 40 ring positions (39 vertices + closing)
 */
export function circlePolygon(center: LngLat, radiusM: number, options: CircleOptions = {}): Polygon {
  const steps = options.steps ?? stepsForChordError(radiusM);
  if (!Number.isInteger(steps) || steps < 3) throw new Error(`steps must be an integer of at least 3, got ${steps}`);
  const ring: LngLat[] = [];
  for (let i = 0; i < steps; i++) ring.push(destination(center, radiusM, (-360 * i) / steps));
  ring.push([ring[0][0], ring[0][1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/**
 * Bounding box `[west, south, east, north]` of a geodesic circle, padded by a millionth of a degree so that a
 * point exactly on the radius is still a bbox candidate after rounding. Valid away from the poles and the
 * antimeridian (China is far from both).
 */
export function circleBBox(center: LngLat, radiusM: number): [number, number, number, number] {
  const dLat = radiusM / M_PER_DEG;
  const maxAbsLat = Math.min(89, Math.abs(center[1]) + dLat);
  const dLng = dLat / Math.cos(maxAbsLat * RAD);
  const pad = 1e-6;
  return [center[0] - dLng - pad, center[1] - dLat - pad, center[0] + dLng + pad, center[1] + dLat + pad];
}

/**
 * A local plane around one centre, in metres (x east, y north). Longitude is scaled by the cosine of the mean of
 * the point's and the centre's latitude, which makes distances from the centre agree with haversine to the third
 * order: under 1 cm at 1 km and about 0.2 m at 5 km in Zhejiang. Used for clipping and nearest-point tests around
 * one anchor, never across a whole province.
 */
export class LocalPlane {
  readonly lng0: number;
  readonly lat0: number;

  constructor(center: LngLat) {
    this.lng0 = center[0];
    this.lat0 = center[1];
  }

  x(lng: number, lat: number): number {
    return (lng - this.lng0) * M_PER_DEG * Math.cos(((lat + this.lat0) / 2) * RAD);
  }

  y(lat: number): number {
    return (lat - this.lat0) * M_PER_DEG;
  }
}

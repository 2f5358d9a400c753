/**
 * Exact radius tests for one anchor: lines clipped analytically against the circle (segment/circle intersection
 * in a local plane), nearest distance from the anchor to lines and polygons, and merging of inside intervals
 * along a line. Coordinates come as flat `[lng0, lat0, lng1, lat1, …]` arrays so the engine can keep every
 * target in one typed array.
 */
import { haversineRawM, LocalPlane } from './geodesy';

/** Inside intervals along a line as flat `[start0, end0, start1, end1, …]` positions in metres from its start. */
export type Intervals = number[];

/**
 * Intervals in a reusable typed array: `xs[0 .. n-1]` hold them as in `Intervals`. Clearing it (`n = 0`) keeps
 * the storage, where emptying a JS array would release it and make the next street allocate again.
 */
export class IntervalBuffer {
  xs = new Float64Array(16);
  n = 0;

  push(start: number, end: number): void {
    if (this.n + 2 > this.xs.length) {
      const grown = new Float64Array(2 * this.xs.length);
      grown.set(this.xs);
      this.xs = grown;
    }
    this.xs[this.n++] = start;
    this.xs[this.n++] = end;
  }
}

/**
 * Clip a polyline against the circle of `radiusM` around the plane's centre. `coords` holds the line's vertices
 * from vertex `first` to `last` (inclusive), `cumM[k]` the haversine length of the line up to vertex k.
 * Appends the inside intervals to `intervals` (merged where consecutive segments join; the caller passes an
 * emptied scratch buffer, so the hot loop allocates nothing) and returns the nearest distance in metres.
 * A line touching the circle at one point is at distance `radiusM` and has no interval of positive length.
 */
export function clipLineToCircle(
  plane: LocalPlane,
  radiusM: number,
  coords: ArrayLike<number>,
  first: number,
  last: number,
  cumM: ArrayLike<number>,
  intervals: IntervalBuffer,
): number {
  const r2 = radiusM * radiusM;
  let best2 = Infinity;
  let x0 = plane.x(coords[2 * first], coords[2 * first + 1]);
  let y0 = plane.y(coords[2 * first + 1]);
  if (first === last) return Math.sqrt(x0 * x0 + y0 * y0);
  for (let k = first; k < last; k++) {
    const x1 = plane.x(coords[2 * k + 2], coords[2 * k + 3]);
    const y1 = plane.y(coords[2 * k + 3]);
    const dx = x1 - x0;
    const dy = y1 - y0;
    const a = dx * dx + dy * dy;
    const b = x0 * dx + y0 * dy;
    const c = x0 * x0 + y0 * y0 - r2;
    // Nearest point of the segment to the centre.
    const tNear = a > 0 ? Math.min(1, Math.max(0, -b / a)) : 0;
    const nx = x0 + tNear * dx;
    const ny = y0 + tNear * dy;
    const d2 = nx * nx + ny * ny;
    if (d2 < best2) best2 = d2;
    if (a > 0 && d2 < r2) {
      // Roots of |p0 + t·d|² = r², clamped to the segment.
      const sq = Math.sqrt(b * b - a * c);
      const t0 = Math.max(0, (-b - sq) / a);
      const t1 = Math.min(1, (-b + sq) / a);
      if (t1 > t0) {
        const segM = cumM[k + 1] - cumM[k];
        const s0 = cumM[k] + t0 * segM;
        const s1 = cumM[k] + t1 * segM;
        const n = intervals.n;
        if (n > 0 && s0 - intervals.xs[n - 1] <= 1e-9) intervals.xs[n - 1] = s1;
        else intervals.push(s0, s1);
      }
    }
    x0 = x1;
    y0 = y1;
  }
  return Math.sqrt(best2);
}

/**
 * Nearest distance in metres from the plane's centre to a polygon given as rings (each a vertex range in
 * `coords`): 0 when the centre is inside (even-odd rule, so holes count as outside), else the distance to the
 * nearest edge.
 */
export function distanceToPolygonM(
  plane: LocalPlane,
  coords: ArrayLike<number>,
  ringStarts: ArrayLike<number>,
  ringFirst: number,
  ringEnd: number,
): number {
  let inside = false;
  let best2 = Infinity;
  for (let r = ringFirst; r < ringEnd; r++) {
    const first = ringStarts[r];
    const last = ringStarts[r + 1] - 1;
    let x0 = plane.x(coords[2 * first], coords[2 * first + 1]);
    let y0 = plane.y(coords[2 * first + 1]);
    for (let k = first; k < last; k++) {
      const x1 = plane.x(coords[2 * k + 2], coords[2 * k + 3]);
      const y1 = plane.y(coords[2 * k + 3]);
      if (y0 > 0 !== y1 > 0 && 0 < x0 + ((0 - y0) * (x1 - x0)) / (y1 - y0)) inside = !inside;
      const dx = x1 - x0;
      const dy = y1 - y0;
      const a = dx * dx + dy * dy;
      const t = a > 0 ? Math.min(1, Math.max(0, -(x0 * dx + y0 * dy) / a)) : 0;
      const nx = x0 + t * dx;
      const ny = y0 + t * dy;
      const d2 = nx * nx + ny * ny;
      if (d2 < best2) best2 = d2;
      x0 = x1;
      y0 = y1;
    }
  }
  return inside ? 0 : Math.sqrt(best2);
}

/** Cumulative haversine length at each vertex of the flat vertex range `first..last`, written into `out`. */
export function cumulativeLengthsM(coords: ArrayLike<number>, first: number, last: number, out: Float64Array): void {
  out[first] = 0;
  for (let k = first; k < last; k++) {
    out[k + 1] = out[k] + haversineRawM(coords[2 * k], coords[2 * k + 1], coords[2 * k + 2], coords[2 * k + 3]);
  }
}

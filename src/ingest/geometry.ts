/**
 * Geometry checks and the one coordinate conversion: everything stored is WGS-84, whatever system the source
 * declares. Amap/Tencent picks are GCJ-02 (about 420 m east and 250 m south of WGS-84 in Dinghai), Baidu picks
 * are BD-09; gcoord converts both.
 */
import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';
import type { BBox } from '../campaign/types';
import type { SourceCrs } from './types';

/** The campaign bbox is written to 5 decimals (about 1 m); allow 10 m so its own boundary's vertices pass. */
const BBOX_TOLERANCE_DEG = 0.0001;
/** How far outside the bbox a swapped pair may land and still get the "swapped" hint, in degrees. */
const SWAP_HINT_MARGIN_DEG = 0.05;
/** A simple ring with less area than this (about 1 cm² at 30° N) has no area. */
const MIN_RING_AREA_DEG2 = 1e-14;
/** Positions nearer than this to one line (about 0.1 mm) lie on it. */
const ON_LINE_DEG = 1e-9;

const CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** One position to WGS-84. */
export function toWgs84(position: Position, crs: SourceCrs): [number, number] {
  if (crs === 'wgs84') return [position[0], position[1]];
  const [lng, lat] = gcoord.transform([position[0], position[1]] as [number, number], CRS[crs], gcoord.WGS84);
  return [lng, lat];
}

export type GeometryCheck = { ok: true; geometry: Geometry } | { ok: false; reasons: string[] };

/**
 * Validates a geometry for a kind and returns it in WGS-84: type in `allowed`, no empty parts, finite numbers,
 * closed rings of at least 4 positions, lines of at least 2, and every position inside `bbox` (checked after
 * conversion; unless `bbox` is null). Reports each kind of fault once per geometry.
 *
 * Rings are repaired where the intent is clear and refused where it is not: a position repeated right after itself
 * (a double click) is dropped without a word; a ring with fewer than 3 distinct positions, with zero area, or whose
 * edges cross (a bow-tie, which has no agreed inside) is refused, naming the first crossing.
 */
export function checkGeometry(
  geometry: Geometry | null | undefined,
  allowed: Geometry['type'][],
  crs: SourceCrs,
  bbox: BBox | null,
): GeometryCheck {
  if (!geometry || typeof geometry !== 'object' || !('type' in geometry))
    return { ok: false, reasons: ['empty geometry'] };
  if (!allowed.includes(geometry.type)) {
    return { ok: false, reasons: [`${geometry.type} where ${allowed.join(' or ')} is expected`] };
  }
  const reasons: string[] = [];
  const convert = (p: Position): Position => {
    if (!Array.isArray(p) || p.length < 2 || !p.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n))) {
      reasons.push(`coordinate ${JSON.stringify(p)} is not a number pair`);
      return [NaN, NaN];
    }
    return toWgs84(p, crs);
  };
  const line = (ps: unknown, min: number, what: string): Position[] => {
    if (!Array.isArray(ps) || ps.length === 0) {
      reasons.push('empty geometry');
      return [];
    }
    if (ps.length < min) reasons.push(`${what} has ${ps.length} positions, needs at least ${min}`);
    return ps.map(convert);
  };
  const polygon = (rings: unknown, prefix: string): Position[][] => {
    if (!Array.isArray(rings) || rings.length === 0) {
      reasons.push('empty geometry');
      return [];
    }
    return rings.map((ring: unknown, i) => {
      const before = reasons.length;
      const ps = line(ring, 4, `${prefix}ring ${i}`);
      const [first, last] = [ps[0], ps.at(-1)];
      if (ps.length > 1 && first && last && (first[0] !== last[0] || first[1] !== last[1])) {
        reasons.push(`${prefix}ring ${i} is not closed (first position differs from last)`);
      }
      if (reasons.length > before) return ps;
      const repaired = withoutRepeats(ps);
      const fault = ringFault(repaired);
      if (fault)
        reasons.push(`${prefix}ring ${i} ${fault}${crs === 'wgs84' || !fault.includes('[') ? '' : ' (WGS-84)'}`);
      return repaired;
    });
  };
  let out: Geometry;
  const coords = (geometry as { coordinates?: unknown }).coordinates;
  switch (geometry.type) {
    case 'Point':
      if (!Array.isArray(coords) || coords.length === 0) reasons.push('empty geometry');
      out = {
        type: 'Point',
        coordinates: Array.isArray(coords) && coords.length > 0 ? convert(coords as Position) : [],
      };
      break;
    case 'LineString':
      out = { type: 'LineString', coordinates: line(coords, 2, 'line') };
      break;
    case 'MultiLineString':
      out = {
        type: 'MultiLineString',
        coordinates:
          Array.isArray(coords) && coords.length > 0
            ? coords.map((l, i) => line(l, 2, `line ${i}`))
            : (reasons.push('empty geometry'), []),
      };
      break;
    case 'Polygon':
      out = { type: 'Polygon', coordinates: polygon(coords, '') };
      break;
    case 'MultiPolygon':
      out = {
        type: 'MultiPolygon',
        coordinates:
          Array.isArray(coords) && coords.length > 0
            ? coords.map((p, i) => polygon(p, `polygon ${i} `))
            : (reasons.push('empty geometry'), []),
      };
      break;
    default:
      return { ok: false, reasons: [`${geometry.type} is not supported`] };
  }
  if (reasons.length > 0) return { ok: false, reasons: dedupe(reasons) };
  if (bbox) {
    const outside = positions(out).findIndex((p) => !inBBox(p, bbox, BBOX_TOLERANCE_DEG));
    if (outside >= 0) {
      const raw = positions(geometry)[outside];
      const swapped = inBBox([raw[1], raw[0]], bbox, SWAP_HINT_MARGIN_DEG);
      const converted =
        crs === 'wgs84'
          ? ''
          : ` (${crs.toUpperCase()}; WGS-84 ${formatPosition(positions(out)[outside].map((x) => Number(x.toFixed(6))))})`;
      return {
        ok: false,
        reasons: [
          `${formatPosition(raw)}${converted} is outside the district bbox [${bbox.join(', ')}]${swapped ? '; lng and lat look swapped' : ''}`,
        ],
      };
    }
  }
  return { ok: true, geometry: out };
}

function positions(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
    case 'MultiPoint':
      return g.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    default:
      return [];
  }
}

export function inBBox(p: Position, [w, s, e, n]: BBox, marginDeg: number): boolean {
  return p[0] >= w - marginDeg && p[0] <= e + marginDeg && p[1] >= s - marginDeg && p[1] <= n + marginDeg;
}

function formatPosition(p: Position): string {
  return `[${p[0]}, ${p[1]}]`;
}

/** The ring without positions equal to the one before them. */
function withoutRepeats(ring: Position[]): Position[] {
  return ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
}

/**
 * What makes a closed ring (repeats removed) unusable as an area, or null: too few distinct positions, zero area,
 * or two edges that meet anywhere but at the vertex they share. Edges are swept in order of their west end, so a
 * ring of n positions costs about n log n, not n² (the OSM land outlines have thousands).
 */
function ringFault(ring: Position[]): string | null {
  const n = ring.length - 1;
  if (n < 3) return `has ${n} distinct position${n === 1 ? '' : 's'}, needs at least 3`;
  if (onOneLine(ring)) return 'has zero area (its positions lie on one line)';
  const crossing = firstCrossing(ring);
  if (crossing) {
    const at = formatPosition(crossing.map((x) => Number(x.toFixed(7))));
    return `crosses itself at ${at} (a bow-tie has no clear inside): redraw it so no edges cross`;
  }
  // Simple now, so the signed area is the area (a bow-tie's lobes would have cancelled out).
  const [x0, y0] = ring[0];
  let twiceArea = 0;
  for (let i = 1; i < n; i += 1) {
    twiceArea += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return Math.abs(twiceArea) / 2 < MIN_RING_AREA_DEG2 ? 'has zero area (its positions lie on one line)' : null;
}

/** True when every position lies within ON_LINE_DEG of the line through the first and the farthest position. */
function onOneLine(ring: Position[]): boolean {
  const p0 = ring[0];
  let far = p0;
  let farD2 = 0;
  for (const p of ring) {
    const d2 = (p[0] - p0[0]) ** 2 + (p[1] - p0[1]) ** 2;
    if (d2 > farD2) [far, farD2] = [p, d2];
  }
  const length = Math.sqrt(farD2);
  return ring.every((p) => Math.abs(orient(p0, far, p)) / length < ON_LINE_DEG);
}

/** Where the lowest-numbered pair of non-adjacent edges of `ring` meet, or null when none do. */
function firstCrossing(ring: Position[]): Position | null {
  const n = ring.length - 1;
  const west = new Float64Array(n);
  const east = new Float64Array(n);
  for (let e = 0; e < n; e += 1) {
    west[e] = Math.min(ring[e][0], ring[e + 1][0]);
    east[e] = Math.max(ring[e][0], ring[e + 1][0]);
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => west[a] - west[b]);
  const active: number[] = [];
  let best: { i: number; j: number; at: Position } | null = null;
  for (const e of order) {
    let kept = 0;
    for (const a of active) {
      if (east[a] < west[e]) continue;
      active[kept++] = a;
      const [i, j] = a < e ? [a, e] : [e, a];
      if (best && (i > best.i || (i === best.i && j > best.j))) continue;
      const at: Position | null =
        j === i + 1 || (i === 0 && j === n - 1)
          ? // Neighbours share a vertex; they are only a fault when they fold back over each other (a spike).
            overlapOfNeighbours(ring, i, j)
          : meet(ring[i], ring[i + 1], ring[j], ring[j + 1]);
      if (at) best = { i, j, at };
    }
    active.length = kept;
    active.push(e);
  }
  return best?.at ?? null;
}

/** Twice the signed area of the triangle abc: > 0 when c is left of ab. */
function orient(a: Position, b: Position, c: Position): number {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

function onSegment(a: Position, b: Position, p: Position): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** A point where segments ab and cd meet (crossing or touching), or null. */
function meet(a: Position, b: Position, c: Position, d: Position): Position | null {
  const [o1, o2, o3, o4] = [orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)];
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o3 / (o3 - o4);
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  if (o1 === 0 && onSegment(a, b, c)) return c;
  if (o2 === 0 && onSegment(a, b, d)) return d;
  if (o3 === 0 && onSegment(c, d, a)) return a;
  if (o4 === 0 && onSegment(c, d, b)) return b;
  return null;
}

/** Neighbouring edges i and j (sharing one vertex) that run back over each other: the tip of the spike, or null. */
function overlapOfNeighbours(ring: Position[], i: number, j: number): Position | null {
  // Shared vertex s; the far ends p (of one edge) and q (of the other).
  const [p, s, q] = j === i + 1 ? [ring[i], ring[j], ring[j + 1]] : [ring[j], ring[0], ring[1]];
  if (orient(p, s, q) !== 0) return null;
  const back = (p[0] - s[0]) * (q[0] - s[0]) + (p[1] - s[1]) * (q[1] - s[1]) > 0;
  return back ? s : null;
}

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

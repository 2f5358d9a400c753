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
      const ps = line(ring, 4, `${prefix}ring ${i}`);
      const [first, last] = [ps[0], ps.at(-1)];
      if (ps.length > 1 && first && last && (first[0] !== last[0] || first[1] !== last[1])) {
        reasons.push(`${prefix}ring ${i} is not closed (first position differs from last)`);
      }
      return ps;
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

function dedupe(list: string[]): string[] {
  return [...new Set(list)];
}

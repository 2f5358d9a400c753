/**
 * The data set's objects (anchors and targets) indexed by id, each with one representative point for the
 * lng/lat columns of a list:
 * - points: the point itself;
 * - streets (lines): the point halfway along the line, measured geodesically (haversine), so the point lies on
 *   the street rather than at a vertex average that can fall in a building;
 * - compounds drawn as polygons: the area centroid of the outer ring (planar in lng/lat, which at a compound's
 *   size is well under a metre off); a degenerate ring falls back to the vertex mean.
 */
import type { Geometry, Position } from 'geojson';
import { dataKeyOf, OBJECT_KINDS } from '../campaign/object-kinds';
import type { IsoDate, LngLat, ObjectKind } from '../campaign/types';
import type { ObjectLayers } from '../dataset/types';

export interface ExportObject {
  id: string;
  kind: ObjectKind;
  name: string;
  subdistrict: string;
  unit: string;
  lastInspected: IsoDate | null;
  sample: boolean;
  geometry: Geometry;
  /** Representative point, `[lng, lat]` rounded to 6 decimals; null for an empty geometry. */
  point: LngLat | null;
}

/** Index every object of the data set by id (ids are unique across kinds in the data set). */
export function indexObjects(sources: ObjectLayers): Map<string, ExportObject> {
  const out = new Map<string, ExportObject>();
  for (const kind of OBJECT_KINDS) {
    for (const f of sources[dataKeyOf(kind)].features) {
      const p = f.properties;
      out.set(p.id, {
        id: p.id,
        kind,
        name: p.name,
        subdistrict: p.subdistrict,
        unit: p.unit,
        lastInspected: p.lastInspected,
        sample: p.sample,
        geometry: f.geometry,
        point: representativePoint(f.geometry),
      });
    }
  }
  return out;
}

/** See the module comment for the rule per geometry type. */
export function representativePoint(g: Geometry): LngLat | null {
  switch (g.type) {
    case 'Point':
      return round(g.coordinates);
    case 'MultiPoint':
      return g.coordinates.length ? round(g.coordinates[0]) : null;
    case 'LineString':
      return g.coordinates.length ? round(alongHalf(g.coordinates)) : null;
    case 'MultiLineString': {
      const longest = longestLine(g.coordinates);
      return longest ? round(alongHalf(longest)) : null;
    }
    case 'Polygon':
      return g.coordinates.length && g.coordinates[0].length ? round(ringCentroid(g.coordinates[0])) : null;
    case 'MultiPolygon': {
      let best: Position[] | null = null;
      let bestArea = -1;
      for (const poly of g.coordinates) {
        const a = poly[0] ? Math.abs(ringArea(poly[0])) : 0;
        if (a > bestArea) {
          bestArea = a;
          best = poly[0];
        }
      }
      return best && best.length ? round(ringCentroid(best)) : null;
    }
    case 'GeometryCollection':
      for (const child of g.geometries) {
        const p = representativePoint(child);
        if (p) return p;
      }
      return null;
  }
}

const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres between two `[lng, lat]` positions. */
export function haversineM(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const s = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

function lineLengthM(line: Position[]): number {
  let len = 0;
  for (let i = 1; i < line.length; i++) len += haversineM(line[i - 1], line[i]);
  return len;
}

function longestLine(lines: Position[][]): Position[] | null {
  let best: Position[] | null = null;
  let bestLen = -1;
  for (const l of lines) {
    if (!l.length) continue;
    const len = lineLengthM(l);
    if (len > bestLen) {
      bestLen = len;
      best = l;
    }
  }
  return best;
}

function alongHalf(line: Position[]): Position {
  const half = lineLengthM(line) / 2;
  let walked = 0;
  for (let i = 1; i < line.length; i++) {
    const seg = haversineM(line[i - 1], line[i]);
    if (walked + seg >= half && seg > 0) {
      const t = (half - walked) / seg;
      const [x0, y0] = line[i - 1];
      const [x1, y1] = line[i];
      return [x0 + (x1 - x0) * t, y0 + (y1 - y0) * t];
    }
    walked += seg;
  }
  return line[0];
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  }
  return a / 2;
}

function ringCentroid(ring: Position[]): Position {
  // Shift to the first vertex so the products stay small and precise.
  const [ox, oy] = ring[0];
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0] - ox;
    const yi = ring[i][1] - oy;
    const xj = ring[j][0] - ox;
    const yj = ring[j][1] - oy;
    const cross = xj * yi - xi * yj;
    a += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  if (Math.abs(a) < 1e-18) {
    let sx = 0;
    let sy = 0;
    for (const p of ring) {
      sx += p[0];
      sy += p[1];
    }
    return [sx / ring.length, sy / ring.length];
  }
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}

function round(p: Position): LngLat {
  return [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];
}

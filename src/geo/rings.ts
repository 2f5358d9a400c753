/**
 * Plane helpers for closed rings (lng/lat here; orientation and containment do not need metres): signed area,
 * bbox, even-odd point test, and grouping rings into polygons. Each comes in two forms: over `[x, y]` positions
 * (GeoJSON), and over a range of a flat `[x0, y0, x1, y1, …]` array, which the merged zone geometry uses so a
 * what-if at province scale does not build an array per vertex.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { FlatPolygons } from './types';

/** Group rings into polygons: counter-clockwise rings are outers, clockwise rings are holes of the outer holding them. */
export function assemblePolygons(rings: Position[][]): Position[][][] {
  const groups = groupRings(rings.length, {
    area: (r) => signedArea(rings[r]),
    bbox: (r) => ringBBox(rings[r]),
    first: (r) => rings[r][0],
    contains: (r, x, y) => inRing(x, y, rings[r]),
  });
  return groups.map((group) => group.map((r) => rings[r]));
}

/**
 * `assemblePolygons` on flat rings: ring r is vertices `ringStart[r] .. ringStart[r+1]-1` of `coords`. The
 * result is written into exact-size arrays, polygon after polygon (outer ring first, then its holes).
 */
export function assembleFlatPolygons(
  coords: Float64Array,
  ringStart: ArrayLike<number>,
  ringCount: number,
  type: FlatPolygons['type'] = 'MultiPolygon',
): FlatPolygons {
  const groups = groupRings(ringCount, {
    area: (r) => signedAreaFlat(coords, ringStart[r], ringStart[r + 1]),
    bbox: (r) => ringBBoxFlat(coords, ringStart[r], ringStart[r + 1]),
    first: (r) => [coords[2 * ringStart[r]], coords[2 * ringStart[r] + 1]],
    contains: (r, x, y) => inRingFlat(x, y, coords, ringStart[r], ringStart[r + 1]),
  });
  let rings = 0;
  let vertices = 0;
  for (const group of groups) {
    rings += group.length;
    for (const r of group) vertices += ringStart[r + 1] - ringStart[r];
  }
  const out: FlatPolygons = {
    type,
    coords: new Float64Array(2 * vertices),
    ringStart: new Uint32Array(rings + 1),
    polygonRingStart: new Uint32Array(groups.length + 1),
  };
  let ring = 0;
  let v = 0;
  groups.forEach((group, p) => {
    out.polygonRingStart[p] = ring;
    for (const r of group) {
      out.ringStart[ring++] = v;
      out.coords.set(coords.subarray(2 * ringStart[r], 2 * ringStart[r + 1]), 2 * v);
      v += ringStart[r + 1] - ringStart[r];
    }
  });
  out.polygonRingStart[groups.length] = ring;
  out.ringStart[ring] = v;
  return out;
}

/** Flat polygons as GeoJSON coordinates (one `Position[][]` per polygon). */
export function polygonsOfFlat(g: FlatPolygons): Position[][][] {
  const polygons: Position[][][] = [];
  for (let p = 0; p + 1 < g.polygonRingStart.length; p++) polygons.push(polygonOfFlat(g, p));
  return polygons;
}

/** Polygon `p` of flat polygons as GeoJSON rings. */
export function polygonOfFlat(g: FlatPolygons, p: number): Position[][] {
  const polygon: Position[][] = [];
  for (let r = g.polygonRingStart[p]; r < g.polygonRingStart[p + 1]; r++) {
    const ring: Position[] = [];
    for (let v = g.ringStart[r]; v < g.ringStart[r + 1]; v++) ring.push([g.coords[2 * v], g.coords[2 * v + 1]]);
    polygon.push(ring);
  }
  return polygon;
}

/** The GeoJSON geometry flat polygons stand for (`g.type`: a 'Polygon' is their first polygon). */
export function geometryOfFlat(g: FlatPolygons): Polygon | MultiPolygon {
  const polygons = polygonsOfFlat(g);
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygons[0] }
    : { type: 'MultiPolygon', coordinates: polygons };
}

/** GeoJSON polygon coordinates as flat polygons (type 'MultiPolygon'). */
export function flatOfPolygons(polygons: Position[][][]): FlatPolygons {
  let rings = 0;
  let vertices = 0;
  for (const polygon of polygons) {
    rings += polygon.length;
    for (const ring of polygon) vertices += ring.length;
  }
  const out: FlatPolygons = {
    type: 'MultiPolygon',
    coords: new Float64Array(2 * vertices),
    ringStart: new Uint32Array(rings + 1),
    polygonRingStart: new Uint32Array(polygons.length + 1),
  };
  let r = 0;
  let v = 0;
  polygons.forEach((polygon, p) => {
    out.polygonRingStart[p] = r;
    for (const ring of polygon) {
      out.ringStart[r++] = v;
      for (const position of ring) {
        out.coords[2 * v] = position[0];
        out.coords[2 * v + 1] = position[1];
        v++;
      }
    }
  });
  out.polygonRingStart[polygons.length] = r;
  out.ringStart[r] = v;
  return out;
}

interface RingAccess {
  area(r: number): number;
  bbox(r: number): number[];
  first(r: number): ArrayLike<number>;
  contains(r: number, x: number, y: number): boolean;
}

/** Ring indices per polygon (outer first, then its holes in input order); a hole goes to the smallest outer holding its first vertex. */
function groupRings(count: number, ring: RingAccess): number[][] {
  const outers: { r: number; area: number; bbox: number[] }[] = [];
  const holes: number[] = [];
  for (let r = 0; r < count; r++) {
    const area = ring.area(r);
    if (area > 0) outers.push({ r, area, bbox: ring.bbox(r) });
    else if (area < 0) holes.push(r);
  }
  const groups = outers.map((o) => [o.r]);
  for (const hole of holes) {
    const first = ring.first(hole);
    const x = first[0];
    const y = first[1];
    let best = -1;
    for (let k = 0; k < outers.length; k++) {
      const { bbox, r, area } = outers[k];
      if (x < bbox[0] || x > bbox[2] || y < bbox[1] || y > bbox[3] || !ring.contains(r, x, y)) continue;
      if (best < 0 || area < outers[best].area) best = k;
    }
    if (best >= 0) groups[best].push(hole);
  }
  return groups;
}

export function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let k = 0; k < ring.length - 1; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return sum / 2;
}

/** `signedArea` of the closed ring at vertices `from .. to-1` of flat `coords`. */
export function signedAreaFlat(coords: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let k = from; k < to - 1; k++) sum += coords[2 * k] * coords[2 * k + 3] - coords[2 * k + 2] * coords[2 * k + 1];
  return sum / 2;
}

export function ringBBox(ring: Position[]): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = 0; k < ring.length; k++) {
    const x = ring[k][0];
    const y = ring[k][1];
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

/** `ringBBox` of vertices `from .. to-1` of flat `coords`. */
export function ringBBoxFlat(coords: ArrayLike<number>, from: number, to: number): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (let k = from; k < to; k++) {
    const x = coords[2 * k];
    const y = coords[2 * k + 1];
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

export function inRing(x: number, y: number, ring: Position[]): boolean {
  let inside = false;
  // Indexed reads rather than destructuring: this runs per vertex, and destructuring allocated iterators.
  for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) {
    const xk = ring[k][0];
    const yk = ring[k][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yk > y !== yj > y && x < ((xj - xk) * (y - yk)) / (yj - yk) + xk) inside = !inside;
  }
  return inside;
}

/** `inRing` against the ring at vertices `from .. to-1` of flat `coords`. */
export function inRingFlat(x: number, y: number, coords: ArrayLike<number>, from: number, to: number): boolean {
  let inside = false;
  for (let k = from, j = to - 1; k < to; j = k++) {
    const xk = coords[2 * k];
    const yk = coords[2 * k + 1];
    const xj = coords[2 * j];
    const yj = coords[2 * j + 1];
    if (yk > y !== yj > y && x < ((xj - xk) * (y - yk)) / (yj - yk) + xk) inside = !inside;
  }
  return inside;
}

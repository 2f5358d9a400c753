/**
 * Plane helpers for closed rings of `[x, y]` positions (lng/lat here; orientation and containment do not need
 * metres): signed area, bbox, even-odd point test, and grouping rings into polygons.
 */
import type { Position } from 'geojson';

/** Group rings into polygons: counter-clockwise rings are outers, clockwise rings are holes of the outer holding them. */
export function assemblePolygons(rings: Position[][]): Position[][][] {
  const outers: { ring: Position[]; area: number; bbox: number[] }[] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    const area = signedArea(ring);
    if (area > 0) outers.push({ ring, area, bbox: ringBBox(ring) });
    else if (area < 0) holes.push(ring);
  }
  const polygons: Position[][][] = outers.map((o) => [o.ring]);
  for (const hole of holes) {
    const [x, y] = hole[0];
    let best = -1;
    for (let k = 0; k < outers.length; k++) {
      const { bbox, ring, area } = outers[k];
      if (x < bbox[0] || x > bbox[2] || y < bbox[1] || y > bbox[3] || !inRing(x, y, ring)) continue;
      if (best < 0 || area < outers[best].area) best = k;
    }
    if (best >= 0) polygons[best].push(hole);
  }
  return polygons;
}

export function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let k = 0; k < ring.length - 1; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
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

/**
 * Land polygons for rules that clip to land (an island district: a 1 km circle around a coastal town seat must
 * not count the sea). A point test casts a ray east through a flatbush over the coast's edges and counts the
 * crossings per land polygon (even-odd, so holes are water; a point on the coastline is on land), touching only
 * the few edges the ray meets rather than every vertex of a detailed coastline, and never a union of all land.
 *
 * Display clipping (`clipToLand`) does not use `turf.intersect`: its exact arithmetic (polyclip-ts on bignumber.js)
 * took about 4 ms per coastal zone, 270 ms per what-if at ×10. Instead the zone and the coastline near it are cut
 * into fragments at their crossings, the zone fragments on land and the coast fragments inside the zone are kept,
 * and the fragments are chained into rings (the edge-fragment method). Both inputs are oriented the RFC 7946 way
 * (outer rings counter-clockwise), so every kept fragment has the result's interior on its left and each crossing
 * has exactly one kept fragment leaving it.
 */
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { LandFC } from '../dataset/types';
import {
  assemblePolygons,
  flatOfPolygons,
  geometryOfFlat,
  inRing,
  polygonOfFlat,
  ringBBox,
  ringBBoxFlat,
  signedArea,
} from './rings';
import type { FlatPolygons } from './types';

export interface LandIndex {
  /** Bbox index over the land polygons (features); their bboxes as `[w, s, e, n]` quadruples. */
  index: Flatbush | null;
  polygonBBoxes: Float64Array;
  /** Land polygon (feature) of each ring. */
  ringPolygon: Uint32Array;
  /** Scratch for `pointOnLand`: crossing parity per polygon. */
  parity: Uint8Array;
  /** All land rings, oriented (outers counter-clockwise, holes clockwise), closed, as flat `[x0, y0, …]`. */
  coords: Float64Array;
  /** Ring r has vertices ringStart[r] .. ringStart[r+1]-1 (the last repeats the first). */
  ringStart: Uint32Array;
  ringBBoxes: Float64Array;
  /** Edge e runs from vertex edgeStart[e] to the next vertex; edgeRing[e] is its ring. */
  edgeStart: Uint32Array;
  edgeRing: Uint32Array;
  edgeIndex: Flatbush | null;
  ringIndex: Flatbush | null;
}

/**
 * Index land polygons for `pointOnLand` and `clipToLand`. The rings are counted first and written straight into
 * typed arrays (a province's coastline is hundreds of thousands of vertices: no array per vertex).
 */
export function buildLandIndex(land: LandFC): LandIndex {
  const polygons = land.features.filter(
    (f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  ) as Feature<Polygon | MultiPolygon>[];
  const partsOf = (f: Feature<Polygon | MultiPolygon>) =>
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let ringCount = 0;
  let vertexCount = 0;
  for (const f of polygons) {
    for (const part of partsOf(f)) {
      for (const ring of part) {
        if (ring.length < 4) continue;
        ringCount++;
        vertexCount += ring.length;
      }
    }
  }
  const coords = new Float64Array(2 * vertexCount);
  const ringStart = new Uint32Array(ringCount + 1);
  const ringBBoxes = new Float64Array(4 * ringCount);
  const ringPolygon = new Uint32Array(ringCount);
  const polygonBBoxes = new Float64Array(4 * polygons.length);
  const index = polygons.length > 0 ? new Flatbush(polygons.length) : null;
  let r = 0;
  let v = 0;
  polygons.forEach((f, p) => {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const part of partsOf(f)) {
      part.forEach((ring, k) => {
        if (ring.length < 4) return;
        const rb = ringBBox(ring);
        b[0] = Math.min(b[0], rb[0]);
        b[1] = Math.min(b[1], rb[1]);
        b[2] = Math.max(b[2], rb[2]);
        b[3] = Math.max(b[3], rb[3]);
        // Outer rings counter-clockwise, holes clockwise, whatever the source file did.
        const reverse = signedArea(ring) > 0 !== (k === 0);
        ringStart[r] = v;
        for (let q = 0; q < ring.length; q++, v++) {
          const position = ring[reverse ? ring.length - 1 - q : q];
          coords[2 * v] = position[0];
          coords[2 * v + 1] = position[1];
        }
        ringBBoxes.set(rb, 4 * r);
        ringPolygon[r++] = p;
      });
    }
    index!.add(b[0], b[1], b[2], b[3]);
    polygonBBoxes.set(b, 4 * p);
  });
  index?.finish();
  ringStart[ringCount] = v;
  const edgeCount = vertexCount - ringCount;
  const edgeStart = new Uint32Array(edgeCount);
  const edgeRing = new Uint32Array(edgeCount);
  const edgeIndex = edgeCount > 0 ? new Flatbush(edgeCount) : null;
  for (let ring = 0, e = 0; ring < ringCount; ring++) {
    for (let q = ringStart[ring]; q < ringStart[ring + 1] - 1; q++, e++) {
      edgeStart[e] = q;
      edgeRing[e] = ring;
      const x0 = coords[2 * q];
      const y0 = coords[2 * q + 1];
      const x1 = coords[2 * q + 2];
      const y1 = coords[2 * q + 3];
      edgeIndex!.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
  }
  edgeIndex?.finish();
  let ringIndex: Flatbush | null = null;
  if (ringCount > 0) {
    ringIndex = new Flatbush(ringCount);
    for (let k = 0; k < ringCount; k++)
      ringIndex.add(ringBBoxes[4 * k], ringBBoxes[4 * k + 1], ringBBoxes[4 * k + 2], ringBBoxes[4 * k + 3]);
    ringIndex.finish();
  }
  return {
    index,
    polygonBBoxes,
    ringPolygon,
    parity: new Uint8Array(polygons.length),
    coords,
    ringStart,
    ringBBoxes,
    edgeStart,
    edgeRing,
    edgeIndex,
    ringIndex,
  };
}

/** True when `[lng, lat]` lies on land (inside or on the edge of a land polygon). */
export function pointOnLand(land: LandIndex, lng: number, lat: number): boolean {
  if (!land.index || !land.edgeIndex) return false;
  const candidates = land.index.search(lng, lat, lng, lat);
  if (candidates.length === 0) return false;
  let east = lng;
  for (const k of candidates) east = Math.max(east, land.polygonBBoxes[4 * k + 2]);
  const { coords, edgeStart, edgeRing, ringPolygon, parity } = land;
  const edges = land.edgeIndex.search(lng, lat, east, lat);
  let onEdge = false;
  for (const item of edges) {
    const v = edgeStart[item];
    const x0 = coords[2 * v];
    const y0 = coords[2 * v + 1];
    const x1 = coords[2 * v + 2];
    const y1 = coords[2 * v + 3];
    if ((x1 - x0) * (lat - y0) === (y1 - y0) * (lng - x0) && lng >= Math.min(x0, x1) && lng <= Math.max(x0, x1)) {
      onEdge = true;
      break;
    }
    if (y0 > lat !== y1 > lat && lng < x0 + ((lat - y0) * (x1 - x0)) / (y1 - y0))
      parity[ringPolygon[edgeRing[item]]] ^= 1;
  }
  let inside = onEdge;
  for (const item of edges) {
    const p = ringPolygon[edgeRing[item]];
    if (parity[p]) inside = true;
    parity[p] = 0;
  }
  return inside;
}

/** A crossing of a zone edge with a land edge. */
interface Crossing {
  x: number;
  y: number;
  /** Zone fragment and land fragment that leave this crossing (filled while cutting). */
  next: Position[] | null;
}

/**
 * The part of `zone` on land, for display; null when the zone is all sea. Works polygon by polygon of the zone
 * (each is one connected patch of circles), with only the land edges inside its bbox.
 */
export function clipToLand(zone: MultiPolygon, land: LandIndex): Polygon | MultiPolygon | null {
  const clipped = clipToLandFlat(flatOfPolygons(zone.coordinates), land);
  return clipped && geometryOfFlat(clipped);
}

/**
 * `clipToLand` on flat polygons. A patch with no coastline in its bbox is kept or dropped whole and copied as it
 * is; only patches the coast crosses are cut, in GeoJSON positions (a few coastal patches per district). The
 * result is a 'Polygon' when one polygon is left.
 */
export function clipToLandFlat(zone: FlatPolygons, land: LandIndex): FlatPolygons | null {
  const kept: (number | Position[][])[] = [];
  for (let p = 0; p + 1 < zone.polygonRingStart.length; p++) {
    const r0 = zone.polygonRingStart[p];
    const [w, s, e, n] = ringBBoxFlat(zone.coords, zone.ringStart[r0], zone.ringStart[r0 + 1]);
    const edges = land.edgeIndex ? land.edgeIndex.search(w, s, e, n) : [];
    if (edges.length === 0) {
      // No coastline near: the patch is all land or all sea.
      const v = zone.ringStart[r0];
      if (pointOnLand(land, zone.coords[2 * v], zone.coords[2 * v + 1])) kept.push(p);
      continue;
    }
    kept.push(...clipPolygonToLand(polygonOfFlat(zone, p), land, edges));
  }
  if (kept.length === 0) return null;
  return writeFlat(zone, kept, kept.length === 1 ? 'Polygon' : 'MultiPolygon');
}

/** Polygons given as indices into `zone` (copied) or as position rings, in exact-size flat arrays. */
function writeFlat(zone: FlatPolygons, polygons: (number | Position[][])[], type: FlatPolygons['type']): FlatPolygons {
  let rings = 0;
  let vertices = 0;
  for (const poly of polygons) {
    if (typeof poly === 'number') {
      const r0 = zone.polygonRingStart[poly];
      const r1 = zone.polygonRingStart[poly + 1];
      rings += r1 - r0;
      vertices += zone.ringStart[r1] - zone.ringStart[r0];
    } else {
      rings += poly.length;
      for (const ring of poly) vertices += ring.length;
    }
  }
  const out: FlatPolygons = {
    type,
    coords: new Float64Array(2 * vertices),
    ringStart: new Uint32Array(rings + 1),
    polygonRingStart: new Uint32Array(polygons.length + 1),
  };
  let r = 0;
  let v = 0;
  polygons.forEach((poly, p) => {
    out.polygonRingStart[p] = r;
    if (typeof poly === 'number') {
      const r0 = zone.polygonRingStart[poly];
      const r1 = zone.polygonRingStart[poly + 1];
      const v0 = zone.ringStart[r0];
      for (let q = r0; q < r1; q++) out.ringStart[r++] = v + zone.ringStart[q] - v0;
      out.coords.set(zone.coords.subarray(2 * v0, 2 * zone.ringStart[r1]), 2 * v);
      v += zone.ringStart[r1] - v0;
      return;
    }
    for (const ring of poly) {
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

/** One patch cut at the coast; `edges` are the land edges in its bbox (at least one). */
function clipPolygonToLand(poly: Position[][], land: LandIndex, edges: number[]): Position[][][] {
  const [w, s, e, n] = ringBBox(poly[0]);
  const { coords, edgeStart } = land;

  // Crossings per zone edge and per land edge, as (parameter, crossing).
  const zoneCuts = new Map<string, { t: number; c: Crossing }[]>();
  const landCuts = new Map<number, { t: number; c: Crossing }[]>();
  let crossings = 0;
  poly.forEach((ring, r) => {
    for (let k = 0; k < ring.length - 1; k++) {
      const [ax, ay] = ring[k];
      const [bx, by] = ring[k + 1];
      const ew = Math.min(ax, bx);
      const ee = Math.max(ax, bx);
      const es = Math.min(ay, by);
      const en = Math.max(ay, by);
      for (const item of edges) {
        const v = edgeStart[item];
        const cx = coords[2 * v];
        const cy = coords[2 * v + 1];
        const dx = coords[2 * v + 2];
        const dy = coords[2 * v + 3];
        if (Math.max(cx, dx) < ew || Math.min(cx, dx) > ee || Math.max(cy, dy) < es || Math.min(cy, dy) > en) continue;
        const rx = bx - ax;
        const ry = by - ay;
        const sx = dx - cx;
        const sy = dy - cy;
        const den = rx * sy - ry * sx;
        if (den === 0) continue;
        // Half-open parameters so a crossing through a shared vertex is counted once.
        const t = ((cx - ax) * sy - (cy - ay) * sx) / den;
        const u = ((cx - ax) * ry - (cy - ay) * rx) / den;
        if (t < 0 || t >= 1 || u < 0 || u >= 1) continue;
        const c: Crossing = { x: ax + t * rx, y: ay + t * ry, next: null };
        const zk = `${r}:${k}`;
        (zoneCuts.get(zk) ?? zoneCuts.set(zk, []).get(zk)!).push({ t, c });
        (landCuts.get(item) ?? landCuts.set(item, []).get(item)!).push({ t: u, c });
        crossings++;
      }
    }
  });

  const rings: Position[][] = [];
  const inPoly = (x: number, y: number) =>
    poly.reduce((inside, ring) => (inRing(x, y, ring) ? !inside : inside), false);

  // Land rings (islets, lakes) that lie wholly inside the patch without crossing it.
  const crossedRings = new Set([...landCuts.keys()].map((item) => land.edgeRing[item]));
  for (const r of land.ringIndex!.search(w, s, e, n)) {
    const v = land.ringStart[r];
    const b = land.ringBBoxes.subarray(4 * r, 4 * r + 4);
    if (crossedRings.has(r) || b[0] < w || b[1] < s || b[2] > e || b[3] > n) continue;
    if (!inPoly(coords[2 * v], coords[2 * v + 1])) continue;
    const ring: Position[] = [];
    for (let q = v; q < land.ringStart[r + 1]; q++) ring.push([coords[2 * q], coords[2 * q + 1]]);
    rings.push(ring);
  }
  if (crossings === 0) {
    // The coastline is near but does not cross the patch: the patch is all land or all sea.
    if (pointOnLand(land, poly[0][0][0], poly[0][0][1])) rings.push(...poly);
    return assemblePolygons(rings);
  }

  // Zone fragments: walk each ring; on-land status flips at every crossing.
  const starts: Crossing[] = [];
  poly.forEach((ring, r) => {
    const nodes: (Position | Crossing)[] = [];
    for (let k = 0; k < ring.length - 1; k++) {
      nodes.push(ring[k]);
      const cuts = zoneCuts.get(`${r}:${k}`);
      if (cuts) for (const { c } of cuts.sort((p, q) => p.t - q.t)) nodes.push(c);
    }
    const first = nodes.findIndex((x) => !Array.isArray(x));
    if (first < 0) {
      if (pointOnLand(land, ring[0][0], ring[0][1])) rings.push(ring);
      return;
    }
    const m = nodes.length;
    const after = nodes[(first + 1) % m];
    const c0 = nodes[first] as Crossing;
    const [ax, ay] = Array.isArray(after) ? after : [(after as Crossing).x, (after as Crossing).y];
    let onLand = pointOnLand(land, (c0.x + ax) / 2, (c0.y + ay) / 2);
    let piece: Position[] = [];
    let from = c0;
    for (let q = 1; q <= m; q++) {
      const node = nodes[(first + q) % m];
      if (Array.isArray(node)) {
        piece.push(node);
        continue;
      }
      const c = node as Crossing;
      if (onLand) {
        from.next = piece;
        piece.push([c.x, c.y]);
        starts.push(from);
      }
      onLand = !onLand;
      piece = [];
      from = c;
    }
  });

  // Land fragments inside the zone: from each crossing, follow the coast until the next crossing.
  const ringOf = land.edgeRing;
  const edgeByVertex = new Map<number, number>(edges.map((item) => [edgeStart[item], item]));
  for (const [item, cuts] of landCuts) {
    cuts.sort((p, q) => p.t - q.t);
    for (let k = 0; k < cuts.length; k++) {
      const c = cuts[k].c;
      const piece: Position[] = [];
      let end: Crossing | null = k + 1 < cuts.length ? cuts[k + 1].c : null;
      let v = edgeStart[item];
      const r = ringOf[item];
      const ringFirst = land.ringStart[r];
      const ringLast = land.ringStart[r + 1] - 1;
      let guard = ringLast - ringFirst + 1;
      while (!end && guard-- > 0) {
        v = v + 1 === ringLast ? ringFirst : v + 1;
        piece.push([coords[2 * v], coords[2 * v + 1]]);
        const nextItem = edgeByVertex.get(v);
        const nextCuts = nextItem === undefined ? undefined : landCuts.get(nextItem);
        if (nextCuts) end = nextCuts.slice().sort((p, q) => p.t - q.t)[0].c;
        else if (nextItem === undefined) break; // left the zone's bbox, so this fragment is outside the zone
      }
      if (!end) continue;
      const [mx, my] =
        piece.length > 0 ? [(c.x + piece[0][0]) / 2, (c.y + piece[0][1]) / 2] : [(c.x + end.x) / 2, (c.y + end.y) / 2];
      if (!inPoly(mx, my)) continue;
      piece.push([end.x, end.y]);
      if (c.next) continue; // degenerate: two fragments leave one crossing; keep the zone's
      c.next = piece;
      starts.push(c);
    }
  }

  // Chain fragments: each ends at a crossing whose leaving fragment continues the ring.
  const byPoint = new Map<string, Crossing>();
  for (const c of starts) byPoint.set(`${c.x},${c.y}`, c);
  const done = new Set<Crossing>();
  for (const c0 of starts) {
    if (done.has(c0)) continue;
    const ring: Position[] = [[c0.x, c0.y]];
    let c: Crossing | undefined = c0;
    while (c && !done.has(c) && c.next) {
      done.add(c);
      ring.push(...c.next);
      const [x, y] = c.next[c.next.length - 1];
      c = byPoint.get(`${x},${y}`);
    }
    if (c === c0 && ring.length >= 4) rings.push(ring);
  }
  return assemblePolygons(rings);
}

/**
 * Does the land source cover the district? A rule that clips to land (an island district's 1 km circles around
 * town seats) counts nothing in the sea, so a land file that stops short of some islands empties their zones
 * without a word. Checked once, when the data come in (ingest.ts), and said out loud as warnings:
 * - an anchor of a clipping rule that is not on land, with its distance to the nearest land;
 * - a district boundary of which a large share (`maxUncoveredShare`) is not covered by land.
 * Where an anchor off the land lies inside the district boundary, the land source is taken to be incomplete there:
 * the boundary's polygon around the anchor is merged into land (with the land polygons it overlaps, so the land
 * polygons stay disjoint, as `clipToLand` needs), and the warning says so.
 */
import { featureCollection, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Problem } from '../campaign/problem';
import type { LngLat, ZoneRule } from '../campaign/types';
import type { BoundaryFeature, LandFC } from '../dataset/types';
import { circleBBox, LocalPlane } from './geodesy';
import { buildLandIndex, pointOnLand, type LandIndex } from './land';
import { ringBBox } from './rings';

export interface LandCoverageOptions {
  /** Warn when more than this share of the district boundary's area is not land (0.2: a fifth). */
  maxUncoveredShare?: number;
  /** Grid points per side that sample the boundary for its uncovered share. */
  gridSize?: number;
}

/** An anchor of a rule that clips to land, where its source has it. */
export interface LandAnchor {
  name: string;
  /** What it is, in the message: `town seat`. */
  kindLabel: string;
  lngLat: LngLat;
  /** The rules that clip to land and have a zone around it. */
  rules: Pick<ZoneRule, 'id' | 'radiusM'>[];
  file: string;
  location: string;
}

export interface LandCoverage {
  /** The land, with the boundary's polygons merged in around anchors the land source misses. */
  land: LandFC;
  warnings: Problem[];
}

/** Nearest land searched up to this far (metres); farther is reported as "no land". */
const MAX_SEARCH_M = 200_000;

/**
 * Checks `land` against the district boundary and the anchors of the rules that clip to land, and fills the gaps
 * from the boundary. `landFile` and `boundaryFile` name the sources in the warnings.
 *
 * @example checkLandCoverage(land, boundary, anchors, { landFile: 'geodata/land.geojson', boundaryFile: '…' })
 * // { land, warnings: [{ …, message: 'town seat 六横镇 is 2.3 km from the nearest land: its 1 km zone is empty' }] }
 */
export function checkLandCoverage(
  land: LandFC,
  boundary: BoundaryFeature | null,
  anchors: LandAnchor[],
  files: { landFile: string; boundaryFile: string | null },
  { maxUncoveredShare = 0.2, gridSize = 200 }: LandCoverageOptions = {},
): LandCoverage {
  const warnings: Problem[] = [];
  const index = buildLandIndex(land);
  const boundaryParts = boundary ? partsOf(boundary.geometry) : [];
  const boundaryIndex = boundary ? buildLandIndex(featureCollection([boundary])) : null;

  if (boundary && boundaryIndex) {
    const share = uncoveredShare(index, boundaryIndex, ringBBox(boundaryParts.flatMap((p) => p[0])), gridSize);
    if (share > maxUncoveredShare) {
      warnings.push({
        file: files.landFile,
        location: 'file',
        field: 'coverage',
        severity: 'warning',
        message:
          `${percent(share)} of the district boundary's area is not covered by this land (more than ` +
          `${percent(maxUncoveredShare)}): zones of rules that clip to land are empty there; use land that covers ` +
          `the district`,
      });
    }
  }

  const added = new Set<number>();
  for (const a of anchors) {
    const [lng, lat] = a.lngLat;
    if (pointOnLand(index, lng, lat)) continue;
    const distanceM = nearestLandM(index, a.lngLat);
    const away = Number.isFinite(distanceM)
      ? `is ${distanceText(distanceM)} from the nearest land`
      : `has no land within ${distanceText(MAX_SEARCH_M)}`;
    const zones = (verb: string) => a.rules.map((r) => zoneEffect(r, distanceM, a.rules.length > 1, verb)).join(', ');
    const part = boundaryIndex && pointOnLand(boundaryIndex, lng, lat) ? partAt(boundaryParts, a.lngLat) : -1;
    const message =
      part < 0
        ? `${a.kindLabel} ${a.name} ${away}: ${zones('is')}`
        : `${a.kindLabel} ${a.name} ${away} in ${files.landFile} (${zones('would be')}): ` +
          `the district boundary's polygon around it is used as land (${files.boundaryFile} polygon ${part + 1})`;
    warnings.push({ file: a.file, location: a.location, field: 'geometry', severity: 'warning', message });
    if (part >= 0) added.add(part);
  }
  return { land: added.size > 0 ? withParts(land, boundaryParts, [...added]) : land, warnings };
}

/** `its 1 km zone is empty`, or when land is within reach, how far the zone must reach for it. */
function zoneEffect(rule: Pick<ZoneRule, 'id' | 'radiusM'>, distanceM: number, named: boolean, verb: string): string {
  const zone = `its ${distanceText(rule.radiusM)} zone${named ? ` (${rule.id})` : ''}`;
  return distanceM >= rule.radiusM
    ? `${zone} ${verb} empty`
    : `${zone} ${verb} land only from ${distanceText(distanceM)} out`;
}

/** Distance to the nearest land edge in metres (a local plane around the point); Infinity when none is near. */
export function nearestLandM(land: LandIndex, at: LngLat): number {
  if (!land.edgeIndex) return Infinity;
  const plane = new LocalPlane(at);
  const within = (radiusM: number) => {
    const [w, s, e, n] = circleBBox(at, radiusM);
    let best = Infinity;
    for (const item of land.edgeIndex!.search(w, s, e, n)) {
      const v = land.edgeStart[item];
      const c = land.coords;
      best = Math.min(
        best,
        segmentDistance(
          plane.x(c[2 * v], c[2 * v + 1]),
          plane.y(c[2 * v + 1]),
          plane.x(c[2 * v + 2], c[2 * v + 3]),
          plane.y(c[2 * v + 3]),
        ),
      );
    }
    return best;
  };
  for (let radiusM = 1000; radiusM <= MAX_SEARCH_M; radiusM *= 4) {
    const found = within(radiusM);
    // An edge found in the box may lie beyond the radius; any nearer one is within its distance.
    if (Number.isFinite(found)) return Math.min(found, within(found));
  }
  return Infinity;
}

/** Distance from the origin to the segment (x0, y0)–(x1, y1), in plane metres. */
function segmentDistance(x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length2 = dx * dx + dy * dy;
  const t = length2 > 0 ? Math.max(0, Math.min(1, -(x0 * dx + y0 * dy) / length2)) : 0;
  return Math.hypot(x0 + t * dx, y0 + t * dy);
}

/**
 * Share of the boundary's area off land, sampled on a `gridSize` × `gridSize` grid over its bbox (cell centres,
 * weighted by the cosine of their latitude: a cell's area on the ground).
 */
function uncoveredShare(land: LandIndex, boundary: LandIndex, bbox: number[], gridSize: number): number {
  const [w, s, e, n] = bbox;
  let inside = 0;
  let uncovered = 0;
  for (let j = 0; j < gridSize; j++) {
    const lat = s + ((j + 0.5) * (n - s)) / gridSize;
    const weight = Math.cos((lat * Math.PI) / 180);
    for (let i = 0; i < gridSize; i++) {
      const lng = w + ((i + 0.5) * (e - w)) / gridSize;
      if (!pointOnLand(boundary, lng, lat)) continue;
      inside += weight;
      if (!pointOnLand(land, lng, lat)) uncovered += weight;
    }
  }
  return inside > 0 ? uncovered / inside : 0;
}

function partsOf(g: Polygon | MultiPolygon): Position[][][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** The boundary polygon holding the point (the first, should two overlap). */
function partAt(parts: Position[][][], at: LngLat): number {
  return parts.findIndex((part) => {
    const index = buildLandIndex(
      featureCollection([{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: part } }]),
    );
    return pointOnLand(index, at[0], at[1]);
  });
}

/**
 * `land` with the boundary polygons `added` merged in: each with the land polygons whose bbox it meets, unioned
 * into one feature that replaces them, so no two land polygons overlap.
 */
function withParts(land: LandFC, parts: Position[][][], added: number[]): LandFC {
  let features = land.features;
  for (const p of added) {
    const polygon: Feature<Polygon> = {
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: parts[p] },
    };
    const [w, s, e, n] = ringBBox(parts[p][0]);
    const meets = (f: Feature<Polygon | MultiPolygon>) => {
      const [fw, fs, fe, fn] = ringBBox(partsOf(f.geometry).flatMap((q) => q[0]));
      return fw <= e && fe >= w && fs <= n && fn >= s;
    };
    const overlapping = features.filter(meets);
    const merged = overlapping.length > 0 ? union(featureCollection([polygon, ...overlapping])) : polygon;
    features = [
      ...features.filter((f) => !overlapping.includes(f)),
      {
        type: 'Feature',
        properties: { name: 'district boundary (land source incomplete)' },
        geometry: (merged ?? polygon).geometry,
      },
    ];
  }
  return { ...land, features };
}

function distanceText(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${Number((m / 1000).toFixed(1))} km`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

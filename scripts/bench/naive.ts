/**
 * The naive Turf approach the issue compares against: buffer every anchor, union the buffers, clip to land where
 * the rule says, then test each target against the union (booleanPointInPolygon for points, booleanIntersects
 * for polygons and lines) and measure streets with lineSplit. Written the way a first version would be, with
 * Turf's defaults; only used by the benchmark, in its comparison process (`compareWithNaive`).
 */
import {
  booleanIntersects,
  booleanPointInPolygon,
  buffer,
  featureCollection,
  intersect,
  length,
  lineSplit,
  lineString,
  along,
  pointToLineDistance,
  union,
} from '@turf/turf';
import type { Feature, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { LngLat } from '../../src/campaign/types';
import type { LandFC } from '../../src/dataset/types';
import { haversineM } from '../../src/geo/geodesy';
import type { Prepared } from '../../src/geo/prepare';
import { mulberry32 } from '../../src/geo/prng';
import type { CompactResult } from '../../src/geo/types';
import { benchFeatures, type BenchData } from './data';

/** Targets per kind and rule tested the naive way in each sampled tile. */
const NAIVE_SAMPLE = 120;
const NAIVE_TILES = 2;
/** turf.buffer's default 8 steps per quadrant: its polygon falls up to r·(1 − cos(π/32)) inside the circle. */
const BUFFER_ERROR_SHARE = 1 - Math.cos(Math.PI / 32);

export type ZoneShape = Feature<Polygon | MultiPolygon>;

/** Buffers, union and (optionally) land clip of one rule's anchors: null when there are none or all is sea. */
export function naiveZone(anchors: Feature<Point>[], radiusM: number, land: LandFC | null): ZoneShape | null {
  if (anchors.length === 0) return null;
  const buffers = anchors.map((a) => buffer(a, radiusM, { units: 'meters' }) as ZoneShape);
  let zone: ZoneShape | null = buffers.length === 1 ? buffers[0] : union(featureCollection(buffers));
  if (zone && land) {
    const landUnion =
      land.features.length === 1
        ? (land.features[0] as ZoneShape)
        : union(featureCollection(land.features as ZoneShape[]));
    zone = landUnion ? intersect(featureCollection([zone, landUnion])) : null;
  }
  return zone;
}

/** Membership of one target, and for streets the length inside the zone (metres) via lineSplit. */
export function naiveMember(
  target: Feature<Point | Polygon | LineString>,
  zone: ZoneShape,
): { member: boolean; insideLengthM?: number } {
  const g = target.geometry;
  if (g.type === 'Point') return { member: booleanPointInPolygon(g.coordinates, zone) };
  if (g.type === 'Polygon') return { member: booleanIntersects(target, zone) };
  if (!booleanIntersects(target, zone)) return { member: false, insideLengthM: 0 };
  const pieces = lineSplit(target as Feature<LineString>, zone).features;
  const parts = pieces.length > 0 ? pieces : [target as Feature<LineString>];
  let insideLengthM = 0;
  for (const piece of parts) {
    const lenM = length(piece, { units: 'meters' });
    const mid = along(piece, lenM / 2, { units: 'meters' });
    if (booleanPointInPolygon(mid, zone)) insideLengthM += lenM;
  }
  return { member: true, insideLengthM };
}

/**
 * The naive way on the first tiles of the bench data, against the engine's result `result` on `p`: each rule's
 * zone per tile (timed), sampled targets per kind tested against it (timed, extrapolated to all targets and all
 * tiles), and the sampled targets' membership compared with ours. A disagreement is expected only within Turf's
 * buffer polygon error of the radius.
 */
export function compareWithNaive(data: BenchData, p: Prepared, result: CompactResult) {
  const rnd = mulberry32(7);
  const { campaign, collections, land: landFC } = data.input;
  const tiles = Math.min(NAIVE_TILES, data.tiles);
  let measuredMs = 0;
  let estimatePerTileMs = 0;
  let checked = 0;
  let agree = 0;
  let boundary = 0;
  const other: string[] = [];
  const lengthDiffs: number[] = [];

  for (let t = 0; t < tiles; t++) {
    for (const rule of campaign.zoneRules) {
      const compact = result.rules.find((r) => r.ruleId === rule.id)!;
      const anchors = p.sets[rule.anchorKind];
      const inTile = (set: { slot0: number; kind: keyof typeof data.tileStart }, slot: number) =>
        slot - set.slot0 >= data.tileStart[set.kind][t] && slot - set.slot0 < data.tileStart[set.kind][t + 1];
      const centers: LngLat[] = [];
      compact.zoneAnchor.forEach((slot, z) => {
        if (inTile(anchors, slot)) centers.push([compact.zoneCenter[2 * z], compact.zoneCenter[2 * z + 1]]);
      });
      const anchorPoints = centers.map(
        (c) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: c } }) as Feature<Point>,
      );
      const land = rule.clipToLand && landFC ? { ...landFC, features: [landFC.features[t]] } : null;
      const [zone, zoneMs] = timed(() => naiveZone(anchorPoints, rule.radiusM, land));
      measuredMs += zoneMs;
      estimatePerTileMs += zoneMs / tiles;
      if (!zone) continue;
      /** Inside length (NaN unless a street) of each member in the tile, by slot. */
      const members = new Map<number, number>();
      const targetSets = rule.targetKinds.map((k) => p.sets[k]);
      compact.memberSlot.forEach((slot, m) => {
        const set = targetSets.find((s) => slot >= s.slot0 && slot < s.slot0 + s.count)!;
        if (inTile(set, slot)) members.set(slot, compact.memberInsideM[m]);
      });

      for (const kind of rule.targetKinds) {
        const set = p.sets[kind];
        const all = benchFeatures(collections[kind], data.tileStart[kind][t], data.tileStart[kind][t + 1]);
        const slotOf = new Map(all.map((f, k) => [f, set.slot0 + data.tileStart[kind][t] + k]));
        const targets = all.filter(
          (f) => !rule.targetFilter?.streetClass || f.properties.streetClass === rule.targetFilter.streetClass,
        );
        const sample =
          targets.length <= NAIVE_SAMPLE
            ? targets
            : Array.from({ length: NAIVE_SAMPLE }, () => targets[Math.floor(rnd() * targets.length)]);
        if (sample.length === 0) continue;
        const [answers, ms] = timed(() => sample.map((f) => naiveMember(f, zone)));
        measuredMs += ms;
        estimatePerTileMs += ((ms / sample.length) * targets.length) / tiles;

        sample.forEach((f, k) => {
          const ours = members.get(slotOf.get(f)!);
          checked++;
          if (answers[k].member === (ours !== undefined)) {
            agree++;
            const theirs = answers[k].insideLengthM;
            if (ours !== undefined && theirs !== undefined && ours > 10)
              lengthDiffs.push(Math.abs(theirs - ours) / ours);
            return;
          }
          const d = Math.min(...centers.map((c) => nearestM(c, f.geometry)));
          if (Math.abs(d - rule.radiusM) <= rule.radiusM * BUFFER_ERROR_SHARE + 1) boundary++;
          else
            other.push(
              `${rule.id} ${f.properties.id}: ours ${ours !== undefined}, naive ${answers[k].member}, nearest ${d.toFixed(1)} m`,
            );
        });
      }
    }
  }
  return {
    naiveEstimateMs: estimatePerTileMs * data.tiles,
    naiveMeasuredMs: measuredMs,
    naiveChecked: checked,
    naiveAgree: agree,
    naiveBoundary: boundary,
    naiveOther: other,
    streetLengthDiffMedian: lengthDiffs.length ? median(lengthDiffs) : null,
  };
}

function nearestM(anchor: LngLat, g: Point | Polygon | LineString): number {
  if (g.type === 'Point') return haversineM(anchor, g.coordinates as LngLat);
  if (g.type === 'LineString') return pointToLineDistance(anchor, g, { units: 'meters', method: 'geodesic' });
  if (booleanPointInPolygon(anchor, g)) return 0;
  return pointToLineDistance(anchor, lineString(g.coordinates[0]), { units: 'meters', method: 'geodesic' });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Run `fn`, returning its value and wall time in milliseconds. */
function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

/**
 * The zone engine: from the loaded data set and what-if radii to zones, memberships with reasons, object states and
 * figures for the radius rules of data/campaign.json. Pure: the same code runs in the app's Web Worker and in the Node
 * scripts.
 *
 * How membership is decided, per rule and anchor circle (radius r):
 * - Candidates come from a flatbush index over target bboxes, queried with the circle's bbox; each candidate then
 *   gets an exact test. Nothing is tested against a union polygon.
 * - Points: haversine distance to the anchor. Inside when distance ≤ r (the radius itself is inside, with a 1 µm
 *   allowance for floating-point rounding, so a point constructed exactly on the circle counts).
 * - Polygons (compounds): distance from the anchor to the nearest point of the polygon, 0 when the anchor is
 *   inside it. A compound is inside when any part of it is within r: the plan scopes compounds "within 300 m",
 *   and a compound whose gate is 250 m away is the community's business even if its far corner is 400 m away.
 * - Streets: clipped analytically against the circle (segment/circle roots in a plane around the anchor). The
 *   street is a member when its nearest point is within r; it reports its length inside each anchor's circle and
 *   its length inside the union of the rule's circles (inside intervals merged along the line, so overlapping
 *   circles are not double-counted), and that union part as the clipped geometry.
 * - Rules with `clipToLand` (and land data present) only count targets on land: points by a point-in-polygon
 *   test, polygons and streets when any vertex is on land. A street's inside length is not cut at the coast:
 *   streets on bridges and sea walls are still streets to keep, and cutting every street against a detailed
 *   coastline would cost far more than it tells.
 * - An object in several zones of one rule is one membership listing all its anchors, nearest first.
 */
import type { ZoneRule } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import { effectiveRadiusM, pruneOverrides } from '../campaign/what-if';
import { unionCirclesFlat } from './circle-union';
import { clipLineToCircle, distanceToPolygonM, IntervalBuffer, type Intervals } from './clip';
import { expandResult } from './expand';
import { addFigures, checkWeights, figuresStride, priorityOfRow } from './figures';
import { circleBBox, circlePolygon, haversineRawM, LocalPlane, MAX_CHORD_ERROR_M, stepsForChordError } from './geodesy';
import { flatOfPolygons, signedAreaFlat } from './rings';
import { clipToLandFlat, pointOnLand } from './land';
import {
  catalogOf,
  GEOM_LINE,
  GEOM_POINT,
  GEOM_POLYGON,
  prepareEngine,
  type ObjectSet,
  type Prepared,
} from './prepare';
import { rollUp } from './rollup';
import { isRuleAnchor } from './rule-anchors';
import type {
  CompactResult,
  CompactRule,
  EngineInput,
  EngineOptions,
  EngineResult,
  FlatPolygons,
  RollUp,
} from './types';

/** Allowance for floating-point rounding at the radius, metres: a point built exactly on the circle is inside. */
export const ON_RADIUS_TOLERANCE_M = 1e-6;

const rollUpByPrepared = new WeakMap<Prepared, RollUp>();
const scratchByPrepared = new WeakMap<Prepared, Scratch>();

/**
 * Compute zones, memberships, states and figures for every rule of `input.campaign`, from scratch. To answer
 * several what-ifs on one data set, flatten it once with `prepareEngine` and call `computePrepared` (or
 * `computeCompact`, which the worker uses), which redo only the per-rule work.
 *
 * @example computeEngine(input, { radiusOverrides: { R500: 800 } }).rules.find((r) => r.ruleId === 'R500')
 */
export function computeEngine(input: EngineInput, options: EngineOptions = {}): EngineResult {
  return computePrepared(prepareEngine(input), options);
}

/**
 * `computeEngine` on data flattened with `prepareEngine`: `computeCompact` expanded into objects. The state
 * roll-up (and the status records built from it) is kept per `Prepared` and as-of date, so a radius change
 * does not redo it and returns the same `status` object.
 */
export function computePrepared(p: Prepared, options: EngineOptions = {}): EngineResult {
  return expandResult(catalogOf(p), computeCompact(p, options));
}

/**
 * The engine's result in typed arrays (see `CompactResult`): every rule's zones, merged display geometry,
 * memberships with their anchor hits, distances, inside lengths and clipped streets, and figures, with no object
 * per membership, hit or circle. `expandResult` builds the `EngineResult` objects from it when they are wanted.
 */
export function computeCompact(p: Prepared, options: EngineOptions = {}): CompactResult {
  const campaign = p.campaign;
  const asOfDate = options.asOfDate ?? campaign.asOfDate;
  const asOfDay = dayFromIso(asOfDate);
  const overrides = options.radiusOverrides ?? {};
  // The shells prune overrides against the campaign they load (what-if.ts); one that still fails is a bug there.
  const { dropped } = pruneOverrides(overrides, campaign);
  if (dropped.length) throw new Error(`radiusOverrides: ${dropped.map((d) => d.message).join('; ')}`);

  checkWeights(campaign.priority.weights);
  let rollup = rollUpByPrepared.get(p);
  if (!rollup || rollup.asOfDay !== asOfDay) {
    rollup = rollUp(campaign, p.setList, p.defects, p.slotOfObject, asOfDay);
    rollUpByPrepared.set(p, rollup);
  }
  let scratch = scratchByPrepared.get(p);
  if (!scratch) {
    scratch = new Scratch(p);
    scratchByPrepared.set(p, scratch);
  }
  const rules = campaign.zoneRules.map((rule) =>
    computeRule(p, rule, effectiveRadiusM(rule, overrides), rollup, options.circleSteps, scratch),
  );
  return { asOfDate, rules, rollup };
}

/**
 * Working arrays kept per data set and reused by every what-if, so a recompute allocates little besides its
 * result: per target set the member each object has become (-1 none), and growable buffers of hits and of
 * street intervals.
 */
class Scratch {
  memberOf: Int32Array[];
  /** Per hit: its member (builder), zone, distance, inside length (NaN: not a street), interval range. */
  hitMember = new Int32Array(1024);
  hitZone = new Int32Array(1024);
  hitDistanceM = new Float64Array(1024);
  hitInsideM = new Float64Array(1024);
  hitIntervals = new Uint32Array(1025);
  intervals = new Float64Array(1024);
  /** Per member (in discovery order): set index among the rule's targets and object index. */
  memberSet = new Int32Array(1024);
  memberIndex = new Int32Array(1024);
  /** Intervals of one street being sorted by `unionOfHits`, as start/end pairs. */
  pairs = new Float64Array(64);
  line = new IntervalBuffer();
  /** Per zone, its first hit; per member, its first grouped hit and the counting sort's fill position; the hits
   * grouped by member. */
  zoneHitStart = new Uint32Array(1024);
  byMemberStart = new Uint32Array(1024);
  fillAt = new Uint32Array(1024);
  grouped = new Uint32Array(1024);
  /** Clipped street pieces of the rule being computed (copied out exactly into its result). */
  clip = new GrowableClip();

  constructor(p: Prepared) {
    this.memberOf = p.setList.map((s) => new Int32Array(s.count).fill(-1));
  }

  ensureHits(n: number): void {
    if (n <= this.hitMember.length) return;
    const size = Math.max(n, 2 * this.hitMember.length);
    this.hitMember = grown(this.hitMember, size);
    this.hitZone = grown(this.hitZone, size);
    this.hitDistanceM = grown(this.hitDistanceM, size);
    this.hitInsideM = grown(this.hitInsideM, size);
    this.hitIntervals = grown(this.hitIntervals, size + 1);
  }

  ensureMembers(n: number): void {
    if (n <= this.memberSet.length) return;
    const size = Math.max(n, 2 * this.memberSet.length);
    this.memberSet = grown(this.memberSet, size);
    this.memberIndex = grown(this.memberIndex, size);
  }

  ensureZones(n: number): void {
    if (n > this.zoneHitStart.length) this.zoneHitStart = new Uint32Array(Math.max(n, 2 * this.zoneHitStart.length));
  }

  /** Room to group `hits` hits of `members` members; `byMemberStart` zeroed over the members. */
  ensureGrouping(members: number, hits: number): void {
    if (members + 1 > this.byMemberStart.length) {
      const size = Math.max(members + 1, 2 * this.byMemberStart.length);
      this.byMemberStart = new Uint32Array(size);
      this.fillAt = new Uint32Array(size);
    }
    this.byMemberStart.fill(0, 0, members + 1);
    if (hits > this.grouped.length) this.grouped = new Uint32Array(Math.max(hits, 2 * this.grouped.length));
  }

  ensurePairs(n: number): void {
    if (2 * n > this.pairs.length) this.pairs = grown(this.pairs, Math.max(2 * n, 2 * this.pairs.length));
  }

  ensureIntervals(n: number): void {
    if (n > this.intervals.length) this.intervals = grown(this.intervals, Math.max(n, 2 * this.intervals.length));
  }
}

/** The hits of one rule, as found by `collectHits`: scratch arrays in `sc`, counts here. */
interface RuleHits {
  targets: ObjectSet[];
  /** Per target set: object index → member number, -1 when not a member. */
  memberOf: Int32Array[];
  zoneCount: number;
  hits: number;
  members: number;
}

/**
 * One rule at one radius: find every (zone, target) hit, group them by member, lay the members out in object
 * order with their hits nearest first, then total each zone's figures and priority.
 */
function computeRule(
  p: Prepared,
  rule: ZoneRule,
  radiusM: number,
  rollup: RollUp,
  circleSteps: number | undefined,
  sc: Scratch,
): CompactRule {
  const steps = checkedCircleSteps(rule, radiusM, circleSteps);
  const { zoneAnchor, zoneCenter } = zonesOf(p, rule);
  const found = collectHits(p, rule, radiusM, zoneCenter, sc);
  groupHitsByMember(sc, found.members, found.hits);
  const stride = figuresStride(rollup);
  const stats = new Float64Array(stride * (1 + found.zoneCount));
  const members = layOutMembers(sc, found, rollup, stats);
  const zonePriority = zoneFigures(p, sc, found, rollup, stats);
  return {
    ruleId: rule.id,
    radiusM,
    circleSteps: steps,
    zoneAnchor,
    zoneCenter,
    geometry: zoneGeometry(p, rule, zoneCenter, radiusM, steps),
    zoneLandShare: zoneLandShares(p, rule, zoneCenter, radiusM, steps),
    ...members,
    stats,
    zonePriority,
  };
}

/** The circle's polygon steps: the caller's, else enough for the chord error; refused when too coarse. */
function checkedCircleSteps(rule: ZoneRule, radiusM: number, circleSteps: number | undefined): number {
  const steps = circleSteps ?? stepsForChordError(radiusM);
  if (radiusM * (1 - Math.cos(Math.PI / steps)) >= MAX_CHORD_ERROR_M) {
    throw new Error(
      `circleSteps ${steps} leaves edges ${MAX_CHORD_ERROR_M} m or more off the ${radiusM} m circles of rule ` +
        `${rule.id}; use at least ${stepsForChordError(radiusM)}`,
    );
  }
  return steps;
}

/**
 * Every target within `radiusM` of each zone centre, zone by zone: the hit's member, zone, distance and (for
 * streets) the inside intervals along the line, written to `sc`. Members are numbered in discovery order.
 */
function collectHits(p: Prepared, rule: ZoneRule, radiusM: number, zoneCenter: Float64Array, sc: Scratch): RuleHits {
  const zoneCount = zoneCenter.length / 2;
  const targets = rule.targetKinds.map((k) => p.sets[k]);
  const memberOf = targets.map((s) => sc.memberOf[p.setList.indexOf(s)]);
  for (const slots of memberOf) slots.fill(-1);
  const streetClass = rule.targetFilter?.streetClass;
  const land = rule.clipToLand ? p.land : null;
  sc.ensureZones(zoneCount + 1);
  const zoneHitStart = sc.zoneHitStart;
  const line = sc.line;
  let hits = 0;
  let members = 0;
  let intervalCount = 0;

  for (let z = 0; z < zoneCount; z++) {
    zoneHitStart[z] = hits;
    const cx = zoneCenter[2 * z];
    const cy = zoneCenter[2 * z + 1];
    const plane = new LocalPlane([cx, cy]);
    const [w, s, e, n] = circleBBox([cx, cy], radiusM);
    for (let t = 0; t < targets.length; t++) {
      const set = targets[t];
      if (!set.index) continue;
      const slots = memberOf[t];
      const { coords, ringStarts, ringOffsets, geomType } = set;
      for (const item of set.index.search(w, s, e, n)) {
        const i = set.indexed[item];
        if (streetClass && set.streetClass[i] !== streetClass) continue;
        if (land && !onLand(set, i, p)) continue;
        const r0 = ringOffsets[i];
        const v0 = ringStarts[r0];
        let distanceM: number;
        const isLine = geomType[i] === GEOM_LINE;
        if (geomType[i] === GEOM_POINT) {
          distanceM = haversineRawM(cx, cy, coords[2 * v0], coords[2 * v0 + 1]);
        } else if (isLine) {
          line.n = 0;
          distanceM = clipLineToCircle(plane, radiusM, coords, v0, ringStarts[r0 + 1] - 1, set.cumM, line);
        } else if (geomType[i] === GEOM_POLYGON) {
          distanceM = distanceToPolygonM(plane, coords, ringStarts, r0, ringOffsets[i + 1]);
        } else continue;
        if (distanceM > radiusM + ON_RADIUS_TOLERANCE_M) continue;

        let b = slots[i];
        if (b < 0) {
          b = members++;
          sc.ensureMembers(members);
          slots[i] = b;
          sc.memberSet[b] = t;
          sc.memberIndex[b] = i;
        }
        sc.ensureHits(hits + 1);
        sc.hitMember[hits] = b;
        sc.hitZone[hits] = z;
        sc.hitDistanceM[hits] = distanceM;
        sc.hitIntervals[hits] = intervalCount;
        let insideM = NaN;
        if (isLine) {
          insideM = 0;
          sc.ensureIntervals(intervalCount + line.n);
          for (let k = 0; k < line.n; k += 2) {
            insideM += line.xs[k + 1] - line.xs[k];
            sc.intervals[intervalCount++] = line.xs[k];
            sc.intervals[intervalCount++] = line.xs[k + 1];
          }
        }
        sc.hitInsideM[hits] = insideM;
        hits++;
        sc.hitIntervals[hits] = intervalCount;
      }
    }
  }
  zoneHitStart[zoneCount] = hits;
  return { targets, memberOf, zoneCount, hits, members };
}

/** Groups the hits by member, keeping zone order within each member (a counting sort into `sc.grouped`). */
function groupHitsByMember(sc: Scratch, members: number, hits: number): void {
  sc.ensureGrouping(members, hits);
  const { byMemberStart, fillAt, grouped } = sc;
  for (let h = 0; h < hits; h++) byMemberStart[sc.hitMember[h] + 1]++;
  for (let b = 0; b < members; b++) byMemberStart[b + 1] += byMemberStart[b];
  fillAt.set(byMemberStart.subarray(0, members));
  for (let h = 0; h < hits; h++) grouped[fillAt[sc.hitMember[h]]++] = h;
}

type MemberArrays = Pick<
  CompactRule,
  | 'memberSlot'
  | 'memberDistanceM'
  | 'memberInsideM'
  | 'memberHitStart'
  | 'hitZone'
  | 'hitDistanceM'
  | 'hitInsideM'
  | 'memberPieceStart'
  | 'pieceStart'
  | 'clipCoords'
>;

/**
 * Members in object order (kind, then input order) rather than discovery order, so results do not depend on
 * zone order; each member's hits nearest first (a stable sort: equal distances keep zone order). A street's
 * inside length is over the union of its circles, and that union is cut out as its clipped pieces. Adds each
 * member's figures to the rule's row of `stats`.
 */
function layOutMembers(sc: Scratch, found: RuleHits, rollup: RollUp, stats: Float64Array): MemberArrays {
  const { targets, memberOf, members, hits } = found;
  const { byMemberStart, grouped } = sc;
  const memberSlot = new Int32Array(members);
  const memberDistanceM = new Float64Array(members);
  const memberInsideM = new Float64Array(members).fill(NaN);
  const memberHitStart = new Uint32Array(members + 1);
  const hitZone = new Int32Array(hits);
  const hitDistanceM = new Float64Array(hits);
  const hitInsideM = new Float64Array(hits);
  const memberPieceStart = new Uint32Array(members + 1);
  const pieces = sc.clip;
  pieces.reset();
  const union: Intervals = [];

  let m = 0;
  let out = 0;
  for (let t = 0; t < targets.length; t++) {
    const set = targets[t];
    const slots = memberOf[t];
    for (let i = 0; i < set.count; i++) {
      const b = slots[i];
      if (b < 0) continue;
      const first = out;
      for (let k = byMemberStart[b]; k < byMemberStart[b + 1]; k++) {
        const h = grouped[k];
        const d = sc.hitDistanceM[h];
        let q = out++;
        while (q > first && hitDistanceM[q - 1] > d) {
          hitZone[q] = hitZone[q - 1];
          hitDistanceM[q] = hitDistanceM[q - 1];
          hitInsideM[q] = hitInsideM[q - 1];
          q--;
        }
        hitZone[q] = sc.hitZone[h];
        hitDistanceM[q] = d;
        hitInsideM[q] = sc.hitInsideM[h];
      }
      memberSlot[m] = set.slot0 + i;
      memberDistanceM[m] = hitDistanceM[first];
      memberHitStart[m + 1] = out;
      memberPieceStart[m] = pieces.pieces;
      if (set.geomType[i] === GEOM_LINE) {
        unionOfHits(sc, grouped, byMemberStart[b], byMemberStart[b + 1], union);
        let insideM = 0;
        for (let k = 0; k < union.length; k += 2) insideM += union[k + 1] - union[k];
        memberInsideM[m] = insideM;
        const r0 = set.ringOffsets[i];
        pieces.sliceLine(set.coords, set.ringStarts[r0], set.ringStarts[r0 + 1] - 1, set.cumM, union);
        addFigures(stats, 0, rollup, set.slot0 + i, insideM);
      } else addFigures(stats, 0, rollup, set.slot0 + i, null);
      m++;
    }
  }
  memberPieceStart[members] = pieces.pieces;
  return {
    memberSlot,
    memberDistanceM,
    memberInsideM,
    memberHitStart,
    hitZone,
    hitDistanceM,
    hitInsideM,
    memberPieceStart,
    pieceStart: pieces.starts(),
    clipCoords: pieces.coords(),
  };
}

/** Each zone's figures (its row 1 + z of `stats`) from its hits, and its priority score. */
function zoneFigures(p: Prepared, sc: Scratch, found: RuleHits, rollup: RollUp, stats: Float64Array): Float64Array {
  const { targets, zoneCount } = found;
  const zonePriority = new Float64Array(zoneCount);
  const weights = p.campaign.priority.weights;
  for (let z = 0; z < zoneCount; z++) {
    for (let h = sc.zoneHitStart[z]; h < sc.zoneHitStart[z + 1]; h++) {
      const b = sc.hitMember[h];
      const set = targets[sc.memberSet[b]];
      const insideM = sc.hitInsideM[h];
      addFigures(stats, 1 + z, rollup, set.slot0 + sc.memberIndex[b], Number.isNaN(insideM) ? null : insideM);
    }
    zonePriority[z] = priorityOfRow(stats, 1 + z, rollup.defectStates, weights);
  }
  return zonePriority;
}

/**
 * Union of the inside intervals of a street's hits `grouped[from..to-1]`: sorted by start (a stable insertion
 * sort in scratch arrays: a street has a handful of intervals), overlaps merged.
 */
function unionOfHits(sc: Scratch, grouped: Uint32Array, from: number, to: number, union: Intervals): void {
  union.length = 0;
  let n = 0;
  for (let k = from; k < to; k++) {
    const h = grouped[k];
    for (let v = sc.hitIntervals[h]; v < sc.hitIntervals[h + 1]; v += 2) {
      sc.ensurePairs(n + 1);
      const start = sc.intervals[v];
      const end = sc.intervals[v + 1];
      let q = n++;
      while (q > 0 && sc.pairs[2 * q - 2] > start) {
        sc.pairs[2 * q] = sc.pairs[2 * q - 2];
        sc.pairs[2 * q + 1] = sc.pairs[2 * q - 1];
        q--;
      }
      sc.pairs[2 * q] = start;
      sc.pairs[2 * q + 1] = end;
    }
  }
  for (let j = 0; j < n; j++) {
    const start = sc.pairs[2 * j];
    const end = sc.pairs[2 * j + 1];
    const u = union.length;
    if (u > 0 && start <= union[u - 1]) union[u - 1] = Math.max(union[u - 1], end);
    else union.push(start, end);
  }
}

/** The pieces of clipped streets as flat coordinates, appended member after member; reused rule after rule. */
class GrowableClip {
  pieces = 0;
  private vertices = 0;
  private pieceStarts = new Uint32Array(256);
  private xy = new Float64Array(1024);

  reset(): void {
    this.pieces = 0;
    this.vertices = 0;
  }

  /** Append the pieces of the line `first..last` covered by `intervals`: each piece starts and ends at the
   * interpolated interval ends and keeps the original vertices in between. */
  sliceLine(coords: Float64Array, first: number, last: number, cumM: Float64Array, intervals: Intervals): void {
    let k = first;
    for (let j = 0; j < intervals.length; j += 2) {
      const s0 = intervals[j];
      const s1 = intervals[j + 1];
      if (!(s1 > s0)) continue;
      this.startPiece();
      while (k < last - 1 && cumM[k + 1] <= s0) k++;
      this.pointAt(coords, cumM, k, s0);
      while (k < last - 1 && cumM[k + 1] < s1) {
        k++;
        this.push(coords[2 * k], coords[2 * k + 1]);
      }
      this.pointAt(coords, cumM, k, s1);
    }
  }

  starts(): Uint32Array {
    const out = new Uint32Array(this.pieces + 1);
    out.set(this.pieceStarts.subarray(0, this.pieces));
    out[this.pieces] = this.vertices;
    return out;
  }

  coords(): Float64Array {
    return this.xy.slice(0, 2 * this.vertices);
  }

  private startPiece(): void {
    if (this.pieces + 1 >= this.pieceStarts.length)
      this.pieceStarts = grown(this.pieceStarts, 2 * this.pieceStarts.length);
    this.pieceStarts[this.pieces++] = this.vertices;
  }

  private pointAt(coords: Float64Array, cumM: Float64Array, k: number, s: number): void {
    const segM = cumM[k + 1] - cumM[k];
    const t = segM > 0 ? Math.min(1, Math.max(0, (s - cumM[k]) / segM)) : 0;
    this.push(
      coords[2 * k] + t * (coords[2 * k + 2] - coords[2 * k]),
      coords[2 * k + 1] + t * (coords[2 * k + 3] - coords[2 * k + 1]),
    );
  }

  private push(x: number, y: number): void {
    if (2 * this.vertices + 2 > this.xy.length) this.xy = grown(this.xy, 2 * this.xy.length);
    this.xy[2 * this.vertices] = x;
    this.xy[2 * this.vertices + 1] = y;
    this.vertices++;
  }
}

/** The rule's anchors (rule-anchors.ts) that have a point geometry. */
function zonesOf(p: Prepared, rule: ZoneRule): { zoneAnchor: Int32Array; zoneCenter: Float64Array } {
  const set = p.sets[rule.anchorKind];
  const areaByCode = new Map(p.campaign.subdistricts.map((s) => [s.code, s.area]));
  const anchors: number[] = [];
  for (let i = 0; i < set.count; i++) {
    if (set.geomType[i] !== GEOM_POINT) continue;
    const builtUp = set.builtUp[i] === 1 ? true : set.builtUp[i] === 0 ? false : null;
    if (isRuleAnchor(rule, set.kind, areaByCode.get(set.subdistrict[i]), builtUp)) anchors.push(i);
  }
  const zoneAnchor = new Int32Array(anchors.length);
  const zoneCenter = new Float64Array(2 * anchors.length);
  anchors.forEach((i, z) => {
    const v = set.ringStarts[set.ringOffsets[i]];
    zoneAnchor[z] = set.slot0 + i;
    zoneCenter[2 * z] = set.coords[2 * v];
    zoneCenter[2 * z + 1] = set.coords[2 * v + 1];
  });
  return { zoneAnchor, zoneCenter };
}

/** On-land flag of a target, cached on its set: points by point-in-polygon, others when any vertex is on land. */
function onLand(set: ObjectSet, i: number, p: Prepared): boolean {
  const known = set.onLand[i];
  if (known >= 0) return known === 1;
  let yes = false;
  const land = p.land!;
  const end = set.ringStarts[set.ringOffsets[i + 1]];
  for (let v = set.ringStarts[set.ringOffsets[i]]; v < end && !yes; v++) {
    yes = pointOnLand(land, set.coords[2 * v], set.coords[2 * v + 1]);
  }
  set.onLand[i] = yes ? 1 : 0;
  return yes;
}

/** The rule's merged circles, clipped to land where it says so, in flat arrays; null when nothing is left. */
function zoneGeometry(
  p: Prepared,
  rule: ZoneRule,
  zoneCenter: Float64Array,
  radiusM: number,
  steps: number,
): FlatPolygons | null {
  if (zoneCenter.length === 0) return null;
  const merged = unionCirclesFlat(zoneCenter, radiusM, { steps });
  return rule.clipToLand && p.land ? clipToLandFlat(merged, p.land) : merged;
}

/**
 * Per zone, the share of its full circle that is on land (its circle clipped to land, by area); NaN for every zone
 * when the rule does not clip to land or there is no land. A zone around an anchor the land misses shows 0 here.
 */
function zoneLandShares(
  p: Prepared,
  rule: ZoneRule,
  zoneCenter: Float64Array,
  radiusM: number,
  steps: number,
): Float64Array {
  const zoneCount = zoneCenter.length / 2;
  const shares = new Float64Array(zoneCount).fill(NaN);
  if (!rule.clipToLand || !p.land) return shares;
  for (let z = 0; z < zoneCount; z++) {
    const circle = flatOfPolygons([
      circlePolygon([zoneCenter[2 * z], zoneCenter[2 * z + 1]], radiusM, { steps }).coordinates,
    ]);
    const onLand = clipToLandFlat(circle, p.land);
    shares[z] = onLand ? Math.min(1, areaOfFlat(onLand) / areaOfFlat(circle)) : 0;
  }
  return shares;
}

/** Area of flat polygons in square degrees (outer rings minus holes): enough for a ratio within one circle. */
function areaOfFlat(g: FlatPolygons): number {
  let area = 0;
  for (let q = 0; q + 1 < g.polygonRingStart.length; q++) {
    for (let r = g.polygonRingStart[q]; r < g.polygonRingStart[q + 1]; r++) {
      const ring = Math.abs(signedAreaFlat(g.coords, g.ringStart[r], g.ringStart[r + 1]));
      area += r === g.polygonRingStart[q] ? ring : -ring;
    }
  }
  return area;
}

function grown<T extends Int32Array | Uint32Array | Float64Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}

/**
 * The zone engine: from the loaded data set and what-if radii to zones, memberships with reasons, object states
 * and figures (issue 4). Pure: the same code runs in the app's Web Worker and in the Node scripts.
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
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { ZoneRule } from '../campaign/types';
import { dayFromIso } from '../campaign/dates';
import { unionCircles } from './circle-union';
import { clipLineToCircle, distanceToPolygonM, intervalsLengthM, mergeIntervals, sliceLine, type Intervals } from './clip';
import { FiguresAccumulator } from './figures';
import { circleBBox, circlePolygon, haversineRawM, LocalPlane, MAX_CHORD_ERROR_M, stepsForChordError } from './geodesy';
import { clipToLand, pointOnLand } from './land';
import { GEOM_LINE, GEOM_POINT, GEOM_POLYGON, prepareEngine, type ObjectSet, type Prepared } from './prepare';
import { rollUp, statusRecords, type RollUp } from './rollup';
import type {
  AnchorHit,
  EngineInput,
  EngineOptions,
  EngineResult,
  Membership,
  ObjectStatus,
  RuleResult,
  Zone,
  ZoneFigures,
} from './types';

/** Allowance for floating-point rounding at the radius, metres: a point built exactly on the circle is inside. */
export const ON_RADIUS_TOLERANCE_M = 1e-6;

const rollUpByPrepared = new WeakMap<Prepared, { rollup: RollUp; status: Record<string, ObjectStatus> }>();

/**
 * Compute zones, memberships, states and figures for every rule of `input.campaign`, from scratch. To answer
 * several what-ifs on one data set, flatten it once with `prepareEngine` and call `computePrepared` (the worker
 * does that), which redoes only the per-rule work.
 *
 * @example computeEngine(input, { radiusOverrides: { R500: 800 } }).rules.find((r) => r.ruleId === 'R500')
 */
export function computeEngine(input: EngineInput, options: EngineOptions = {}): EngineResult {
  return computePrepared(prepareEngine(input), options);
}

/**
 * `computeEngine` on data flattened with `prepareEngine`. The state roll-up is kept per `Prepared` and as-of
 * date, so a radius change does not redo it.
 */
export function computePrepared(p: Prepared, options: EngineOptions = {}): EngineResult {
  const campaign = p.campaign;
  const asOfDate = options.asOfDate ?? campaign.asOfDate;
  const asOfDay = dayFromIso(asOfDate);
  const overrides = options.radiusOverrides ?? {};
  for (const [ruleId, radiusM] of Object.entries(overrides)) {
    if (!campaign.zoneRules.some((r) => r.id === ruleId)) throw new Error(`radiusOverrides names unknown rule "${ruleId}"`);
    if (typeof radiusM !== 'number' || !(radiusM > 0) || !Number.isFinite(radiusM)) {
      throw new Error(`radius override for rule ${ruleId} must be a positive number of metres, got ${radiusM}`);
    }
  }

  let cached = rollUpByPrepared.get(p);
  if (!cached || cached.rollup.asOfDay !== asOfDay) {
    const rollup = rollUp(campaign, p.setList, p.defects, p.slotOfObject, asOfDay);
    cached = { rollup, status: statusRecords(p.setList, rollup) };
    rollUpByPrepared.set(p, cached);
  }
  const { rollup, status } = cached;

  const rules = campaign.zoneRules.map((rule) =>
    computeRule(p, rule, overrides[rule.id] ?? rule.radiusM, rollup, options.circleSteps),
  );
  return { asOfDate, rules, status };
}

interface MemberBuilder {
  set: ObjectSet;
  index: number;
  hits: AnchorHit[];
  /** Streets: inside intervals of each hit. */
  intervals: Intervals[];
}

function computeRule(
  p: Prepared,
  rule: ZoneRule,
  radiusM: number,
  rollup: RollUp,
  circleSteps: number | undefined,
): RuleResult {
  const steps = circleSteps ?? stepsForChordError(radiusM);
  if (radiusM * (1 - Math.cos(Math.PI / steps)) >= MAX_CHORD_ERROR_M) {
    throw new Error(
      `circleSteps ${steps} leaves edges ${MAX_CHORD_ERROR_M} m or more off the ${radiusM} m circles of rule ` +
        `${rule.id}; use at least ${stepsForChordError(radiusM)}`,
    );
  }
  const zones = zonesOf(p, rule, radiusM);
  const targets = rule.targetKinds.map((k) => p.sets[k]);
  const memberOf = new Map<ObjectSet, Int32Array>(targets.map((s) => [s, new Int32Array(s.count).fill(-1)]));
  const builders: MemberBuilder[] = [];
  // Hits per zone, flat: zone z owns hitBuilder/hitInsideM[zoneHitStart[z] .. zoneHitStart[z+1]-1] (NaN = not a street).
  const zoneHitStart: number[] = [];
  const hitBuilder: number[] = [];
  const hitInsideM: number[] = [];
  const scratch: Intervals = [];
  const streetClass = rule.targetFilter?.streetClass;
  const land = rule.clipToLand ? p.land : null;

  for (const zone of zones) {
    zoneHitStart.push(hitBuilder.length);
    const [cx, cy] = zone.center;
    const plane = new LocalPlane(zone.center);
    const [w, s, e, n] = circleBBox(zone.center, radiusM);
    for (const set of targets) {
      if (!set.index) continue;
      const slots = memberOf.get(set)!;
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
          scratch.length = 0;
          distanceM = clipLineToCircle(plane, radiusM, coords, v0, ringStarts[r0 + 1] - 1, set.cumM, scratch);
        } else if (geomType[i] === GEOM_POLYGON) {
          distanceM = distanceToPolygonM(plane, coords, ringStarts, r0, ringOffsets[i + 1]);
        } else continue;
        if (distanceM > radiusM + ON_RADIUS_TOLERANCE_M) continue;

        let b = slots[i];
        if (b < 0) {
          b = builders.length;
          slots[i] = b;
          builders.push({ set, index: i, hits: [], intervals: [] });
        }
        const hit: AnchorHit = { zoneId: zone.id, anchorId: zone.anchorId, anchorName: zone.anchorName, distanceM };
        let insideLengthM = NaN;
        if (isLine) {
          insideLengthM = intervalsLengthM(scratch);
          hit.insideLengthM = insideLengthM;
          builders[b].intervals.push(scratch.slice());
        }
        builders[b].hits.push(hit);
        hitBuilder.push(b);
        hitInsideM.push(insideLengthM);
      }
    }
  }

  zoneHitStart.push(hitBuilder.length);

  const figures = new FiguresAccumulator(rollup, p.campaign.priority.weights);
  const memberships: Membership[] = [];
  // Object order (kind, then input order) rather than discovery order, so results do not depend on zone order.
  for (const set of targets) {
    const slots = memberOf.get(set)!;
    for (let i = 0; i < set.count; i++) {
      if (slots[i] < 0) continue;
      const b = builders[slots[i]];
      if (b.hits.length > 1) b.hits.sort((x, y) => x.distanceM - y.distanceM);
      const m: Membership = {
        ruleId: rule.id,
        objectId: set.ids[i],
        kind: set.kind,
        anchors: b.hits,
        distanceM: b.hits[0].distanceM,
      };
      if (set.geomType[i] === GEOM_LINE) {
        const union = mergeIntervals(b.intervals);
        m.insideLengthM = intervalsLengthM(union);
        const r0 = set.ringOffsets[i];
        const pieces = sliceLine(set.coords, set.ringStarts[r0], set.ringStarts[r0 + 1] - 1, set.cumM, union);
        if (pieces.length === 1) m.clipped = { type: 'LineString', coordinates: pieces[0] } satisfies LineString;
        else if (pieces.length > 1) m.clipped = { type: 'MultiLineString', coordinates: pieces } satisfies MultiLineString;
        figures.add(set.slot0 + i, m.insideLengthM);
      } else figures.add(set.slot0 + i, null);
      memberships.push(m);
    }
  }

  const zoneFigures: ZoneFigures[] = zones.map((zone, z) => {
    const acc = new FiguresAccumulator(rollup, p.campaign.priority.weights);
    for (let h = zoneHitStart[z]; h < zoneHitStart[z + 1]; h++) {
      const b = builders[hitBuilder[h]];
      acc.add(b.set.slot0 + b.index, Number.isNaN(hitInsideM[h]) ? null : hitInsideM[h]);
    }
    return { zoneId: zone.id, ruleId: rule.id, ...acc.finish() };
  });

  return {
    ruleId: rule.id,
    radiusM,
    zones,
    geometry: zoneGeometry(p, rule, zones, radiusM, steps),
    circles: {
      type: 'FeatureCollection',
      features: zones.map((zone) => ({
        type: 'Feature',
        properties: { zoneId: zone.id, ruleId: rule.id },
        geometry: circlePolygon(zone.center, radiusM, { steps }),
      })),
    },
    memberships,
    figures: figures.finish(),
    zoneFigures,
  };
}

/**
 * The rule's anchors: objects of `rule.anchorKind` with a point geometry, in a subdistrict whose
 * `campaign.subdistricts[].area` is `rule.anchorArea` (when the rule names one). A market must in addition not
 * say `builtUp: false` for a built-up rule: the plan scopes "markets in the built-up area", and a market in a
 * built-up subdistrict can still lie outside the built-up area.
 */
function zonesOf(p: Prepared, rule: ZoneRule, radiusM: number): Zone[] {
  const set = p.sets[rule.anchorKind];
  const areaByCode = new Map(p.campaign.subdistricts.map((s) => [s.code, s.area]));
  const zones: Zone[] = [];
  for (let i = 0; i < set.count; i++) {
    if (set.geomType[i] !== GEOM_POINT) continue;
    const subdistrict = set.subdistrict[i];
    if (rule.anchorArea) {
      if (areaByCode.get(subdistrict) !== rule.anchorArea) continue;
      if (set.kind === 'market' && rule.anchorArea === 'builtUp' && set.builtUp[i] === 0) continue;
    }
    const v = set.ringStarts[set.ringOffsets[i]];
    zones.push({
      id: `${rule.id}:${set.ids[i]}`,
      ruleId: rule.id,
      anchorId: set.ids[i],
      anchorName: set.names[i],
      anchorKind: rule.anchorKind,
      subdistrict,
      center: [set.coords[2 * v], set.coords[2 * v + 1]],
      radiusM,
    });
  }
  return zones;
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

function zoneGeometry(
  p: Prepared,
  rule: ZoneRule,
  zones: Zone[],
  radiusM: number,
  steps: number,
): Feature<Polygon | MultiPolygon, { ruleId: string }> | null {
  if (zones.length === 0) return null;
  let geometry: Polygon | MultiPolygon | null = unionCircles(
    zones.map((z) => ({ center: z.center, radiusM })),
    { steps },
  );
  if (rule.clipToLand && p.land) geometry = clipToLand(geometry, p.land);
  if (!geometry) return null;
  return { type: 'Feature', properties: { ruleId: rule.id }, geometry };
}

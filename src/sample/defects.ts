/**
 * Sample defects on the placed objects, with lifecycle-consistent state histories, the objects' last inspection
 * dates, and per-community visit figures. Part of the sample generator.
 */

import type { Feature, LineString, Point, Polygon } from 'geojson';
import { along, length as turfLength } from '@turf/turf';
import type { Campaign, DefectState, IsoDate, LngLat, StreetClass } from '../campaign/types';
import type { CommunityProps, DefectHistoryEntry, TownSeatProps, VisitFigures } from '../dataset/types';
import { dayFromIso, isoFromDay } from '../campaign/dates';
import { findPath, initialStates, taskForceByCode } from '../campaign/model';
import type { Random } from './random';
import { builtUpCodes, pad } from './objects';
import type { DEFAULT_OPTIONS, SampleInputs, SampleObjectKind, TargetFilter } from './settings';
import { offset, place, type Terrain } from './terrain';

export interface SampleObject {
  kind: SampleObjectKind;
  feature: Feature<Point | Polygon | LineString, BaseLikeProps>;
  rural: boolean;
  inspection: 'never' | 'stale' | 'recent';
}

interface BaseLikeProps {
  id: string;
  name: string;
  subdistrict: string;
  unit: string;
  lastInspected: IsoDate | null;
  streetClass?: StreetClass;
}

export function toSampleObject(
  kind: SampleObjectKind,
  feature: Feature<Point | Polygon | LineString, BaseLikeProps>,
): SampleObject {
  return { kind, feature, rural: false, inspection: 'recent' };
}

export interface SampleDefect {
  id: string;
  taskForce: string;
  category: string;
  state: DefectState;
  position: LngLat;
  foundDate: IsoDate;
  deadlineDate: IsoDate;
  unit: string;
  subdistrict: string;
  object: string | null;
  description: string;
  history: DefectHistoryEntry[];
}

/**
 * Draws `opts.defects` defects split over the task forces by `opts.defectMix`, each on an object the task force
 * inspects. It first gives every object an inspection profile (never / stale / recent, stored on the object for
 * `setLastInspected`): never-inspected objects get no defects, stale ones only defects found before the stale window.
 */
export function makeDefects(
  { campaign, vocabulary }: SampleInputs,
  geo: Terrain,
  rnd: Random,
  objects: SampleObject[],
  townSeats: Feature<Point, TownSeatProps>[],
  days: { startDay: number; asOfDay: number },
  opts: typeof DEFAULT_OPTIONS,
): SampleDefect[] {
  const ruralCodes = new Set(campaign.subdistricts.filter((s) => s.area === 'rural').map((s) => s.code));
  const lastStaleDay = days.asOfDay - campaign.staleDays - 1;
  for (const o of objects) {
    o.rural = ruralCodes.has(o.feature.properties.subdistrict);
    o.inspection = rnd.chance(opts.neverInspectedShare) ? 'never' : rnd.chance(opts.staleShare) ? 'stale' : 'recent';
  }
  const initial = initialStates(campaign);
  if (initial.length !== 1) throw new Error(`sample: expected one initial lifecycle state, found ${initial.length}`);
  const defects: SampleDefect[] = [];
  const mix = Object.entries(opts.defectMix);
  const totalShare = mix.reduce((s, [, m]) => s + m.share, 0);
  let remaining = opts.defects;
  mix.forEach(([tfCode, m], i) => {
    const tf = taskForceByCode(campaign, tfCode);
    if (!tf) throw new Error(`sample: defectMix names unknown task force ${tfCode}`);
    const n = i === mix.length - 1 ? remaining : Math.round((opts.defects * m.share) / totalShare);
    remaining -= n;
    const candidates = m.on ? objects.filter((o) => o.inspection !== 'never' && matches(o, m.on as TargetFilter)) : [];
    if (m.on && candidates.length === 0) throw new Error(`sample: no objects for ${tfCode}`);
    for (let k = 0; k < n; k += 1) {
      const object = m.on ? rnd.pick(candidates) : null;
      const position = object ? nearObject(geo, rnd, object) : nearOffice(geo, rnd, campaign, townSeats);
      const subdistrict = object?.feature.properties.subdistrict ?? rnd.pick(builtUpCodes(campaign));
      const unit = object && rnd.chance(0.65) ? object.feature.properties.unit : rnd.pick(tf.leadUnits);
      const category = rnd.pick(tf.categories);
      const foundDay = rnd.int(days.startDay, object?.inspection === 'stale' ? lastStaleDay : days.asOfDay);
      const deadlineDay = foundDay + rnd.int(opts.deadlineDays[0], opts.deadlineDays[1]);
      const { state, history } = makeHistory(campaign, rnd, initial[0], {
        foundDay,
        asOfDay: days.asOfDay,
        unit,
        weights: opts.finalStateWeights,
        reworkShare: opts.reworkShare,
      });
      const template = rnd.pick(vocabulary.descriptionTemplates);
      defects.push({
        id: `D${pad(defects.length + 1, 5)}`,
        taskForce: tf.code,
        category: category.code,
        state,
        position,
        foundDate: isoFromDay(foundDay),
        deadlineDate: isoFromDay(deadlineDay),
        unit,
        subdistrict,
        object: object?.feature.properties.id ?? null,
        description: template
          .replace('{object}', object?.feature.properties.name ?? vocabulary.declarationSubject)
          .replace('{category}', category.zh),
        history,
      });
    }
  });
  return defects;
}

function matches(o: SampleObject, f: TargetFilter): boolean {
  if (!f.kinds.includes(o.kind)) return false;
  if (f.streetClass && o.feature.properties.streetClass !== f.streetClass) return false;
  if (f.area === 'rural' && !o.rural) return false;
  if (f.area === 'builtUp' && o.rural) return false;
  return true;
}

/** A point on or beside the object: along a street, inside a compound, a few metres from a point object. */
function nearObject(geo: Terrain, rnd: Random, o: SampleObject): LngLat {
  const g = o.feature.geometry;
  const spreadM = o.kind === 'community' ? 150 : o.kind === 'market' ? 60 : o.kind === 'compound' ? 40 : 15;
  const base = (): LngLat => {
    if (g.type === 'LineString') {
      const lengthKm = turfLength({ type: 'Feature', properties: {}, geometry: g }, { units: 'kilometers' });
      const c = along(g, rnd.range(0, lengthKm), { units: 'kilometers' }).geometry.coordinates;
      return [c[0], c[1]];
    }
    if (g.type === 'Polygon') {
      const ring = g.coordinates[0];
      const [a, b, c] = [ring[0], ring[1], ring[2]];
      const [s, t] = [rnd.next(), rnd.next()];
      return [a[0] + (b[0] - a[0]) * s + (c[0] - b[0]) * t, a[1] + (b[1] - a[1]) * s + (c[1] - b[1]) * t];
    }
    return g.coordinates as LngLat;
  };
  return place(
    `defect near ${o.feature.properties.id}`,
    () => offset(base(), g.type === 'Polygon' ? 0 : rnd.range(0, spreadM), rnd.range(0, 360)),
    (q) => geo.ok(q),
  );
}

/**
 * Declaration defects (TF9) belong to no place; they are put near the district centre (where the 区创建办 sits in
 * the old town) so they stay on the map and inside the district.
 */
function nearOffice(geo: Terrain, rnd: Random, campaign: Campaign, townSeats: Feature<Point, TownSeatProps>[]): LngLat {
  const centre = geo.ok(campaign.district.center)
    ? campaign.district.center
    : (townSeats[0].geometry.coordinates as LngLat);
  return place(
    'declaration defect',
    () => offset(centre, rnd.range(0, 300), rnd.range(0, 360)),
    (q) => geo.ok(q),
  );
}

/**
 * A state history that follows the campaign's lifecycle transitions from the initial state to a final state
 * picked by weight. Each change comes 1–3 days after the previous one and none after the as-of date, so a defect
 * found yesterday cannot already be closed; the pipeline rebuilds this history from dated observations, and
 * distinct dates keep their order unambiguous.
 */
function makeHistory(
  campaign: Campaign,
  rnd: Random,
  initial: DefectState,
  ctx: { foundDay: number; asOfDay: number; unit: string; weights: Record<DefectState, number>; reworkShare: number },
): { state: DefectState; history: DefectHistoryEntry[] } {
  const ageDays = ctx.asOfDay - ctx.foundDay;
  const path = place(
    'a defect history',
    () => lifecyclePath(campaign, rnd, initial, pickFinalState(rnd, ctx.weights, ageDays), ctx.reworkShare),
    (p) => p.length - 1 <= ageDays,
    200,
  );
  const history: DefectHistoryEntry[] = [];
  let day = ctx.foundDay;
  path.forEach((to, i) => {
    if (i > 0) {
      const slack = ctx.asOfDay - day - (path.length - 1 - i);
      day += Math.min(rnd.int(1, 3), slack);
    }
    history.push({ date: isoFromDay(day), from: i === 0 ? null : path[i - 1], to, unit: ctx.unit });
  });
  return { state: path[path.length - 1], history };
}

/** The shortest lifecycle path to `target`, sometimes with one rework loop (re-check failed, 返工) on the way. */
function lifecyclePath(
  campaign: Campaign,
  rnd: Random,
  initial: DefectState,
  target: DefectState,
  reworkShare: number,
): DefectState[] {
  const path = findPath(campaign, initial, target);
  if (!path) throw new Error(`sample: lifecycle has no path from ${initial} to ${target}`);
  const recheck = path.indexOf('awaiting_recheck');
  if (recheck < 0 || recheck === path.length - 1 || !rnd.chance(reworkShare)) return path;
  const out = findPath(campaign, 'awaiting_recheck', 'reopened');
  const back = findPath(campaign, 'reopened', 'awaiting_recheck');
  if (!out || !back) return path;
  return [...path.slice(0, recheck), ...out, ...back.slice(1, -1), ...path.slice(recheck)];
}

/** Older defects are more likely to be closed and less likely to be fresh reports. */
function pickFinalState(rnd: Random, weights: Record<DefectState, number>, ageDays: number): DefectState {
  const age = Math.min(1, ageDays / 14);
  const adjusted = { ...weights };
  adjusted.closed *= 0.15 + 1.7 * age;
  adjusted.reported *= 2.2 - 2 * age;
  adjusted.assigned *= 1.6 - age;
  return rnd.weighted(adjusted);
}

/**
 * An object's last inspection is the latest day a defect was found on it, or a visit that found nothing: within
 * the stale window for recently inspected objects, before it for stale ones, none for never-inspected ones.
 */
export function setLastInspected(
  objects: SampleObject[],
  defects: SampleDefect[],
  rnd: Random,
  days: { startDay: number; asOfDay: number; lastStaleDay: number },
): void {
  const latestFound = new Map<string, number>();
  for (const d of defects) {
    if (d.object) latestFound.set(d.object, Math.max(latestFound.get(d.object) ?? -Infinity, dayFromIso(d.foundDate)));
  }
  for (const o of objects) {
    if (o.inspection === 'never') continue;
    const visit =
      o.inspection === 'stale'
        ? rnd.int(days.startDay, days.lastStaleDay)
        : rnd.int(days.lastStaleDay + 1, days.asOfDay);
    o.feature.properties.lastInspected = isoFromDay(
      Math.max(visit, latestFound.get(o.feature.properties.id) ?? -Infinity),
    );
  }
}

export function makeVisits(rnd: Random, communities: Feature<Point, CommunityProps>[]): VisitFigures[] {
  return communities.map((c) => {
    const households = rnd.int(80, 380) * 10;
    const visited = Math.round(households * rnd.range(0.55, 1));
    const questionnaires = rnd.chance(0.05) ? 0 : Math.round(visited * rnd.range(0.7, 1));
    const stairwells = Math.round(households / rnd.range(10, 16));
    return {
      community: c.properties.code,
      households,
      visited,
      questionnaires,
      satisfaction: questionnaires === 0 ? null : Math.round(rnd.range(0.8, 0.995) * 1000) / 1000,
      stairwells,
      stairwellHeads: Math.round(stairwells * rnd.range(0.75, 1)),
      sample: true,
    };
  });
}
